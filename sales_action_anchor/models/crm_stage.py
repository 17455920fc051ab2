from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    anchor_code = fields.Selection(
        [
            ("lead", "Lead"),
            ("visit", "Visit"),
            ("proposal", "Proposal"),
            ("quote", "Quote"),
            ("signed", "Signed"),
            ("delivery", "Delivery"),
        ],
        string="Anchor Stage",
        help="Stable meaning of the stage, used by gates, automations and reports "
        "whatever the stage is called.",
    )
    anchor_gate_ids = fields.Many2many(
        "crm.anchor.gate",
        string="Gate Evidence",
        help="Evidence an opportunity of an anchor-enforced team must have before it can enter this stage.",
    )
