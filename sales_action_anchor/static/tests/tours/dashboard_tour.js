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

/** Set a date input as a user picking a day does (the filter bar listens to "change"). */
function pickDate(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

// A manager looks at a quiet week of the ranking tour's team: too little is
// due to rank on it, so the ranking says it covers the last 30 days, where
// the busy-for-show salesperson completed every agreed action and still gets
// no TOP 3 place; the rule is written under the table.
registry.category("web_tour.tours").add("sales_action_anchor_dashboard_ranking", {
    steps: () => [
        {
            trigger: ".o_anchor_filter_team:has(option:contains(Ranking Tour Team))",
            run: "selectByLabel Ranking Tour Team",
        },
        { trigger: ".o_anchor_filter_period", run: "select custom" },
        { trigger: ".o_anchor_filter_from", run() { pickDate(this.anchor, "2026-01-05"); } },
        { trigger: ".o_anchor_filter_to", run() { pickDate(this.anchor, "2026-01-11"); } },
        {
            content: "the ranking says which days it covers",
            trigger: `${READY} .o_anchor_ranking_basis:contains(last 30 days)`,
        },
        {
            content: "the salesperson who gets actions done is first, with the trophy",
            trigger: `${READY} .o_anchor_ranking_table tbody tr:first-child.o_anchor_top3:contains(Ranking Tour Closer)`,
        },
        {
            content: "the busy-for-show salesperson, every action done, has no TOP 3 place",
            trigger: `${READY} .o_anchor_ranking_table tbody tr:not(.o_anchor_top3):contains(Ranking Tour Busy) .o_anchor_badge_busy`,
        },
        {
            trigger: `${READY} .o_anchor_ranking_rule:contains(never reach the TOP 3)`,
        },
    ],
});
