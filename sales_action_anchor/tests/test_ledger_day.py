"""The daily summary of the ledger (crm.anchor.ledger.day) stays exact.

Property-based (hypothesis): random sequences of the events that change the
ledger — new opportunities, touches, visits submitted and reopened, agreed
actions done, deadlines passing, the "missed" job — then the summary is
compared with a recount of the ledger, and the dashboard's penetration
figures with the same figures counted on the fly from the ledger rows.
"""

from contextlib import closing
from datetime import date, timedelta

from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import tagged
from odoo.tools import SQL

from ..models.crm_anchor_ledger_day import SETTLED_STATES, day_sql
from .common import NOW, AnchorCase
from .test_hostile_input import CI

# Each event names one of the example's three opportunities (its last visit).
LEAD = st.integers(0, 2)
EVENTS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["touch", "visit", "submit", "reopen", "action_done"]), LEAD),
        st.tuples(st.just("missed_job")),
        st.tuples(st.just("time_passes"), st.integers(1, 60)),
    ),
    min_size=3,
    max_size=20,
)


@tagged("post_install", "-at_install")
class TestLedgerDay(AnchorCase):
    def _summary(self):
        """{(grain, company, team, user, kpi, day): (settled, on time)} as stored."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "SELECT grain, company_id, team_id, user_id, kpi_id, day, expected_count, on_time_count"
                " FROM crm_anchor_ledger_day WHERE expected_count <> 0 OR on_time_count <> 0"
            )
        )
        return {tuple(row[:6]): tuple(row[6:]) for row in rows}

    def _recount(self):
        """The same, counted now from every row of the ledger."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT grain, ledger.company_id, ledger.team_id, ledger.user_id, ledger.kpi_id,
                       CASE WHEN grain = 'day' THEN %(day)s ELSE date_trunc('month', %(day)s)::date END,
                       COUNT(*), COUNT(*) FILTER (WHERE ledger.state = 'done_on_time')
                  FROM crm_anchor_expectation ledger, unnest(ARRAY['day', 'month']) AS grain
                 WHERE ledger.state IN %(settled)s
                 GROUP BY 1, 2, 3, 4, 5, 6
                """,
                day=day_sql("ledger"),
                settled=SETTLED_STATES,
            )
        )
        return {tuple(row[:6]): tuple(row[6:]) for row in rows}

    def _differences(self):
        """{key: (stored, recounted)} where the summary is not the ledger."""
        stored, recounted = self._summary(), self._recount()
        return {
            key: (stored.get(key), recounted.get(key))
            for key in stored.keys() | recounted.keys()
            if stored.get(key) != recounted.get(key)
        }

    def _on_the_fly(self, dashboard, start, end):
        """{KPI code: [expected, done on time]} of the due obligations whose
        deadline falls in [start, end], local days: the ledger scanned."""
        low, high = dashboard._bounds(start, end)
        counts = {}
        for row in self.env["crm.anchor.expectation"].search(
            dashboard._due_domain() + [("date_deadline", ">=", low), ("date_deadline", "<", high)]
        ):
            bucket = counts.setdefault(row.kpi_code, [0, 0])
            bucket[0] += 1
            bucket[1] += row.state == "done_on_time"
        return counts

    def _step(self, event, state):
        """Play one event at the test's clock ``state["now"]``."""
        name, *args = event
        if name == "time_passes":
            state["now"] += timedelta(hours=args[0])
            return
        with freeze_time(state["now"]):
            if name == "missed_job":
                self.env["crm.anchor.expectation"]._cron_anchor_missed()
                return
            lead = state["leads"][args[0]]
            visit = self.env["crm.anchor.visit"].search([("lead_id", "=", lead.id)], limit=1, order="id desc")
            if name == "touch":
                self._touch(lead)
            elif name == "visit":
                # A visit now, its follow-up agreed for tomorrow.
                self._visit(
                    lead, date_visit=state["now"], date_next_followup=state["now"] + timedelta(days=1)
                )
            elif name == "submit":
                visit.action_submit()
            elif name == "reopen":
                visit.with_user(self.manager).action_reopen("客户改了需求")
            elif name == "action_done" and visit.activity_id:
                visit.activity_id.action_feedback()

    @settings(CI, max_examples=30)
    @given(events=EVENTS)
    def test_summary_equals_the_ledger_after_any_events(self, events):
        with closing(self.env.cr.savepoint()):
            with freeze_time(NOW):
                state = {"now": NOW, "leads": [self._lead() for _index in range(3)]}
            for event in events:
                self._step(event, state)
            self.assertEqual(self._differences(), {})
            # What the dashboard shows: the summary plus the pending rows past due.
            dashboard = self.env["crm.anchor.dashboard"].with_user(self.manager)
            # A whole month (month rows), and days cutting a month (day rows).
            for start, end in ((date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 3, 2), date(2026, 3, 4))):
                with freeze_time(state["now"]):
                    period = dashboard._period(start, end)
                    counts = dashboard._ledger_counts(period, dashboard._scope(None, None))["period"]
                    expected = self._on_the_fly(dashboard, start, end)
                self.assertEqual(counts, expected, f"{start} to {end}")

    def test_a_touch_settles_its_day(self):
        with freeze_time(NOW):
            lead = self._lead()
        before = self._summary()
        with freeze_time(NOW + timedelta(hours=3)):
            self._touch(lead)
        key = (
            "day",
            self.env.company.id,
            self.team.id,
            self.salesman.id,
            self.env.ref("sales_action_anchor.kpi_first_touch").id,
            date(2026, 3, 4),  # due 48 h after 17:00 in Shanghai on the 2nd
        )
        settled, on_time = before.get(key, (0, 0))
        self.assertEqual(self._summary().get(key), (settled + 1, on_time + 1))

    def test_deleting_an_opportunity_takes_its_days(self):
        with freeze_time(NOW):
            lead = self._lead()
            self._touch(lead)
            visit = self._visit(lead)
        with freeze_time(NOW + timedelta(days=3)):
            self.env["crm.anchor.expectation"]._cron_anchor_missed()  # the visit's report: missed
        self.assertEqual(self._differences(), {})
        visit.sudo().unlink()
        self.assertEqual(self._differences(), {})
        lead.sudo().unlink()
        self.assertEqual(self._differences(), {})

    def test_rebuild_recounts_what_sql_changed(self):
        """The ledger written past the ORM (a raw UPDATE, as a migration does):
        the rebuild command makes the summary true again."""
        with freeze_time(NOW):
            self._touch(self._lead())
        self.env.flush_all()
        before = self._summary()
        self.env.cr.execute(SQL("UPDATE crm_anchor_expectation SET state = 'missed' WHERE state <> 'missed'"))
        self.assertEqual(self._summary(), before)
        self.assertTrue(self._differences())
        self.env["crm.anchor.ledger.day"]._anchor_rebuild()
        self.assertEqual(self._differences(), {})

    def test_a_salesperson_reads_only_own_days(self):
        with freeze_time(NOW):
            self._touch(self._lead())
            self._touch(self._lead(user=self.salesman_b), user=self.salesman_b)
        days = self.env["crm.anchor.ledger.day"]
        self.assertEqual(days.with_user(self.salesman).search([]).user_id, self.salesman)
        self.assertEqual(
            days.with_user(self.manager)
            .search([("user_id", "in", (self.salesman | self.salesman_b).ids)])
            .user_id,
            self.salesman | self.salesman_b,
        )
