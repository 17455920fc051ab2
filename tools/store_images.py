"""The add-on's app-store images drawn with Pillow: the icon (an anchor on
Odoo's purple), the banner (title beside the dashboard screenshot), and the
size budget of a screenshot. Used by ``tools/screenshots.py``."""

import math
import subprocess

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PURPLE = (113, 75, 103)
TEAL = (26, 211, 187)


def optimise_png(path, budget=250 * 1024):
    """Full colour when it fits ``budget``, else a 256-colour palette (a
    screenshot has few colours and shrinks 3-4 times, at the price of slight
    shifts in the charts' hues)."""
    with Image.open(path) as image:
        image = image.convert("RGB")
    image.save(path, optimize=True)
    if path.stat().st_size > budget:
        image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=0).save(path, optimize=True)


def _font(size, bold=True):
    """Noto Sans CJK (Chinese and Latin), else DejaVu, else Pillow's own."""
    style = ":bold" if bold else ""
    for pattern in (f"Noto Sans CJK SC{style}", f"DejaVu Sans{style}"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}|%{index}", pattern], capture_output=True, text=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            break
        file, _sep, index = found.partition("|")
        if file.endswith((".ttf", ".ttc", ".otf")):
            return ImageFont.truetype(file, size, index=int(index or 0))
    return ImageFont.load_default()


def _anchor(draw, box, color, accent, width):
    """An anchor glyph in ``box`` (x0, y0, x1, y1): ring (filled with
    ``accent``), stock, shank, and arms ending in barbs."""
    x0, y0, x1, y1 = box
    cx, w, h = (x0 + x1) / 2, x1 - x0, y1 - y0
    ring_r = h * 0.13
    ring_cy = y0 + ring_r
    draw.line((cx, ring_cy, cx, y1 - width / 2), fill=color, width=width)  # shank
    draw.ellipse(
        (cx - ring_r, ring_cy - ring_r, cx + ring_r, ring_cy + ring_r),
        fill=accent,
        outline=color,
        width=round(width * 0.75),
    )
    stock_y = y0 + h * 0.38
    half = w * 0.22
    draw.line((cx - half, stock_y, cx + half, stock_y), fill=color, width=width)
    for end in (cx - half, cx + half):
        draw.ellipse((end - width / 2, stock_y - width / 2, end + width / 2, stock_y + width / 2), fill=color)
    bottom = y1 - width / 2
    # Arms: the lower part of a circle through the shank's foot, each end
    # with a barb pointing on along the arc (outwards and up).
    arm_r = w * 0.40
    arm_cy = bottom - arm_r
    start, stop = 20, 160  # degrees, clockwise from 3 o'clock
    draw.arc((cx - arm_r, arm_cy - arm_r, cx + arm_r, arm_cy + arm_r), start, stop, fill=color, width=width)
    barb = width * 1.6
    for angle, way in ((start, -1), (stop, 1)):
        theta = math.radians(angle)
        end_x, end_y = cx + arm_r * math.cos(theta), arm_cy + arm_r * math.sin(theta)
        # Along the arc, away from the shank; and the radial direction.
        along = (-way * math.sin(theta), way * math.cos(theta))
        radial = (math.cos(theta), math.sin(theta))
        draw.polygon(
            [
                (end_x + along[0] * barb * 1.2, end_y + along[1] * barb * 1.2),
                (end_x + radial[0] * barb * 0.9, end_y + radial[1] * barb * 0.9),
                (end_x - radial[0] * barb * 0.9, end_y - radial[1] * barb * 0.9),
            ],
            fill=color,
        )


def draw_icon(size=256, tile=True):
    """White anchor on Odoo's purple (``tile``), its ring filled with Odoo's
    teal; drawn four times larger and reduced, for smooth edges."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if tile:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.22, fill=PURPLE)
    margin = big * 0.17
    _anchor(draw, (margin, margin, big - margin, big - margin), (255, 255, 255), TEAL, int(big * 0.06))
    return image.resize((size, size), Image.LANCZOS)


def draw_banner(dashboard_png):
    """1200x600: the icon, the name and what it does, beside the dashboard."""
    width, height = 1200, 600
    banner = Image.new("RGB", (width, height), PURPLE)
    draw = ImageDraw.Draw(banner)
    # A lighter band behind the screenshot, for depth without gradients.
    draw.polygon([(560, 0), (width, 0), (width, height), (440, height)], fill=(133, 95, 123))

    shot = Image.open(dashboard_png).convert("RGB")
    shot_width = 700
    shot = shot.resize((shot_width, round(shot.height * shot_width / shot.width)), Image.LANCZOS)
    left, top = width - shot_width - 30, (height - shot.height) // 2 + 20
    shadow = Image.new("RGBA", (shot.width + 60, shot.height + 60), (0, 0, 0, 0))
    ImageDraw.Draw(shadow).rectangle((30, 30, shot.width + 30, shot.height + 30), fill=(30, 15, 28, 140))
    shadow = shadow.filter(ImageFilter.GaussianBlur(14))
    banner.paste(shadow, (left - 24, top - 18), shadow)
    banner.paste(shot, (left, top))

    glyph = draw_icon(120, tile=False)
    banner.paste(glyph, (28, 56), glyph)
    white, soft = (255, 255, 255), (236, 225, 233)
    draw.text((48, 190), "Sales Action", font=_font(46), fill=white)
    draw.text((48, 244), "Anchors", font=_font(46), fill=white)
    draw.text((48, 306), "动作锚点", font=_font(34), fill=TEAL)
    lines = (
        "Visits that cannot skip their",
        "three elements, stage gates,",
        "action penetration per salesperson",
    )
    for row, line in enumerate(lines):
        draw.text((48, 372 + row * 30), line, font=_font(20, bold=False), fill=soft)
    draw.text((48, 486), "Odoo 18 · CRM", font=_font(18, bold=False), fill=soft)
    return banner


def write_assets(out, repo):
    """The icon, and the banner when the dashboard screenshot is there, into ``out``."""
    path = out / "icon.png"
    draw_icon(256).save(path, optimize=True)
    print(f"  {path.relative_to(repo)}  {path.stat().st_size // 1024} KB")
    dashboard = out / "dashboard.png"
    if dashboard.exists():
        path = out / "banner.png"
        draw_banner(dashboard).save(path)
        optimise_png(path)
        print(f"  {path.relative_to(repo)}  {path.stat().st_size // 1024} KB")
