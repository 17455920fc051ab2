/** @odoo-module */

import { registry } from "@web/core/registry";

// Opportunity and note of the Python tests (tests/test_tour_mobile.py).
const OPPORTUNITY = "幕墙门窗年度集采";
const QUICK_NOTE =
    "客户痛点：安装太慢，工地等不起。价值：预装配方案，安装时间减半。约定明天下午3点电话沟通，安排演示。";

/** Set an <input type="datetime-local"> as a phone's picker does. */
function setDatetimeLocal(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The stored outbox of the logged-in user (one localStorage key per db/user). */
function storedQueue() {
    const key = Object.keys(localStorage).find(
        (k) => k.startsWith("sales_action_anchor.mobile/") && k.endsWith("/queue")
    );
    return key ? JSON.parse(localStorage.getItem(key)) : [];
}

// A salesperson on a 390 px phone logs a visit from a quick note. Interactions,
// counted: 1 tap the opportunity, 2 type (or dictate) the note, 3 tap "Fill
// from note", 4 pick the pain category (the note does not give it), 5 tap
// Submit: 5 interactions, well under 10.
registry.category("web_tour.tours").add("sales_action_anchor_mobile_entry", {
    steps: () => [
        { content: "nothing waits to sync", trigger: ".o_anchor_mobile_synced" },
        {
            content: "1. tap the opportunity",
            trigger: `.o_anchor_mobile_opportunity:contains(${OPPORTUNITY})`,
            run: "click",
        },
        { trigger: `.o_anchor_mobile_lead_select:has(option:selected:contains(${OPPORTUNITY}))` },
        {
            content: "2. type the quick note",
            trigger: ".o_anchor_mobile_note_input",
            run: `edit ${QUICK_NOTE}`,
        },
        {
            content: "3. fill the elements from it",
            trigger: ".o_anchor_mobile_fill:enabled",
            run: "click",
        },
        {
            content: "the three elements are filled, for review",
            trigger: ".o_anchor_mobile_pain.o_anchor_mobile_filled",
        },
        { trigger: ".o_anchor_mobile_value.o_anchor_mobile_filled" },
        { trigger: ".o_anchor_mobile_action.o_anchor_mobile_filled" },
        { trigger: ".o_anchor_mobile_followup.o_anchor_mobile_filled" },
        { trigger: ".o_anchor_mobile_channel.o_anchor_mobile_filled" },
        {
            content: "4. pick the pain category",
            trigger: ".o_anchor_mobile_category",
            run: "selectByLabel Logistics lead time",
        },
        { content: "5. submit", trigger: ".o_anchor_mobile_submit:enabled", run: "click" },
        { content: "accepted: back home", trigger: ".o_anchor_mobile_synced" },
        {
            trigger: ".o_anchor_mobile_new",
            run() {
                if (storedQueue().length) {
                    throw new Error("An accepted visit is still queued");
                }
            },
        },
    ],
});

// Without the note parser: a visit typed by hand is refused by the server
// (no value offered), corrected, then submitted offline: it waits in the
// outbox (and in localStorage) and is sent when the phone is back online.
registry.category("web_tour.tours").add("sales_action_anchor_mobile_offline", {
    steps: () => [
        { trigger: ".o_anchor_mobile_synced" },
        {
            trigger: `.o_anchor_mobile_due_item:contains(${OPPORTUNITY})`,
            run: "click",
        },
        { trigger: ".o_anchor_mobile_category", run: "selectByLabel Logistics lead time" },
        { trigger: ".o_anchor_mobile_pain", run: "edit 安装太慢，工地等不起" },
        { trigger: ".o_anchor_mobile_action", run: "select arrange_demo" },
        {
            trigger: ".o_anchor_mobile_followup",
            run() {
                setDatetimeLocal(this.anchor, "2099-01-06T10:00");
            },
        },
        { trigger: ".o_anchor_mobile_channel", run: "select phone" },
        { trigger: ".o_anchor_mobile_remind", run: "check" },
        { trigger: ".o_anchor_mobile_submit:enabled", run: "click" },
        {
            content: "the server's refusal is shown on the entry",
            trigger:
                ".o_anchor_mobile_form_refusal:contains(Action loop not closed):contains(value offered)",
        },
        { trigger: ".o_anchor_mobile_back", run: "click" },
        {
            content: "the refused visit waits in the outbox with its reason",
            trigger:
                ".o_anchor_mobile_queued.o_anchor_mobile_refused .o_anchor_mobile_refusal:contains(value offered)",
        },
        { trigger: ".o_anchor_mobile_edit", run: "click" },
        { trigger: ".o_anchor_mobile_pain:value(安装太慢，工地等不起)" },
        { trigger: ".o_anchor_mobile_value", run: "edit 预装配方案，安装时间减半" },
        { trigger: ".o_anchor_mobile_counter:contains(12/50)" },
        {
            content: "the phone goes offline, then the visit is submitted",
            trigger: ".o_anchor_mobile_submit:enabled",
            run() {
                Object.defineProperty(navigator, "onLine", {
                    configurable: true,
                    get: () => false,
                });
                window.dispatchEvent(new Event("offline"));
                this.anchor.click();
            },
        },
        { trigger: ".o_anchor_mobile_offline" },
        {
            content: "it waits, kept in localStorage",
            trigger:
                ".o_anchor_mobile_queued:not(.o_anchor_mobile_refused):contains(幕墙门窗年度集采)",
            run() {
                const queue = storedQueue();
                if (queue.length !== 1 || queue[0].status !== "pending") {
                    throw new Error(`Expected one pending entry, got ${JSON.stringify(queue)}`);
                }
            },
        },
        {
            content: "back online: it is sent",
            trigger: ".o_anchor_mobile_outbox_count:contains(1)",
            run() {
                delete navigator.onLine; // the browser's own value again
                window.dispatchEvent(new Event("online"));
            },
        },
        { trigger: ".o_anchor_mobile_synced" },
        {
            trigger: ".o_anchor_mobile_new",
            run() {
                if (storedQueue().length) {
                    throw new Error("A sent visit is still queued");
                }
            },
        },
    ],
});
