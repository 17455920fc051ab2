/** @odoo-module */

import { registry } from "@web/core/registry";

const READY = ".o_anchor_dashboard_body:not(.o_anchor_loading)";

/** Number of records shown by the current list or kanban view. */
function assertRecordCount(selector, expected) {
    const count = document.querySelectorAll(selector).length;
    if (count !== expected) {
        throw new Error(`Expected ${expected} records (${selector}), found ${count}`);
    }
}

// A manager narrows the dashboard to one salesperson, opens the opportunities
// of a stage by clicking its donut slice, comes back (filters kept) and opens
// another stage from the legend. The Python test creates, for that
// salesperson: 1 Lead, 1 Visit and 2 Quote opportunities.
registry.category("web_tour.tours").add("sales_action_anchor_dashboard", {
    steps: () => [
        {
            content: "on a computer, the export is in the control panel, the filters labelled",
            trigger: ".o_control_panel .o_anchor_export:contains(Export to Excel)",
        },
        { trigger: ".o_anchor_filters .o_anchor_filter_label:visible:contains(Salesperson)" },
        {
            content: "the dashboard lists the test salesperson",
            trigger: ".o_anchor_filter_user:has(option:contains(Dash Tour Rep))",
            run: "selectByLabel Dash Tour Rep",
        },
        { trigger: `${READY} .o_anchor_filter_user:has(option:selected:contains(Dash Tour Rep))` },
        {
            content: "the legend counts the salesperson's opportunities per stage",
            trigger: `${READY} [data-stage-code=lead] .o_anchor_stage_count:contains(/^1$/)`,
        },
        { trigger: `${READY} [data-stage-code=visit] .o_anchor_stage_count:contains(/^1$/)` },
        { trigger: `${READY} [data-stage-code=proposal] .o_anchor_stage_count:contains(/^0$/)` },
        { trigger: `${READY} [data-stage-code=quote] .o_anchor_stage_count:contains(/^2$/)` },
        {
            content: "click the Visit slice of the donut",
            trigger: `${READY} .o_anchor_stage_donut canvas`,
            run() {
                const canvas = this.anchor;
                const chart = window.Chart.getChart(canvas);
                // Draw the final state at once: no slice moves under the click.
                chart.update("none");
                const codes = [...document.querySelectorAll(".o_anchor_stage_legend_item")].map(
                    (item) => item.dataset.stageCode
                );
                const slice = chart.getDatasetMeta(0).data[codes.indexOf("visit")];
                const { x, y } = slice.tooltipPosition(true);
                const rect = canvas.getBoundingClientRect();
                const options = { bubbles: true, clientX: rect.left + x, clientY: rect.top + y };
                canvas.dispatchEvent(new MouseEvent("mousemove", options));
                canvas.dispatchEvent(new MouseEvent("click", options));
            },
        },
        {
            content: "exactly the salesperson's Visit opportunity is listed",
            trigger: ".o_list_view .o_data_row:contains(Dash Tour Visit)",
            run: () => assertRecordCount(".o_list_view .o_data_row", 1),
        },
        { trigger: ".o_back_button", run: "click" },
        {
            content: "back on the dashboard, still filtered on the salesperson",
            trigger: `${READY} .o_anchor_filter_user:has(option:selected:contains(Dash Tour Rep))`,
        },
        {
            content: "open the Quote stage from the legend",
            trigger: `${READY} .o_anchor_stage_legend_item[data-stage-code=quote]`,
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Dash Tour Quote A)",
            run: () => assertRecordCount(".o_list_view .o_data_row", 2),
        },
        { trigger: ".o_list_view .o_data_row:contains(Dash Tour Quote B)" },
        { trigger: ".o_switch_view.o_kanban", run: "click" },
        {
            trigger: ".o_kanban_record:contains(Dash Tour Quote A)",
            run: () => assertRecordCount(".o_kanban_record:not(.o_kanban_ghost)", 2),
        },
        { trigger: ".o_kanban_record:contains(Dash Tour Quote B)" },
    ],
});
