/** @odoo-module */

import { registry } from "@web/core/registry";

// Evening check-in: refused while one of tomorrow's TOP 3 has no agreed
// action, then the salesperson schedules it in place, from the check-in.
registry.category("web_tour.tours").add("sales_action_anchor_checkin_evening", {
    steps: () => [
        { trigger: "button[name=action_checkin_evening]", run: "click" },
        {
            content: "the refusal names the opportunity without an agreed action",
            trigger: ".modal .modal-body:contains(Action loop not closed):contains(TOP C)",
        },
        { trigger: ".modal .modal-footer .btn-primary", run: "click" },
        {
            content: "schedule the missing action from the TOP 3 list",
            trigger: ".o_field_widget[name=top_lead_ids] .o_data_row:contains(TOP C) .o-mail-ActivityButton",
            run: "click",
        },
        { trigger: ".o-mail-ActivityListPopover button:contains(Schedule an activity)", run: "click" },
        { trigger: ".modal .o_field_widget[name=summary] input", run: "edit 发样品并电话确认" },
        { trigger: ".modal .o_field_widget[name=date_deadline] input", run: "edit 01/06/2099" },
        { trigger: ".modal .modal-footer .btn-primary", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: "button[name=action_checkin_evening]", run: "click" },
        {
            content: "the evening part is done",
            trigger: ".o_form_view:not(:has(button[name=action_checkin_evening]))",
        },
    ],
});
