from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import periods

# Rows settled per run of the "missed" job; the job is re-triggered while work remains.
CRON_BATCH_SIZE = 5000

# The columns a backfill query must select, in this order.
BACKFILL_COLUMNS = SQL(
    "kpi_id, kpi_code, lead_id, visit_id, user_id, team_id, company_id, date_deadline, date_done, state,"
    " month,"
    " create_uid, create_date, write_uid, write_date"
)

# What a row of the daily summary (crm.anchor.ledger.day) is counted from.
SUMMARY_FIELDS = frozenset({"state", "date_deadline", "kpi_id", "user_id", "team_id", "company_id"})


def day_sql(alias):
    """The local day of the deadline of the ledger row (or facts) ``alias``, in
    SQL: in its company's time zone, else its salesperson's, else UTC."""
    return SQL(
        """((%(deadline)s AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(
               (SELECT partner.tz FROM res_company company
                  JOIN res_partner partner ON partner.id = company.partner_id
                 WHERE company.id = %(company)s),
               (SELECT partner.tz FROM res_users salesperson
                  JOIN res_partner partner ON partner.id = salesperson.partner_id
                 WHERE salesperson.id = %(user)s),
               'UTC'))::date""",
        deadline=SQL.identifier(alias, "date_deadline"),
        company=SQL.identifier(alias, "company_id"),
        user=SQL.identifier(alias, "user_id"),
    )


def month_sql(alias):
    """The stored ``month`` of the ledger row (or facts) ``alias``, in SQL: the
    first day of its deadline's local month (see ``day_sql``), as ``_compute_month``."""
    return SQL("date_trunc('month', (%s)::timestamp)::date", day_sql(alias))


