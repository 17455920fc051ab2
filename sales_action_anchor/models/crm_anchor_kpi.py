from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

KPI_CODES = [
    ("first_touch", "First touch in time"),
    ("quote_sent", "Quote sent in time"),
    ("visit_complete", "Visit record complete"),
    ("agreed_action", "Agreed action done by its deadline"),
]


class CrmAnchorKpi(models.Model):
    """A key action managers expect, and the share of it they want done on time.

    What opens and closes each KPI's expectations is code (one ``code`` each);
    its name, target and deadline are the managers' to set, and each change of
    them is logged in the KPI's chatter."""

    _name = "crm.anchor.kpi"
    _description = "Key Action KPI"
    _inherit = ["mail.thread", "crm.anchor.input.guard"]
    _order = "sequence, id"

    _anchor_entered_fields = frozenset(
        {"name", "sequence", "active", "description", "target", "deadline_hours"}
    )
    # What opens and closes the KPI's obligations is code: set by the add-on's data.
    _anchor_server_fields = frozenset({"code"})

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Selection(KPI_CODES, required=True, readonly=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    description = fields.Text(translate=True)
    target = fields.Float(
        "Target (%)",
        default=85.0,
        tracking=True,
        help="Share of expected actions to do on time for the KPI to hold.",
    )
    deadline_hours = fields.Integer(
        "Deadline (hours)",
        tracking=True,
        help="Time allowed after the triggering event, for the KPIs that use it "
        "(quote after entering Quote, visit record after the visit). The first touch "
        "follows the team's SLA and agreed actions their own due date.",
    )

    _sql_constraints = [("code_unique", "unique(code)", "Each key action has one KPI.")]

    @api.constrains("target", "deadline_hours")
    def _check_target(self):
        for kpi in self:
            if not 0 < kpi.target <= 100:
                raise ValidationError(_("A KPI target is a percentage between 0 and 100."))
            if kpi.deadline_hours < 0:
                raise ValidationError(_("A KPI deadline cannot be negative."))

    @api.model
    def _anchor_get(self, code):
        """The KPI ``code``, archived or not, read with what opening its
        obligations needs (see crm.anchor.expectation._anchor_open)."""
        return self.with_context(active_test=False).search_fetch(
            [("code", "=", code)], ["code", "active", "deadline_hours"]
        )
