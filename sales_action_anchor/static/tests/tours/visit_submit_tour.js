/** @odoo-module */

import { registry } from "@web/core/registry";

// From an opportunity, a salesperson logs a visit: an incomplete submit is
// refused with the list of what is missing, the completed one is submitted
// and locked. Started on the opportunity's form by the Python test.
registry.category("web_tour.tours").add("sales_action_anchor_visit_submit", {
    steps: () => [
        { trigger: "button[name=action_view_anchor_visits]", run: "click" },
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=lead_id] input:value(幕墙配件年度框架)" },
        {
            content: "only the three elements are unfolded",
            trigger: ".o_form_sheet:not(:has(.o_field_widget[name=date_visit])):not(:has(.o_field_widget[name=user_id]))",
        },
        { trigger: ".o_field_widget[name=anchor_show_more] input", run: "click" },
        { trigger: ".o_form_sheet .o_field_widget[name=date_visit]" },
        { trigger: ".o_field_widget[name=anchor_show_more] input", run: "click" },
        { trigger: ".o_form_sheet:not(:has(.o_field_widget[name=date_visit]))" },
        { trigger: ".o_field_widget[name=pain_summary] textarea", run: "edit 安装周期太长，工地等不起" },
        { trigger: "button[name=action_submit]", run: "click" },
        {
            content: "the refusal lists exactly what is missing",
            trigger: ".modal .modal-body:contains(Action loop not closed, please complete):contains(pain point category):contains(value offered):contains(next follow-up time)",
        },
        {
            content: "as a validation error, not a server error",
            trigger: ".modal .modal-title:contains(Validation Error)",
        },
        { trigger: ".modal .modal-footer .btn-primary", run: "click" },
        { trigger: ".o_field_widget[name=pain_category_id] input", run: "edit Price" },
        { trigger: ".o-autocomplete--dropdown-item a:contains(Price)", run: "click" },
        { trigger: ".o_field_widget[name=value_point] input", run: "edit 预装配方案，安装时间减半" },
        { trigger: ".o_field_widget[name=agreed_action] select", run: 'select "arrange_demo"' },
        { trigger: ".o_field_widget[name=date_next_followup] input", run: "edit 01/06/2099 10:00:00" },
        { trigger: ".o_field_widget[name=followup_channel] select", run: 'select "onsite"' },
        { trigger: "button[name=action_submit]", run: "click" },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)" },
        { trigger: ".o_field_widget[name=pain_summary].o_readonly_modifier" },
    ],
});
