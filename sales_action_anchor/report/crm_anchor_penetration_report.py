from odoo import fields, models
from odoo.tools import SQL


class CrmAnchorPenetrationReport(models.Model):
    """Action penetration: one row per expected key action that is due (done,
    or past its deadline). Averaging "On Time (%)" gives done on time ÷ expected."""

    _name = "crm.anchor.penetration.report"
    _description = "Action Penetration Analysis"
    _inherit = ["crm.anchor.report.mixin"]
    _auto = False
    _rec_name = "kpi_id"
    _order = "date_deadline desc"
    # What the view reads: searched in the transaction that wrote it, it is flushed first.
    _depends = {
        "crm.anchor.expectation": [
            "kpi_id",
            "lead_id",
            "visit_id",
            "user_id",
            "team_id",
            "company_id",
            "date_deadline",
            "date_done",
            "state",
        ],
    }

    kpi_id = fields.Many2one("crm.anchor.kpi", string="KPI", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    visit_id = fields.Many2one("crm.anchor.visit", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_deadline = fields.Datetime("Deadline", readonly=True)
    date_done = fields.Datetime("Done On", readonly=True)
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("done_on_time", "Done on Time"),
            ("done_late", "Done Late"),
            ("missed", "Missed"),
        ],
        readonly=True,
    )
    on_time_rate = fields.Float("On Time (%)", readonly=True, aggregator="avg")
    expected_count = fields.Integer("Expected", readonly=True)
    on_time_count = fields.Integer("Done on Time", readonly=True)

    def _select(self):
        return SQL(
            """
            SELECT expectation.id, expectation.kpi_id, expectation.lead_id, expectation.visit_id,
                   expectation.user_id, expectation.team_id, expectation.company_id,
                   expectation.date_deadline, expectation.date_done, expectation.state,
                   CASE WHEN expectation.state = 'done_on_time' THEN 100.0 ELSE 0.0 END AS on_time_rate,
                   1 AS expected_count,
                   CASE WHEN expectation.state = 'done_on_time' THEN 1 ELSE 0 END AS on_time_count
            """
        )

    def _from(self):
        return SQL("FROM crm_anchor_expectation expectation")

    def _where(self):
        return SQL("WHERE %s", self.env["crm.anchor.analysis"]._due_sql("expectation"))
