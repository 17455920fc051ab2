from odoo import fields, models
from odoo.tools import SQL

from ..lib.anchor_constants import AGREED_ACTIONS


class CrmAnchorVisitReport(models.Model):
    """Visit quality: one row per submitted visit with what it says about the
    salesperson — summary length, agreed action done, next follow-up kept."""

    _name = "crm.anchor.visit.report"
    _description = "Visit Quality Analysis"
    _inherit = ["crm.anchor.report.mixin"]
    _auto = False
    _rec_name = "visit_id"
    _order = "date_visit desc"
    # What the view reads: searched in the transaction that wrote it, it is flushed first.
    _depends = {
        "crm.anchor.visit": [
            "lead_id",
            "partner_id",
            "user_id",
            "team_id",
            "company_id",
            "pain_category_id",
            "agreed_action",
            "date_visit",
            "pain_summary",
            "date_next_followup",
            "state",
        ],
        "crm.anchor.expectation": ["visit_id", "kpi_code", "state", "date_deadline"],
        "crm.anchor.touch": ["lead_id", "state", "date"],
    }

    visit_id = fields.Many2one("crm.anchor.visit", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    pain_category_id = fields.Many2one(
        "crm.anchor.pain.category", string="Pain Point Category", readonly=True
    )
    agreed_action = fields.Selection(AGREED_ACTIONS, readonly=True)
    date_visit = fields.Datetime("Visit Date", readonly=True)
    summary_chars = fields.Float("Pain Point Length", readonly=True, aggregator="avg")
    action_done_rate = fields.Float("Agreed Action Done (%)", readonly=True, aggregator="avg")
    action_on_time_rate = fields.Float("Agreed Action On Time (%)", readonly=True, aggregator="avg")
    followup_kept_rate = fields.Float("Follow-up Kept (%)", readonly=True, aggregator="avg")
    visit_count = fields.Integer("Visits", readonly=True)

    def _select(self):
        # Rates are 0/100 per visit (NULL when not due yet) so that their average is a percentage.
        # The agreed action is due as its ledger row (crm.anchor.analysis._due_sql).
        return SQL(
            """
            SELECT visit.id, visit.id AS visit_id, visit.lead_id, visit.partner_id, visit.user_id,
                   visit.team_id, visit.company_id, visit.pain_category_id, visit.agreed_action,
                   visit.date_visit, 1 AS visit_count,
                   char_length(btrim(COALESCE(visit.pain_summary, ''))) AS summary_chars,
                   CASE WHEN agreed.state IN ('done_on_time', 'done_late') THEN 100.0
                        WHEN %(due)s THEN 0.0 END AS action_done_rate,
                   CASE WHEN agreed.state = 'done_on_time' THEN 100.0
                        WHEN %(due)s THEN 0.0 END AS action_on_time_rate,
                   CASE WHEN visit.date_next_followup IS NULL
                          OR visit.date_next_followup >= (now() AT TIME ZONE 'UTC') THEN NULL
                        WHEN EXISTS (
                            SELECT 1 FROM crm_anchor_touch touch
                             WHERE touch.lead_id = visit.lead_id AND touch.state = 'done'
                               AND touch.date > visit.date_visit
                               AND touch.date <= visit.date_next_followup + interval '1 day'
                            UNION ALL
                            SELECT 1 FROM crm_anchor_visit later
                             WHERE later.lead_id = visit.lead_id AND later.state = 'submitted'
                               AND later.date_visit > visit.date_visit
                               AND later.date_visit <= visit.date_next_followup + interval '1 day'
                        ) THEN 100.0 ELSE 0.0 END AS followup_kept_rate
            """,
            # The agreed action's obligation in the ledger: due as everywhere else.
            due=self.env["crm.anchor.analysis"]._due_sql("agreed"),
        )

    def _from(self):
        return SQL(
            "FROM crm_anchor_visit visit"
            " LEFT JOIN crm_anchor_expectation agreed"
            " ON agreed.visit_id = visit.id AND agreed.kpi_code = 'agreed_action'"
        )

    def _where(self):
        return SQL("WHERE visit.state = 'submitted'")
