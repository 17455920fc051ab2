from odoo import fields, models

from ..lib.anchor_constants import ANCHOR_STAGES


class CrmStage(models.Model):
    # A thread, so that changes to a stage's gate are logged in its chatter:
    # who changed which evidence it requires, and when.
    _name = "crm.stage"
    _inherit = ["crm.stage", "mail.thread"]

    # Configuration, entered by sales managers (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset({"anchor_code", "anchor_gate_ids"})

    anchor_code = fields.Selection(
        ANCHOR_STAGES,
        string="Anchor Stage",
        tracking=True,
        help="Stable meaning of the stage, used by gates, automations and reports "
        "whatever the stage is called.",
    )
    anchor_gate_ids = fields.Many2many(
        "crm.anchor.gate",
        string="Gate Evidence",
        tracking=True,
        help="Evidence an opportunity of an anchor-enforced team must have before it can enter this stage.",
    )
