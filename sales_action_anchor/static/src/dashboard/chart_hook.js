import { loadBundle } from "@web/core/assets";
import { cookie } from "@web/core/browser/cookie";
import { getColor } from "@web/core/colors/colors";
import { onWillStart, useEffect, useRef } from "@odoo/owl";

/**
 * Owns one Chart.js instance drawn on the canvas `t-ref="canvas"` of the
 * calling component. The chart is rebuilt only when `getDeps()` changes (the
 * payload objects are replaced on each reload, never mutated), not on every
 * render, so toggling the loading state does not replay the animations.
 *
 * @param {() => object} getConfig Chart.js configuration
 * @param {() => any[]} getDeps
 */
export function useChart(getConfig, getDeps) {
    const canvasRef = useRef("canvas");
    const holder = { chart: null };
    // Chart.js is a lazy bundle of the web client, as in the graph view.
    onWillStart(() => loadBundle("web.chartjs_lib"));
    useEffect(
        () => {
            if (!canvasRef.el) {
                return;
            }
            holder.chart = new Chart(canvasRef.el, getConfig());
            return () => {
                holder.chart.destroy();
                holder.chart = null;
            };
        },
        () => getDeps()
    );
    return holder;
}

// Palette of the web client's charts (bright or dark theme).
export function chartColor(index, size = 6) {
    return getColor(index, cookie.get("color_scheme"), size);
}
