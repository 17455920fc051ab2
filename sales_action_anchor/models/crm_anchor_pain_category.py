from odoo import fields, models


class CrmAnchorPainCategory(models.Model):
    """Kinds of customer pain points, so that visits can be compared and
    grouped; managers keep the list."""

    _name = "crm.anchor.pain.category"
    _description = "Pain Point Category"
    # Configuration, entered by sales managers (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset({"name", "sequence", "active", "description"})
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A pain point category with this name already exists."),
    ]
