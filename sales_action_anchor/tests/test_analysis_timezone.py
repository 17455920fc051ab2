"""The team's day: every view counts in the company's time zone, agrees with
the others and with a hand-written SQL count.

Three new leads of salesperson A, whose first-touch deadlines (48 h after
creation) fall near the end of February and of March, chosen so that UTC
and local months disagree; one is touched in time, two never. And an agreed
action due on the last day of March, never done. Expected figures are worked
out by hand in each test."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL

from .common import AnchorCase

DAY = timedelta(days=1)


class TimezoneCase(AnchorCase):
    TZ = None
    # Creation times (UTC) of the touched lead, then of the two untouched ones.
    CREATED = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = cls.TZ
        (cls.salesman | cls.manager).write({"tz": cls.TZ})
        cls.east = cls.env["crm.team"].create({"name": "East", "anchor_enforced": True})
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.east.id, "user_id": cls.salesman.id, "anchor_pilot": True}
        )
        touched_at, *untouched_at = cls.CREATED
        with freeze_time(touched_at):
            cls.touched = cls._lead(team=cls.east, name="touched")
        with freeze_time(touched_at + timedelta(hours=1)):
            cls._touch(cls.touched)
        cls.untouched = []
        for created in untouched_at:
            with freeze_time(created):
                cls.untouched.append(cls._lead(team=cls.east, name=f"untouched {created}"))
        # An agreed action due (in A's day) on 31 March, never done.
        with freeze_time(datetime(2026, 3, 20, 3, 0)):
            visit = cls._visit(
                cls.touched,
                date_visit=datetime(2026, 3, 20, 2, 0),
                date_next_followup=datetime(2026, 3, 31, 12, 0),
            )
            visit.action_submit()
        cls.visit = visit

    def _first_touch(self, date_from, date_to):
        """(expected, done on time) of the first-touch KPI as the dashboard, the
        penetration report and a hand-written SQL count each give them."""
        data = (
            self.env["crm.anchor.dashboard"]
            .with_user(self.manager)
            .get_data(date_from, date_to, [self.east.id])
        )
        [row] = [row for row in data["penetration"] if row["code"] == "first_touch"]
        dashboard = (row["expected"], row["done_on_time"])
        start, end = (
            self.env["crm.anchor.analysis"]
            .with_user(self.manager)
            ._bounds(datetime.fromisoformat(date_from).date(), datetime.fromisoformat(date_to).date())
        )
        [(expected, on_time)] = (
            self.env["crm.anchor.penetration.report"]
            .with_user(self.manager)
            ._read_group(
                [
                    ("kpi_id.code", "=", "first_touch"),
                    ("team_id", "=", self.east.id),
                    ("date_deadline", ">=", start),
                    ("date_deadline", "<", end),
                ],
                [],
                ["expected_count:sum", "on_time_count:sum"],
            )
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'done_on_time')
                     FROM crm_anchor_expectation
                    WHERE kpi_code = 'first_touch' AND team_id = %s
                      AND date_deadline >= %s AND date_deadline < %s
                      AND (state <> 'pending' OR date_deadline < %s)""",
                self.east.id,
                start,
                end,
                datetime.now(),  # frozen
            )
        )
        by_hand = self.env.cr.fetchone()
        self.assertEqual(dashboard, (expected or 0, on_time or 0), "dashboard = penetration report")
        self.assertEqual(dashboard, by_hand, "dashboard = SQL")
        return dashboard, data

    def _march_daily_trend(self):
        """The morning view's agreed actions due per day of March."""
        morning = self.env["crm.anchor.morning"].with_user(self.manager)
        return morning.get_data("2026-03-01", "2026-03-31", [self.east.id])["trend"]["daily"]

    def _pilot_penetration(self, date_from, date_to):
        data = (
            self.env["crm.anchor.pilot"]
            .with_user(self.manager)
            .get_comparison(date_from, date_to, [self.east.id])
        )
        return data["pilot"]["penetration"]