class CrmAnchorExpectation(models.Model):
    """The ledger of expected key actions: one row per obligation (a new lead
    must be touched, a visit must be reported, an agreed action must be done…).

    The event that creates an obligation opens its row; the event that fulfils
    it closes it, on time or late; a scheduled job marks the rows whose deadline
    passed as missed. Reports and the dashboard only read this table."""

    _name = "crm.anchor.expectation"
    _description = "Expected Key Action"
    _inherit = ["crm.anchor.input.guard"]
    _order = "date_deadline desc, id desc"
    _check_company_auto = True

    # Every row is opened and closed by the events and the jobs: nobody enters one.
    _anchor_server_fields = frozenset(
        {
            "kpi_id",
            "kpi_code",
            "lead_id",
            "visit_id",
            "user_id",
            "team_id",
            "company_id",
            "date_deadline",
            "date_done",
            "state",
            "month",
        }
    )

    kpi_id = fields.Many2one("crm.anchor.kpi", string="KPI", required=True, ondelete="cascade", index=True)
    # Precomputed: part of the INSERT, not an UPDATE after it.
    kpi_code = fields.Selection(related="kpi_id.code", store=True, index=True, precompute=True)
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, ondelete="cascade", index=True, check_company=True
    )
    visit_id = fields.Many2one("crm.anchor.visit", ondelete="cascade", index="btree_not_null")
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True)
    company_id = fields.Many2one("res.company", index=True)
    date_deadline = fields.Datetime("Deadline", required=True, index=True)
    date_done = fields.Datetime("Done On")
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("done_on_time", "Done on Time"),
            ("done_late", "Done Late"),
            ("missed", "Missed"),
        ],
        default="pending",
        required=True,
        index=True,
    )
    month = fields.Date(
        compute="_compute_month",
        store=True,
        precompute=True,
        help="First day of the deadline's month, in the company's time zone (else the salesperson's).",
    )

    def init(self):
        # One obligation per KPI and opportunity, or per KPI and visit.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS crm_anchor_expectation_key"
                " ON crm_anchor_expectation (kpi_id, lead_id, COALESCE(visit_id, 0))"
            )
        )
        # The penetration figures count a period's rows by KPI, month and
        # state: read from this index alone (index-only scan), not from the
        # table. (Replaces 1.1.0's index, which lacked the month.)
        self.env.cr.execute(SQL("DROP INDEX IF EXISTS crm_anchor_expectation_deadline_covering_index"))
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS crm_anchor_expectation_deadline_month_covering_index"
                " ON crm_anchor_expectation (date_deadline)"
                " INCLUDE (kpi_id, kpi_code, month, state, company_id, user_id, team_id)"
            )
        )

        # The pending rows past their deadline: due without any event, the
        # dashboard reads them here (the daily summary holds the settled ones).
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS crm_anchor_expectation_pending_deadline_index"
                " ON crm_anchor_expectation (date_deadline) WHERE state = 'pending'"
            )
        )

    @api.depends("date_deadline", "company_id.partner_id.tz", "user_id.tz")
    def _compute_month(self):
        # The analysis layer counts in the same time zone (crm.anchor.analysis._tz).
        for row in self:
            tz = row.company_id.partner_id.tz or row.user_id.tz
            row.month = row.date_deadline and periods.local_month(row.date_deadline, tz)

    # ------------------------------------------------------------------
    # CRUD: the daily summary follows every settled row
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        days = self.env["crm.anchor.ledger.day"]
        days._anchor_apply(days._anchor_count(rows, +1))
        return rows

    def write(self, vals):
        if not SUMMARY_FIELDS.intersection(vals):
            return super().write(vals)
        days = self.env["crm.anchor.ledger.day"]
        counts = days._anchor_count(self, -1)
        result = super().write(vals)
        counts.update(days._anchor_count(self, +1))
        days._anchor_apply(counts)
        return result

    def unlink(self):
        days = self.env["crm.anchor.ledger.day"]
        days._anchor_apply(days._anchor_count(self, -1))
        return super().unlink()

    @api.model
    def _anchor_forget(self, domain):
        """Delete the rows of an opportunity or a visit being deleted through
        the ORM, before the database's cascade would: their daily summary
        follows."""
        self.sudo().search(domain).unlink()

    # ------------------------------------------------------------------
    # Events
    # ------------------------------------------------------------------

    @api.model
    def _anchor_open(self, kpi, vals_list):
        """Open one obligation of ``kpi`` (from crm.anchor.kpi._anchor_get) per
        value dict (``lead_id``, optional ``visit_id``, ``date_deadline``;
        salesperson, team and company default to the lead's). Nothing when the
        KPI is archived. Idempotent: an existing row keeps its state; a pending
        one takes the new deadline."""
        if not vals_list or not kpi.active:
            return self.browse()
        ledger = self.sudo()
        # Only the rows of these keys: not every obligation the opportunities ever had.
        existing = {
            (row.lead_id.id, row.visit_id.id): row
            for row in ledger.search_fetch(
                [
                    ("kpi_id", "=", kpi.id),
                    ("lead_id", "in", [vals["lead_id"] for vals in vals_list]),
                    ("visit_id", "in", list({vals.get("visit_id") or False for vals in vals_list})),
                ],
                ["lead_id", "visit_id", "state", "date_deadline"],
            )
        }
        leads = self.env["crm.lead"].sudo().browse([vals["lead_id"] for vals in vals_list])
        to_create = []
        for vals, lead in zip(vals_list, leads, strict=True):
            row = existing.get((vals["lead_id"], vals.get("visit_id") or False))
            if row:
                if row.state == "pending" and row.date_deadline != vals["date_deadline"]:
                    row.date_deadline = vals["date_deadline"]
                continue
            to_create.append(
                {
                    "kpi_id": kpi.id,
                    "user_id": lead.user_id.id,
                    "team_id": lead.team_id.id,
                    "company_id": lead.company_id.id,
                    **vals,
                }
            )
        return ledger.create(to_create)

    @api.model
    def _anchor_close(self, kpi_code, domain, date_done):
        """Fulfil the open (pending or missed) obligations of ``kpi_code``
        matching ``domain``: on time when done by the deadline."""
        rows = self.sudo().search_fetch(
            [("kpi_code", "=", kpi_code), ("state", "in", ("pending", "missed"))] + domain, ["date_deadline"]
        )
        on_time = rows.filtered(lambda row: date_done <= row.date_deadline)
        on_time.write({"date_done": date_done, "state": "done_on_time"})
        (rows - on_time).write({"date_done": date_done, "state": "done_late"})

    @api.model
    def _anchor_end_of_day(self, day, user):
        """The last second of ``day`` in the user's timezone, as naive UTC: what
        "due on that day" means to the person who has to do it. (Not the next
        midnight: that belongs to the next day, in every daily figure.)"""
        return periods.local_bounds(day, day, user.tz)[1] - timedelta(seconds=1)

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------

    @api.model
    def _cron_anchor_missed(self):
        domain = [("state", "=", "pending"), ("date_deadline", "<", fields.Datetime.now())]
        rows = self.sudo().search(domain, limit=CRON_BATCH_SIZE, order="id")
        rows.write({"state": "missed"})
        remaining = self.sudo().search_count(domain) if len(rows) == CRON_BATCH_SIZE else 0
        self.env["ir.cron"]._notify_progress(done=len(rows), remaining=remaining)

    # ------------------------------------------------------------------
    # Backfill (install / upgrade)
    # ------------------------------------------------------------------

    @api.model
    def _anchor_backfill(self):
        """(Re)build the ledger from the facts already recorded on leads and
        visits, one set-based statement per KPI. Safe to run again: each row is
        upserted on its key."""
        self.env.flush_all()
        kpis = {kpi.code: kpi for kpi in self.env["crm.anchor.kpi"].search([])}
        common = {"now": fields.Datetime.now(), "uid": self.env.uid}
        for code, select in self._anchor_backfill_queries(kpis).items():
            if code not in kpis:
                continue
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO crm_anchor_expectation (%(columns)s)
                    SELECT kpi_id, kpi_code, lead_id, visit_id, user_id, team_id, company_id, date_deadline,
                           date_done,
                           CASE WHEN date_done IS NOT NULL AND date_done <= date_deadline THEN 'done_on_time'
                                WHEN date_done IS NOT NULL THEN 'done_late'
                                WHEN date_deadline < %(now)s THEN 'missed'
                                ELSE 'pending' END,
                           %(month)s,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM (%(select)s) AS facts(kpi_id, kpi_code, lead_id, visit_id, user_id, team_id,
                                                 company_id, date_deadline, date_done)
                    ON CONFLICT (kpi_id, lead_id, COALESCE(visit_id, 0)) DO UPDATE
                       SET date_deadline = EXCLUDED.date_deadline,
                           date_done = EXCLUDED.date_done,
                           state = EXCLUDED.state,
                           month = EXCLUDED.month,
                           write_date = EXCLUDED.write_date
                    """,
                    columns=BACKFILL_COLUMNS,
                    month=month_sql("facts"),
                    select=select,
                    now=common["now"],
                    uid=common["uid"],
                )
            )
        self.invalidate_model()
        # Written in SQL, past the ORM's events: the daily summary is recounted.
        self.env["crm.anchor.ledger.day"]._anchor_rebuild()

    @api.model
    def _anchor_backfill_queries(self, kpis):
        """One SELECT per KPI code giving kpi_id, kpi_code, lead_id, visit_id,
        user_id, team_id, company_id, date_deadline, date_done."""

        def kpi(code):
            return kpis[code].id if code in kpis else None

        return {
            "first_touch": SQL(
                """
                SELECT %(kpi)s, 'first_touch', lead.id, NULL::int, lead.user_id, lead.team_id,
                       lead.company_id, lead.date_first_touch_deadline, lead.date_first_touch
                  FROM crm_lead lead
                 WHERE lead.date_first_touch_deadline IS NOT NULL
                """,
                kpi=kpi("first_touch"),
            ),
            # When it entered Quote: recorded since 18.0.1.1.0; before, Odoo's
            # stage tracking, else the last stage change of a lead still in Quote.
            "quote_sent": SQL(
                """
                SELECT %(kpi)s, 'quote_sent', lead.id, NULL::int, lead.user_id, lead.team_id, lead.company_id,
                       entered.date + make_interval(hours => %(hours)s), lead.date_quote_sent
                  FROM crm_lead lead
                  JOIN crm_team team ON team.id = lead.team_id AND team.anchor_enforced
                  JOIN LATERAL (
                        SELECT COALESCE(
                                   lead.date_quote_stage,
                                   MIN(message.date),
                                   CASE WHEN lead.anchor_stage_code = 'quote'
                                        THEN lead.date_last_stage_update END
                               ) AS date
                          FROM mail_message message
                          JOIN mail_tracking_value tracking ON tracking.mail_message_id = message.id
                          JOIN ir_model_fields field ON field.id = tracking.field_id
                                                    AND field.model = 'crm.lead' AND field.name = 'stage_id'
                          JOIN crm_stage stage ON stage.id = tracking.new_value_integer
                                              AND stage.anchor_code = 'quote'
                         WHERE message.model = 'crm.lead' AND message.res_id = lead.id
                       ) entered ON entered.date IS NOT NULL
                """,
                kpi=kpi("quote_sent"),
                hours=kpis["quote_sent"].deadline_hours if "quote_sent" in kpis else 0,
            ),
            "visit_complete": SQL(
                """
                SELECT %(kpi)s, 'visit_complete', visit.lead_id, visit.id, visit.user_id, lead.team_id,
                       lead.company_id, visit.date_visit + make_interval(hours => %(hours)s),
                       CASE WHEN visit.state = 'submitted' THEN visit.date_submitted END
                  FROM crm_anchor_visit visit
                  JOIN crm_lead lead ON lead.id = visit.lead_id
                  JOIN crm_team team ON team.id = lead.team_id AND team.anchor_enforced
                """,
                kpi=kpi("visit_complete"),
                hours=kpis["visit_complete"].deadline_hours if "visit_complete" in kpis else 0,
            ),
            # Due at the last second of the due day, in the salesperson's timezone.
            "agreed_action": SQL(
                """
                SELECT %(kpi)s, 'agreed_action', visit.lead_id, visit.id, visit.user_id, lead.team_id,
                       lead.company_id,
                       ((visit.action_deadline + 1)::timestamp AT TIME ZONE COALESCE(partner.tz, 'UTC'))
                           AT TIME ZONE 'UTC' - interval '1 second',
                       visit.date_action_done
                  FROM crm_anchor_visit visit
                  JOIN crm_lead lead ON lead.id = visit.lead_id
                  JOIN crm_team team ON team.id = lead.team_id AND team.anchor_enforced
                  JOIN res_users salesperson ON salesperson.id = visit.user_id
                  JOIN res_partner partner ON partner.id = salesperson.partner_id
                 WHERE visit.state = 'submitted' AND visit.action_deadline IS NOT NULL
                """,
                kpi=kpi("agreed_action"),
            ),
        }
