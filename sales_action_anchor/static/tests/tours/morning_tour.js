/** @odoo-module */

import { registry } from "@web/core/registry";

const READY = ".o_anchor_morning_body:not(.o_anchor_loading)";

function assertRecordCount(selector, expected) {
    const count = document.querySelectorAll(selector).length;
    if (count !== expected) {
        throw new Error(`Expected ${expected} records (${selector}), found ${count}`);
    }
}

// A manager narrows the morning views to one salesperson, sees today's
// check-in in the heatmap and opens the visits behind a word of the demand
// cloud. The Python test creates, for that salesperson: today's check-in and
// two visits whose pain points both mention "交期".
registry.category("web_tour.tours").add("sales_action_anchor_morning", {
    steps: () => [
        {
            content: "the morning views list the test salesperson",
            trigger: ".o_anchor_filter_user:has(option:contains(Morning Tour Rep))",
            run: "selectByLabel Morning Tour Rep",
        },
        { trigger: `${READY} .o_anchor_filter_user:has(option:selected:contains(Morning Tour Rep))` },
        {
            content: "today's check-in is a cell of the salesperson's row",
            trigger: `${READY} .o_anchor_heatmap_row:contains(Morning Tour Rep) .o_anchor_heatmap_cell.o_anchor_today[data-checkin-id] .o_anchor_part_on_time`,
        },
        { content: "the pilot group is compared with everyone else", trigger: `${READY} .o_anchor_pilot table` },
        { content: "newcomer coaching is shown", trigger: `${READY} .o_anchor_newcomers` },
        {
            content: "click the word 交期 in the demand cloud",
            trigger: `${READY} .o_anchor_word[data-word="交期"]`,
            run: "click",
        },
        {
            content: "exactly the two visits mentioning it are listed",
            trigger: ".o_list_view .o_data_row:contains(交期太长影响开工)",
            run: () => assertRecordCount(".o_list_view .o_data_row", 2),
        },
        { trigger: ".o_list_view .o_data_row:contains(交期不稳定被罚款)" },
    ],
});
