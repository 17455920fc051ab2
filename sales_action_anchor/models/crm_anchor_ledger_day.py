from collections import Counter

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import periods
from .crm_anchor_expectation import day_sql

# Only settled obligations are summed here: whether a pending one is due
# depends on the clock, not on an event, so the dashboard reads those few
# rows from the ledger itself (crm.anchor.dashboard._ledger_counts).
SETTLED_STATES = ("done_on_time", "done_late", "missed")


class CrmAnchorLedgerDay(models.Model):
    """The settled obligations of the ledger, counted per company, team,
    salesperson, KPI and local day (and month) of the deadline: what the
    dashboard sums instead of scanning a year of ledger rows.

    Kept exact by the ledger's own events (crm.anchor.expectation create,
    write, unlink), each adding its +1/-1 with one UPSERT in the same
    transaction. The day is counted in the time zone of the row's company
    (else salesperson) when the row settles: after a change of that time zone
    (or a raw SQL change of the ledger), rebuild with ``_anchor_rebuild``::

        echo 'env["crm.anchor.ledger.day"]._anchor_rebuild(); env.cr.commit()' \\
            | odoo shell -c odoo.conf -d DB --no-http
    """

    _name = "crm.anchor.ledger.day"
    _description = "Settled Key Actions per Day"
    _inherit = ["crm.anchor.input.guard"]
    _order = "day desc"
    _log_access = False  # maintained by SQL increments, never by a person

    # Counted from the ledger: nobody enters one (see crm.anchor.input.guard).
    _anchor_server_fields = frozenset(
        {"company_id", "team_id", "user_id", "kpi_id", "grain", "day", "expected_count", "on_time_count"}
    )

    # Deleted with the salesperson, team or company (Odoo archives them; the
    # uninstall of demo data deletes them): set to NULL, two rows would share
    # one key. The ledger keeps its rows; _anchor_rebuild() counts them again.
    company_id = fields.Many2one("res.company", readonly=True, ondelete="cascade")
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, ondelete="cascade")
    kpi_id = fields.Many2one("crm.anchor.kpi", string="KPI", readonly=True, ondelete="cascade")
    kpi_code = fields.Selection(related="kpi_id.code")
    # Each settled row counts in its day and in its month: a year is read as
    # twelve month rows per salesperson and KPI, a period cut inside a month
    # by the days of that month.
    grain = fields.Selection([("day", "Day"), ("month", "Month")], readonly=True, required=True)
    day = fields.Date(
        readonly=True, help="The deadline's day (or its month's first day), in the company's time zone."
    )
    expected_count = fields.Integer(
        "Settled", readonly=True, help="Obligations done (on time or late) or missed."
    )
    on_time_count = fields.Integer("Done on Time", readonly=True)

    def init(self):
        # The UPSERT's conflict target; the dashboard reads a period's rows by day.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS crm_anchor_ledger_day_key ON crm_anchor_ledger_day"
                " (grain, day, kpi_id, COALESCE(company_id, 0), COALESCE(team_id, 0), COALESCE(user_id, 0))"
            )
        )

    @api.model
    def _anchor_count(self, rows, sign):
        """The contribution of ledger ``rows`` (as they are now in the cache,
        or the database), counted ``sign`` (+1 or -1) times: a Counter of
        {key: [settled, on time]} to pass to ``_anchor_apply``."""
        counts = Counter()
        for row in rows:
            if row.state not in SETTLED_STATES or not row.date_deadline:
                continue
            day = periods.local_date(row.date_deadline, row.company_id.partner_id.tz or row.user_id.tz)
            for grain, first in (("day", day), ("month", day.replace(day=1))):
                key = (
                    grain,
                    row.company_id.id or None,
                    row.team_id.id or None,
                    row.user_id.id or None,
                    row.kpi_id.id,
                    first,
                )
                counts[key, "expected"] += sign
                if row.state == "done_on_time":
                    counts[key, "on_time"] += sign
        return counts

    @api.model
    def _anchor_apply(self, counts):
        """Add ``counts`` (from ``_anchor_count``) in one UPSERT. Concurrent
        events on the same key wait for each other on its row: increments,
        never a read-then-write."""
        keys = {key for (key, _figure) in counts}
        values = [
            SQL(
                "(%s, %s, %s, %s, %s, %s::date, %s, %s)",
                *key,
                counts[key, "expected"],
                counts[key, "on_time"],
            )
            for key in sorted(keys, key=str)
            if counts[key, "expected"] or counts[key, "on_time"]
        ]
        if not values:
            return
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_anchor_ledger_day AS summary (grain, company_id, team_id, user_id, kpi_id,
                                                              day, expected_count, on_time_count)
                VALUES %(values)s
                ON CONFLICT (grain, day, kpi_id, COALESCE(company_id, 0), COALESCE(team_id, 0),
                             COALESCE(user_id, 0))
                DO UPDATE SET expected_count = summary.expected_count + EXCLUDED.expected_count,
                              on_time_count = summary.on_time_count + EXCLUDED.on_time_count
                """,
                values=SQL(", ").join(values),
            )
        )
        self.invalidate_model()

    @api.model
    def _anchor_rebuild(self):
        """Recount every day from the ledger, in one statement: after install,
        an upgrade, a change of a company's or salesperson's time zone, or a
        raw SQL change of the ledger."""
        self.env["crm.anchor.expectation"].flush_model()
        self.env["res.partner"].flush_model(["tz"])
        self.env.cr.execute(SQL("DELETE FROM crm_anchor_ledger_day"))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_anchor_ledger_day (grain, company_id, team_id, user_id, kpi_id, day,
                                                   expected_count, on_time_count)
                SELECT 'day', ledger.company_id, ledger.team_id, ledger.user_id, ledger.kpi_id, %(day)s,
                       COUNT(*), COUNT(*) FILTER (WHERE ledger.state = 'done_on_time')
                  FROM crm_anchor_expectation ledger
                 WHERE ledger.state IN %(settled)s
                 GROUP BY 2, 3, 4, 5, 6
                """,
                day=day_sql("ledger"),
                settled=SETTLED_STATES,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_anchor_ledger_day (grain, company_id, team_id, user_id, kpi_id, day,
                                                   expected_count, on_time_count)
                SELECT 'month', company_id, team_id, user_id, kpi_id, date_trunc('month', day)::date,
                       SUM(expected_count), SUM(on_time_count)
                  FROM crm_anchor_ledger_day WHERE grain = 'day'
                 GROUP BY 2, 3, 4, 5, 6
                """
            )
        )
        self.invalidate_model()
