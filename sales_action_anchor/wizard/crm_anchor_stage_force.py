from odoo import fields, models


class CrmAnchorStageForce(models.TransientModel):
    _name = "crm.anchor.stage.force"
    _inherit = ["crm.anchor.input.guard"]
    _description = "Force an Opportunity Past a Stage Gate"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    team_id = fields.Many2one(related="lead_id.team_id")
    stage_id = fields.Many2one(
        "crm.stage",
        string="Move To",
        required=True,
        domain="['|', ('team_id', '=', False), ('team_id', '=', team_id)]",
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.lead_id.action_anchor_force_stage_to(self.stage_id.id, self.reason)
        return {"type": "ir.actions.act_window_close"}
