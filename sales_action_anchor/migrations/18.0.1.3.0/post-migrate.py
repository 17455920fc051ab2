from odoo import SUPERUSER_ID, Command, api

# The shipped rules, as data/base_automation_data.xml now defines them.
RULES = {
    "automation_enter_visit": (
        "[('anchor_code', '=', 'visit'), ('previous_anchor_code', '!=', 'visit')]",
        "records.lead_id._anchor_on_enter_visit()",
    ),
    "automation_enter_signed": (
        "[('anchor_code', '=', 'signed'), ('previous_anchor_code', '!=', 'signed')]",
        "records.lead_id._anchor_on_enter_signed()",
    ),
}


def migrate(cr, version):
    """18.0.1.3.0 triggers the stage-driven automated actions on the stage
    entry the opportunity records, not on crm.lead (on which any such rule makes
    every create and write of every lead look rules up). The rules are noupdate
    data: move them here, keeping what a company changed that still applies
    (their name, whether they are active). It also sums the settled
    obligations of the ledger per day (crm.anchor.ledger.day): counted once
    from the existing ledger."""
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    model = env["ir.model"]._get("crm.anchor.stage.entry")
    for xmlid, (domain, action_code) in RULES.items():
        rule = env.ref(f"sales_action_anchor.{xmlid}", raise_if_not_found=False)
        if not rule or rule.model_id == model:
            continue
        # In one write: base_automation drops the actions of another model than the rule's.
        rule.write(
            {
                "model_id": model.id,
                "trigger": "on_create_or_write",
                "trigger_field_ids": [(5, 0, 0)],
                "filter_pre_domain": False,
                "filter_domain": domain,
                "action_server_ids": [
                    Command.update(action.id, {"model_id": model.id, "code": action_code})
                    for action in rule.action_server_ids
                ],
            }
        )
    env["crm.anchor.ledger.day"]._anchor_rebuild()
