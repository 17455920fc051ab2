/** @odoo-module */

import { registry } from "@web/core/registry";

// Started at 390 × 844 by tests/test_tour_phone_dashboards.py.

const READY = ".o_anchor_dashboard_body:not(.o_anchor_loading)";

// The filters and the export sit right below Odoo's navbar, which keeps the
// page's name: no row for the export button alone, no label above a choice
// that names itself.
registry.category("web_tour.tours").add("sales_action_anchor_phone_dashboard", {
    steps: () => [
        {
            content: "the page's name is in Odoo's navbar",
            trigger: ".o_main_navbar:contains(Action Anchors)",
        },
        {
            content: "the export is in the filter bar, next to the period",
            trigger: `${READY} .o_anchor_filters .o_anchor_export`,
            run() {
                const panel = document.querySelector(".o_anchor_dashboard .o_control_panel");
                if (panel?.getBoundingClientRect().height) {
                    throw new Error("The control panel is a row for the export button alone");
                }
                const navbar = document.querySelector(".o_main_navbar").getBoundingClientRect();
                const figures = document
                    .querySelector(".o_anchor_dashboard_body > .row:not(.o_anchor_filters)")
                    .getBoundingClientRect();
                // Two rows of filters (period and export; team and salesperson).
                const gap = figures.top - navbar.bottom;
                if (gap > 150) {
                    throw new Error(`The figures start ${gap} px below the navbar`);
                }
            },
        },
        {
            content: "the choices name themselves; their labels are for screen readers",
            trigger: ".o_anchor_filter_period",
            run() {
                for (const label of document.querySelectorAll(".o_anchor_filter_label")) {
                    if (label.getBoundingClientRect().height > 1) {
                        throw new Error(`The label "${label.textContent}" takes a line`);
                    }
                }
            },
        },
    ],
});

// The week does not fit: a fade at the right edge says that days lie beyond
// it, and leaves the last day clear once scrolled to it.
registry.category("web_tour.tours").add("sales_action_anchor_phone_heatmap", {
    steps: () => [
        {
            content: "look at last week, a whole week with a check-in each day",
            trigger: ".o_anchor_filter_period",
            run: "select last_week",
        },
        {
            content: "a week is wider than a phone",
            trigger: ".o_anchor_morning_body:not(.o_anchor_loading) .o_anchor_heatmap_row",
            run() {
                const scroller = document.querySelector(".o_anchor_heatmap .table-responsive");
                if (scroller.scrollWidth <= scroller.clientWidth) {
                    throw new Error("The heatmap fits: nothing to hint at");
                }
            },
        },
        {
            content: "the hint is at the right edge",
            trigger: ".o_anchor_heatmap .o_anchor_scroll_hint",
            run() {
                const hint = this.anchor.getBoundingClientRect();
                const scroller = this.anchor.parentElement.getBoundingClientRect();
                if (!hint.width || !hint.height || Math.abs(hint.right - scroller.right) > 1) {
                    throw new Error(`The hint (${hint.left}–${hint.right}) is not at the edge`);
                }
                this.anchor.parentElement.scrollLeft = this.anchor.parentElement.scrollWidth;
            },
        },
        {
            content: "scrolled to the end, the last day is not covered",
            trigger: ".o_anchor_heatmap .o_anchor_scroll_hint",
            run() {
                const hint = this.anchor.getBoundingClientRect();
                const lastDay = document
                    .querySelector(".o_anchor_heatmap_table thead th:last-child span:last-child")
                    .getBoundingClientRect();
                if (lastDay.right > hint.left + 1) {
                    throw new Error(`The hint (${hint.left}) covers the last day (${lastDay.right})`);
                }
            },
        },
    ],
});
