/** @odoo-module */

import { registry } from "@web/core/registry";

// Opportunity of the Python test (tests/test_tour_mobile.py).
const OPPORTUNITY = "幕墙门窗年度集采";
const DUE_ITEM = `.o_anchor_mobile_due_item:contains(${OPPORTUNITY})`;

/** Set an <input type="datetime-local"> as a phone's picker does. */
function setDatetimeLocal(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

// The home page is read on a replica that has not applied the visit the
// salesperson has just sent (the Python test serves the page's first answer
// again): the due opportunity is shown as visited all the same.
registry.category("web_tour.tours").add("sales_action_anchor_mobile_replica_lag", {
    steps: () => [
        { trigger: ".o_anchor_mobile_synced" },
        { trigger: `${DUE_ITEM}:not(:has(.o_anchor_mobile_visited))`, run: "click" },
        { trigger: ".o_anchor_mobile_category", run: "selectByLabel Logistics lead time" },
        { trigger: ".o_anchor_mobile_pain", run: "edit 安装太慢，工地等不起" },
        { trigger: ".o_anchor_mobile_value", run: "edit 预装配方案，安装时间减半" },
        { trigger: ".o_anchor_mobile_action", run: "select arrange_demo" },
        {
            trigger: ".o_anchor_mobile_followup",
            run() {
                setDatetimeLocal(this.anchor, "2099-01-06T10:00");
            },
        },
        { trigger: ".o_anchor_mobile_channel", run: "select phone" },
        { trigger: ".o_anchor_mobile_submit:enabled", run: "click" },
        { content: "accepted: back home", trigger: ".o_anchor_mobile_synced" },
        { content: "the visit just sent is shown", trigger: `${DUE_ITEM} .o_anchor_mobile_visited` },
    ],
});
