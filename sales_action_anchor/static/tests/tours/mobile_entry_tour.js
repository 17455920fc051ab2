/** @odoo-module */

import { registry } from "@web/core/registry";

// Opportunity and note of the Python tests (tests/test_tour_mobile.py).
const OPPORTUNITY = "幕墙门窗年度集采";
// A 1×1 PNG, as in the Python tests.
const PNG_1PX =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const QUICK_NOTE =
    "客户痛点：安装太慢，工地等不起。价值：预装配方案，安装时间减半。约定明天下午3点电话沟通，安排演示。";

/** Set an <input type="datetime-local"> as a phone's picker does. */
function setDatetimeLocal(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Give a file input a picture, as a phone's camera does. */
function takePhoto(input) {
    const bytes = Uint8Array.from(atob(PNG_1PX), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "receipt.png", { type: "image/png" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** A step failing when the toast `trigger` covers the page's header (and its buttons). */
function toastClearOfHeader(trigger) {
    return {
        content: "the toast leaves the page's header and its buttons free",
        trigger,
        run() {
            const header = document.querySelector(".o_anchor_mobile_header");
            const headerBottom = header.getBoundingClientRect().bottom;
            const toastTop = this.anchor.getBoundingClientRect().top;
            if (toastTop < headerBottom) {
                throw new Error(`The toast (top ${toastTop}) covers the header (${headerBottom})`);
            }
            for (const button of header.querySelectorAll(".btn")) {
                const { x, y, width, height } = button.getBoundingClientRect();
                const hit = document.elementFromPoint(x + width / 2, y + height / 2);
                if (!button.contains(hit)) {
                    throw new Error(`${button.className} is covered by ${hit?.className}`);
                }
            }
        },
    };
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
        toastClearOfHeader(".o_notification:contains(Filled from your note)"),
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

// Without the note parser: a visit typed by hand, with a photo, is refused by
// the server (no value offered): it stays in the form with the reason and the
// field marked, and waits on the home page to be corrected, not as "waiting to
// sync" and without "Retry". Corrected, then submitted offline: it waits in
// the outbox (and in localStorage) with "Retry", and is sent when the phone is
// back online.
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
        {
            trigger: ".o_anchor_mobile_photo_btn",
            run() {
                takePhoto(this.anchor.querySelector(".o_anchor_mobile_photo"));
            },
        },
        { trigger: ".o_anchor_mobile_photo_preview img" },
        { trigger: ".o_anchor_mobile_submit:enabled", run: "click" },
        {
            content: "the server's refusal is shown above the entry, in plain words",
            trigger:
                ".o_anchor_mobile_form_refusal:contains(Not sent yet):contains(Action loop not closed):contains(value offered)",
        },
        {
            content: "the field it names is marked, and only that one",
            trigger: ".o_anchor_mobile_form:has(.o_anchor_mobile_value.is-invalid)",
            run() {
                const marked = [...this.anchor.querySelectorAll(".is-invalid")].map(
                    (field) => field.name
                );
                if (marked.join() !== "value_point") {
                    throw new Error(`Expected only value_point marked, got ${marked}`);
                }
            },
        },
        {
            content: "a note typed after the refusal is kept on leaving",
            trigger: ".o_anchor_mobile_note_input",
            run: "edit 客户要样品",
        },
        { trigger: ".o_anchor_mobile_back", run: "click" },
        {
            content: "the refused visit waits to be corrected, with its reason",
            trigger:
                ".o_anchor_mobile_to_correct .o_anchor_mobile_refused .o_anchor_mobile_refusal:contains(value offered)",
        },
        {
            content: "it is not waiting to sync, and has no Retry: it would be refused again",
            trigger: ".o_anchor_mobile_to_correct_count:contains(1)",
            run() {
                if (document.querySelector(".o_anchor_mobile_outbox, .o_anchor_mobile_retry")) {
                    throw new Error("A refused visit is shown as waiting to sync, with Retry");
                }
                const queue = storedQueue();
                if (queue.length !== 1 || queue[0].status !== "refused") {
                    throw new Error(`Expected one refused entry, got ${JSON.stringify(queue)}`);
                }
            },
        },
        { trigger: ".o_anchor_mobile_edit", run: "click" },
        {
            content: "it opens in the form again: reason above, field marked, nothing typed lost",
            trigger: ".o_anchor_mobile_form_refusal:contains(value offered)",
        },
        { trigger: ".o_anchor_mobile_value.is-invalid" },
        { trigger: ".o_anchor_mobile_pain:value(安装太慢，工地等不起)" },
        { trigger: ".o_anchor_mobile_note_input:value(客户要样品)" },
        { trigger: ".o_anchor_mobile_photo_preview img" },
        { trigger: ".o_anchor_mobile_value", run: "edit 预装配方案，安装时间减半" },
        {
            content: "corrected, no longer marked",
            trigger: ".o_anchor_mobile_value:not(.is-invalid)",
        },
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
        toastClearOfHeader(".o_notification:contains(No connection)"),
        {
            content: "a network failure waits to sync, with Retry",
            trigger: ".o_anchor_mobile_outbox:has(.o_anchor_mobile_retry:enabled)",
            run() {
                if (document.querySelector(".o_anchor_mobile_to_correct")) {
                    throw new Error("The corrected visit is still shown as to correct");
                }
            },
        },
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