@tagged("post_install", "-at_install")
class TestShanghai(TimezoneCase):
    """UTC+8. Deadlines: touched lead 28 Feb 20:00 UTC (1 March 04:00 local:
    March); untouched 28 Feb 10:00 UTC (28 Feb 18:00: February) and 31 March
    17:00 UTC (1 April 01:00: April). The agreed action: 31 March 23:59:59
    local, 15:59:59 UTC."""

    TZ = "Asia/Shanghai"
    CREATED = (datetime(2026, 2, 26, 20, 0), datetime(2026, 2, 26, 10, 0), datetime(2026, 3, 29, 17, 0))

    def test_inside_the_month(self):
        with freeze_time(datetime(2026, 3, 15, 4, 0)):
            (expected, on_time), data = self._first_touch("2026-03-01", "2026-03-31")
            # Only the touched lead is due in March: at UTC midnights it would be February's.
            self.assertEqual((expected, on_time), (1, 1))
            self.assertEqual(data["period"]["date_from"], "2026-03-01")
            self.assertEqual(self._first_touch("2026-02-01", "2026-02-28")[0], (1, 0))
            # The agreed action is not due yet: nobody's figure counts it, the pilot's neither
            # (the touched lead's first touch and its visit's report, both on time).
            self.assertEqual(self._pilot_penetration("2026-03-01", "2026-03-31"), 1.0)
            self.assertEqual(self._march_daily_trend(), [])

    def test_across_the_month_boundary(self):
        # 1 April 07:30 in Shanghai, still 31 March in UTC: the April lead's deadline has passed.
        with freeze_time(datetime(2026, 3, 31, 23, 30)):
            self.assertEqual(self._first_touch("2026-03-01", "2026-03-31")[0], (1, 1))
            self.assertEqual(self._first_touch("2026-04-01", "2026-04-30")[0], (1, 0))
            data = (
                self.env["crm.anchor.dashboard"]
                .with_user(self.manager)
                .get_data("2026-04-01", "2026-04-30", [self.east.id])
            )
            [row] = [row for row in data["penetration"] if row["code"] == "first_touch"]
            self.assertEqual(
                row["trend"][-1], {"month": "2026-04", "expected": 1, "done_on_time": 0, "rate": 0.0}
            )
            self.assertEqual(row["trend"][-2]["expected"], 1, "March: the touched lead")
            self.assertEqual(row["trend"][-3]["expected"], 1, "February: the first untouched lead")
            # The agreed action, due on 31 March (local), is now due: it counts in March, on 31 March.
            self.assertEqual(
                self._march_daily_trend(), [{"day": "2026-03-31", "due": 1, "done": 0, "rate": 0.0}]
            )
            # March for the pilot: a first touch and a visit report on time, the agreed action missed.
            self.assertEqual(self._pilot_penetration("2026-03-01", "2026-03-31"), 0.6667)

    def test_newcomer_first_deal_on_the_local_day(self):
        # A joined on 1 March; first deal signed 31 March 17:00 UTC, 1 April 01:00 in Shanghai.
        membership = self.salesman.crm_team_member_ids.filtered(
            lambda member: member.crm_team_id == self.east
        )
        membership.anchor_date_joined = "2026-03-01"
        self.touched.sudo().date_signed = datetime(2026, 3, 31, 17, 0)
        with freeze_time(datetime(2026, 4, 20, 4, 0)):
            dashboard = self.env["crm.anchor.dashboard"].with_user(self.manager)
            cycles = [
                {row["code"]: row for row in dashboard.get_data(*month, [self.east.id])["before_after"]}[
                    "newcomer_first_deal_days"
                ]["after"]
                for month in (("2026-03-01", "2026-03-31"), ("2026-04-01", "2026-04-30"))
            ]
            self.assertEqual(cycles, [False, 31.0], "none in March, 31 days in April")
            morning = self.env["crm.anchor.morning"].with_user(self.manager)
            [row] = morning.get_data("2026-04-01", "2026-04-30", [self.east.id])["newcomers"]["rows"]
            self.assertEqual(row["first_deal_days"], 31, "1 March to 1 April")

    def test_stored_months_are_local_months(self):
        rows = self.env["crm.anchor.expectation"].search([("lead_id.team_id", "=", self.east.id)])
        months = {(row.lead_id.name, row.kpi_code): row.month.isoformat() for row in rows}
        self.assertEqual(months[("touched", "first_touch")], "2026-03-01")
        self.assertEqual(months[(self.untouched[1].name, "first_touch")], "2026-04-01")
        self.assertEqual(months[("touched", "agreed_action")], "2026-03-01")


@tagged("post_install", "-at_install")
class TestBogota(TimezoneCase):
    """UTC−5, no daylight saving time. Deadlines: touched lead 1 March 03:00
    UTC (28 February 22:00 local: February); untouched 1 March 06:00 UTC
    (01:00 local: March) and 1 April 04:00 UTC (31 March 23:00: March). The
    agreed action: 31 March 23:59:59 local, 1 April 04:59:59 UTC."""

    TZ = "America/Bogota"
    CREATED = (datetime(2026, 2, 27, 3, 0), datetime(2026, 2, 27, 6, 0), datetime(2026, 3, 30, 4, 0))

    def test_local_months_and_days(self):
        with freeze_time(datetime(2026, 4, 2, 12, 0)):
            self.assertEqual(self._first_touch("2026-02-01", "2026-02-28")[0], (1, 1))
            self.assertEqual(self._first_touch("2026-03-01", "2026-03-31")[0], (2, 0))
            self.assertEqual(self._first_touch("2026-04-01", "2026-04-30")[0], (0, 0))
            # Due on 31 March in Bogota, though 1 April in UTC.
            self.assertEqual(
                self._march_daily_trend(), [{"day": "2026-03-31", "due": 1, "done": 0, "rate": 0.0}]
            )
            # March for the pilot: two first touches and the agreed action missed, a visit report on time.
            self.assertEqual(self._pilot_penetration("2026-03-01", "2026-03-31"), 0.25)
            self.assertEqual(self._pilot_penetration("2026-02-01", "2026-02-28"), 1.0)


@tagged("post_install", "-at_install")
class TestFollowupDependency(AnchorCase):
    def test_a_lead_moved_into_an_anchor_team_gets_its_last_follow_up(self):
        legacy = self.env["crm.team"].create({"name": "Legacy"})
        lead = self._lead(team=legacy)
        touch = self._touch(lead, customer_words=False, evidence_attachment_ids=[], date=datetime(2026, 3, 1))
        self.assertFalse(lead.date_last_followup, "no anchor team: nothing is followed")
        lead.sudo().team_id = self.team
        self.assertEqual(lead.date_last_followup, touch.date)
        # Followed up two days ago: not overdue (the team allows 3 days).
        with freeze_time(datetime(2026, 3, 3)):
            self.env["crm.lead"]._anchor_sync_overdue([lead.id])
        self.assertFalse(lead.anchor_overdue)
