/**
 * A phone photo (several MB) made small enough to wait in localStorage (a few
 * MB for everything) and to send over a poor connection, yet readable: a
 * signed receipt stays legible at 1600 px.
 *
 * @param {File} file
 * @returns {Promise<string>} JPEG, base64 without the "data:" prefix
 */
export async function shrinkPhoto(file, maxSide = 1600, quality = 0.8) {
    const { image, release } = await loadImage(file);
    const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff"; // transparent PNGs: white, not black, in JPEG
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    release();
    return canvas.toDataURL("image/jpeg", quality).split(",", 2)[1];
}

async function loadImage(file) {
    if (window.createImageBitmap) {
        try {
            // Turned upright as the camera held it (EXIF orientation).
            const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
            return { image: bitmap, release: () => bitmap.close() };
        } catch {
            // Some browsers refuse the options or the format: try an <img>.
        }
    }
    const url = URL.createObjectURL(file);
    const release = () => URL.revokeObjectURL(url);
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        return { image, release };
    } catch (error) {
        release();
        throw error;
    }
}
