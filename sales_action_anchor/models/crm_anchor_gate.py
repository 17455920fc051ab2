from odoo import fields, models


class CrmAnchorGate(models.Model):
    """A piece of evidence a stage can require before an opportunity enters it.

    The list of codes is fixed because each one is checked by code
    (``crm.lead._anchor_gate_passes``); which stage requires which evidence is
    configuration, kept on ``crm.stage.anchor_gate_ids``."""

    _name = "crm.anchor.gate"
    _description = "Stage Gate Evidence"
    _inherit = ["crm.anchor.input.guard"]
    _order = "sequence, id"

    _anchor_entered_fields = frozenset({"name", "sequence", "description"})
    # Each code is checked by code: set by the add-on's data.
    _anchor_server_fields = frozenset({"code"})

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("first_touch", "First touch logged"),
            ("submitted_visit", "Visit submitted"),
            ("proposal_sent", "Proposal sent"),
            ("quote_sent", "Quote sent"),
            ("signed", "Contract signed"),
        ],
        required=True,
        readonly=True,
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each kind of gate evidence exists once."),
    ]
