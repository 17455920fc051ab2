from odoo import fields, models


class CrmAnchorSignal(models.Model):
    """A fact a customer revealed during a touch or a visit ("asked for a second
    quote", "asked about delivery"), recorded as a tag so that it can be counted."""

    _name = "crm.anchor.signal"
    _description = "Customer Signal"
    _order = "sequence, id"

    # Configuration, entered by sales managers (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset({"name", "code", "sequence", "color", "active"})

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("second_quote", "Asked for a second quote"),
            ("delivery_question", "Asked about delivery details"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        help="What the dashboard counts this signal as.",
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
