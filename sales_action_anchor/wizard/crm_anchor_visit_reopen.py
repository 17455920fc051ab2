from odoo import fields, models


class CrmAnchorVisitReopen(models.TransientModel):
    _name = "crm.anchor.visit.reopen"
    _inherit = ["crm.anchor.input.guard"]
    _description = "Reopen a Submitted Visit"

    visit_id = fields.Many2one("crm.anchor.visit", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.visit_id.action_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
