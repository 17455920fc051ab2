{
    "name": "Sales Action Anchors",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Make a sales team's key actions verifiable: anchored visits, stage gates, "
    "follow-up SLAs and reminders",
    "description": """
Turns each key sales action into an anchor the system can verify:
first touches with evidence, visits that cannot be submitted without the
customer's pain point, the value offered and an agreed next step, stage gates
that need evidence, and scheduled jobs that flag overdue follow-ups and missed
first-touch SLAs.
""",
    "author": "sales_action_anchor developers",
    "website": "https://github.com/sales-action-anchor/sales_action_anchor",
    "license": "LGPL-3",
    "depends": ["crm", "mail", "base_automation"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "security/sales_action_anchor_security.xml",
        "data/crm_anchor_gate_data.xml",
        "data/crm_anchor_pain_category_data.xml",
        "data/crm_team_data.xml",
        "data/crm_stage_data.xml",
        "data/mail_activity_type_data.xml",
        "data/base_automation_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_anchor_visit_views.xml",
        "views/crm_anchor_touch_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_stage_views.xml",
        "views/crm_team_views.xml",
        "views/res_partner_views.xml",
        "views/crm_anchor_config_views.xml",
        "wizard/crm_anchor_wizard_views.xml",
        "views/sales_action_anchor_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
}
