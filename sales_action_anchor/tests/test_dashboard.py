from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import AnchorCase

B_SUMMARIES = [f"{surname}总再考虑" for surname in "王李张刘陈杨赵黄周吴徐孙"]
A_SUMMARIES = ["安装周期太长，工地等不起", "仓库盘点总是对不上账"]
C_SUMMARY = "价格比同行高"


def at(day, hour=9):
    return datetime(2026, 3, day, hour, 0, 0)


@tagged("post_install", "-at_install")
class TestDashboard(AnchorCase):
    """A crafted March 2026 of a team of three: A works well, B is busy for
    show, C is a newcomer who joined on 1 February."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.east = cls.env["crm.team"].create({"name": "East", "anchor_enforced": True})
        cls.rep_c = new_test_user(
            cls.env, "anchor_rep_c", groups="sales_team.group_sale_salesman", name="Rep C", tz="Asia/Shanghai"
        )
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.east.id, "user_id": cls.salesman.id, "anchor_date_joined": "2024-01-01"},
                {
                    "crm_team_id": cls.east.id,
                    "user_id": cls.salesman_b.id,
                    "anchor_date_joined": "2024-01-01",
                },
                {"crm_team_id": cls.east.id, "user_id": cls.rep_c.id, "anchor_date_joined": "2026-02-01"},
            ]
        )
        second_quote = cls.env.ref("sales_action_anchor.signal_second_quote")
        delivery = cls.env.ref("sales_action_anchor.signal_delivery_question")
        A, B, C = cls.salesman, cls.salesman_b, cls.rep_c
        with freeze_time(at(2)):
            cls.l1, cls.l2, cls.l3 = (cls._lead(user=A, team=cls.east, name=f"A{i}") for i in (1, 2, 3))
            cls.l4 = cls._lead(user=B, team=cls.east, name="B1")
            cls.l5 = cls._lead(user=A, team=cls.east, name="A5")
            cls.l6 = cls._lead(user=C, team=cls.east, name="C1")
            # A: a visit whose agreed action (due 3 March) is done on time and followed up by a touch.
            cls.v1 = cls._visit(
                cls.l1, pain_summary=A_SUMMARIES[0], date_visit=at(2), date_next_followup=at(3, 2)
            )
            cls.v1.action_submit()
            # B: twelve visits with near-empty summaries, agreed actions never done.
            for summary in B_SUMMARIES:
                visit = cls._visit(
                    cls.l4, pain_summary=summary, date_visit=at(2), date_next_followup=at(3, 2)
                )
                visit.action_submit()
            # C: one visit.
            cls._visit(
                cls.l6, pain_summary=C_SUMMARY, date_visit=at(2), date_next_followup=at(3, 2)
            ).action_submit()
        with freeze_time(at(2, 10)):
            cls._touch(cls.l1, user=A, date=at(2, 10))
            cls._touch(cls.l4, user=B, date=at(2, 10))
            cls._touch(cls.l6, user=C, date=at(2, 10))
        with freeze_time(at(3)):
            cls.v1.activity_id.action_feedback()
            cls._touch(cls.l1, user=A, date=at(3), signal_ids=[(6, 0, second_quote.ids)])
            cls.l5.with_user(cls.manager).action_anchor_force_stage_to(cls.stage["proposal"].id, "老客户")
        with freeze_time(at(4)):
            cls.l5.action_set_lost()
        with freeze_time(at(5)):
            cls._touch(cls.l2, user=A, date=at(5))  # after its 48 h: late
            v2 = cls._visit(
                cls.l2, pain_summary=A_SUMMARIES[1], date_visit=at(5), date_next_followup=at(6, 2)
            )
            v2.action_submit()
            for lead in (cls.l1, cls.l6):
                lead.sudo().write({"date_proposal_sent": at(5), "date_quote_sent": at(5)})
                lead.stage_id = cls.stage["signed"]
        with freeze_time(at(6)):
            cls._touch(cls.l1, user=A, date=at(6), signal_ids=[(6, 0, delivery.ids)])

    def _data(self, user=None, **scope):
        with freeze_time(at(10)):
            self.env["crm.anchor.expectation"]._cron_anchor_missed()
            self.env["crm.lead"]._cron_anchor_overdue()
            dashboard = self.env["crm.anchor.dashboard"].with_user(user or self.manager)
            return dashboard.get_data("2026-03-01", "2026-03-31", team_ids=[self.east.id], **scope)

    def test_stages_and_overdue(self):
        data = self._data()
        counts = {stage["code"]: stage["count"] for stage in data["stages"]}
        # A5, lost, is no longer in the pipeline.
        self.assertEqual(
            counts, {"lead": 3, "visit": 0, "proposal": 0, "quote": 0, "signed": 2, "delivery": 0}
        )
        signed = self.env["crm.lead"].search(data["stages"][4]["domain"])
        self.assertEqual(signed, self.l1 | self.l6)
        # A2 (last followed up on 5 March) and B1 (2 March); A3's creation is not frozen in tests.
        self.assertEqual(data["overdue"]["count"], 2)
        self.assertEqual(self.env["crm.lead"].search(data["overdue"]["domain"]), self.l2 | self.l4)
        self.assertEqual(data["overdue"]["days"], 3)

    def test_penetration(self):
        kpis = {row["code"]: row for row in self._data()["penetration"]}
        first_touch = kpis["first_touch"]
        # A1, B1, C1 on time; A2 late; A3 missed; A5 (lost) missed.
        self.assertEqual((first_touch["expected"], first_touch["done_on_time"]), (6, 3))
        self.assertEqual(first_touch["rate"], 0.5)
        self.assertEqual(
            first_touch["trend"][-1], {"month": "2026-03", "expected": 6, "done_on_time": 3, "rate": 0.5}
        )
        self.assertEqual(first_touch["trend"][0]["month"], "2025-10")
        self.assertEqual(len(first_touch["trend"]), 6, "the trend ends with the current month, March")
        self.assertIs(first_touch["trend"][0]["rate"], False)
        self.assertFalse(first_touch["habit"])
        self.assertEqual(first_touch["target"], 0.85)
        visits = kpis["visit_complete"]
        self.assertEqual((visits["expected"], visits["done_on_time"], visits["rate"]), (15, 15, 1.0))
        actions = kpis["agreed_action"]
        self.assertEqual((actions["expected"], actions["done_on_time"]), (15, 1))
        # A1 and C1 went from Lead to Signed without entering Quote: no quote expected.
        self.assertEqual((kpis["quote_sent"]["expected"], kpis["quote_sent"]["rate"]), (0, False))

    def test_habit_needs_two_months_at_target(self):
        with freeze_time(at(10)):
            kpi = self.env.ref("sales_action_anchor.kpi_visit_complete")
            data = (
                self.env["crm.anchor.dashboard"]
                .with_user(self.manager)
                .get_data("2026-03-01", "2026-03-31", team_ids=[self.east.id])
            )
        visits = next(row for row in data["penetration"] if row["code"] == "visit_complete")
        self.assertFalse(visits["habit"], "February had no visits")
        self.env["crm.anchor.expectation"].create(
            {
                "kpi_id": kpi.id,
                "lead_id": self.l1.id,
                "user_id": self.salesman.id,
                "team_id": self.east.id,
                "company_id": self.l1.company_id.id,
                "date_deadline": datetime(2026, 2, 10),
                "date_done": datetime(2026, 2, 9),
                "state": "done_on_time",
            }
        )
        visits = next(row for row in self._data()["penetration"] if row["code"] == "visit_complete")
        self.assertTrue(visits["habit"])

    def test_ranking(self):
        ranking = self._data()["ranking"]
        self.assertEqual(
            ranking["thresholds"],
            {
                "busy_min_visits": 10,
                "busy_max_summary_chars": 15,
                "real_progress_rate": 0.92,
                "newcomer_days": 180,
            },
        )
        rows = {row["name"]: row for row in ranking["rows"]}
        a, b, c = rows["Rep A"], rows["Rep B"], rows["Rep C"]
        self.assertEqual(a["visits"], 2)
        self.assertEqual(a["avg_summary_chars"], round(sum(map(len, A_SUMMARIES)) / 2, 1))
        self.assertEqual((a["actions_due"], a["actions_done"], a["completion_rate"]), (2, 1, 0.5))
        # V1 was followed up on 3 March by a touch; V2 was not.
        self.assertEqual((a["followups_due"], a["followups_on_time"], a["punctuality_rate"]), (2, 1, 0.5))
        self.assertEqual((b["visits"], b["avg_summary_chars"], b["completion_rate"]), (12, 5.0, 0.0))
        self.assertTrue(b["busy_for_show"])
        self.assertFalse(a["busy_for_show"])
        self.assertFalse(any(row["real_progress"] for row in ranking["rows"]))
        # B and C complete nothing and were both followed up in time; B visited more, but
        # is busy for show: after C, and out of the TOP 3.
        self.assertEqual([row["name"] for row in ranking["rows"]], ["Rep A", "Rep C", "Rep B"])
        self.assertEqual([row["rank"] for row in ranking["rows"]], [1, 2, 3])
        self.assertEqual([row["top3"] for row in ranking["rows"]], [True, True, False])
        # 15 actions due for 3 salespeople: enough to rank March on March.
        self.assertEqual(
            {key: ranking[key] for key in ("basis", "date_from", "date_to", "due_per_person", "min_due")},
            {
                "basis": "period",
                "date_from": "2026-03-01",
                "date_to": "2026-03-31",
                "due_per_person": 5.0,
                "min_due": 5,
            },
        )
        self.assertEqual(c["visits"], 1)
        self.assertEqual(len(self.env["crm.anchor.visit"].search(b["visit_domain"])), 12)

    def test_busy_for_show_never_reaches_the_top_3(self):
        # B's twelve agreed actions all done on time: the best completion, still busy for show.
        self.env["crm.anchor.expectation"].search(
            [("user_id", "=", self.salesman_b.id), ("kpi_code", "=", "agreed_action")]
        ).sudo().write({"state": "done_on_time", "date_done": at(3)})
        rows = self._data()["ranking"]["rows"]
        self.assertEqual(
            [(row["name"], row["completion_rate"], row["top3"]) for row in rows],
            [("Rep A", 0.5, True), ("Rep C", 0.0, True), ("Rep B", 1.0, False)],
        )

    def test_too_little_due_ranks_on_the_last_30_days(self):
        # A week without visits, seen on 10 March: ranked on 9 February - 10 March, and said so.
        with freeze_time(at(10)):
            self.env["crm.anchor.expectation"]._cron_anchor_missed()
            ranking = (
                self.env["crm.anchor.dashboard"]
                .with_user(self.manager)
                .get_data("2026-03-08", "2026-03-14", team_ids=[self.east.id])["ranking"]
            )
        self.assertEqual(
            (ranking["basis"], ranking["date_from"], ranking["date_to"]),
            ("last_30_days", "2026-02-09", "2026-03-10"),
        )
        self.assertEqual([row["name"] for row in ranking["rows"]], ["Rep A", "Rep C", "Rep B"])
        self.assertEqual(sum(row["actions_due"] for row in ranking["rows"]), 15)

    def test_real_progress_threshold_is_configurable(self):
        self.env["ir.config_parameter"].set_param("sales_action_anchor.real_progress_rate", 40)
        rows = {row["name"]: row for row in self._data()["ranking"]["rows"]}
        self.assertTrue(rows["Rep A"]["real_progress"])
        self.assertFalse(rows["Rep B"]["real_progress"])

    def test_business_figures(self):
        business = self._data()["business"]
        self.assertEqual(business["demand_heat"], {"count": 1, "partner_ids": [self.customer.id]})
        self.assertEqual(business["trust"], {"count": 1, "signed": 2, "partner_ids": [self.customer.id]})
        transfer = business["method_transfer"]
        top_avg = round((sum(map(len, A_SUMMARIES)) + len(C_SUMMARY)) / 3, 1)  # A and C: B is busy for show
        self.assertEqual(transfer["top_avg_chars"], top_avg)
        self.assertEqual(transfer["newcomer_avg_chars"], float(len(C_SUMMARY)))
        self.assertEqual(transfer["ratio"], round(top_avg / len(C_SUMMARY), 2))

    def test_before_after(self):
        rows = {row["code"]: row for row in self._data()["before_after"]}
        self.assertEqual(
            (rows["first_touch_rate"]["before"], rows["first_touch_rate"]["after"]), (False, 0.5)
        )
        self.assertEqual(rows["visit_complete_rate"]["after"], 1.0)
        # A5 was forced into Proposal on 3 March and lost on 4 March.
        self.assertEqual(
            (rows["misjudgment_rate"]["before"], rows["misjudgment_rate"]["after"]), (False, 1.0)
        )
        # C joined on 1 February and signed on 5 March; A is no newcomer.
        self.assertEqual(rows["newcomer_first_deal_days"]["after"], 32.0)
        self.assertIs(rows["newcomer_first_deal_days"]["before"], False)

    def test_figures_name_the_teams_own_settings(self):
        """Issue 15: the before/after row said "48-hour" whatever the team's SLA."""
        self.east.write({"anchor_overdue_days": 5, "anchor_first_touch_hours": 24})
        data = self._data()
        rows = {row["code"]: row for row in data["before_after"]}
        self.assertEqual(data["overdue"]["days"], 5)
        self.assertEqual(rows["first_touch_rate"]["name"], "24-hour first-touch rate")
        # Two teams with their own settings: the label names no number.
        west = self.env["crm.team"].create(
            {
                "name": "West",
                "anchor_enforced": True,
                "anchor_overdue_days": 3,
                "anchor_first_touch_hours": 48,
            }
        )
        with freeze_time(at(10)):
            data = (
                self.env["crm.anchor.dashboard"]
                .with_user(self.manager)
                .get_data("2026-03-01", "2026-03-31", team_ids=[self.east.id, west.id])
            )
        rows = {row["code"]: row for row in data["before_after"]}
        self.assertIs(data["overdue"]["days"], False)
        self.assertEqual(rows["first_touch_rate"]["name"], "First-touch rate within the team's SLA")

    def test_empty_period_divides_by_nothing(self):
        with freeze_time(at(10)):
            data = (
                self.env["crm.anchor.dashboard"]
                .with_user(self.manager)
                .get_data("2025-01-01", "2025-01-31", team_ids=[self.east.id])
            )
        self.assertTrue(all(row["rate"] is False and row["expected"] == 0 for row in data["penetration"]))
        self.assertEqual(data["ranking"]["rows"], [])
        self.assertEqual(data["business"]["method_transfer"]["ratio"], False)
        self.assertEqual(data["business"]["trust"], {"count": 0, "signed": 0, "partner_ids": []})
        self.assertTrue(all(row["after"] is False for row in data["before_after"]))

    def test_salesperson_without_visits(self):
        ranking = self._data(user_ids=[self.manager.id])["ranking"]
        self.assertEqual(ranking["rows"], [])

    def test_salesperson_sees_only_own_figures(self):
        data = self._data(user=self.salesman)
        self.assertEqual(data["filters"]["users"], [{"id": self.salesman.id, "name": "Rep A"}])
        self.assertEqual([row["name"] for row in data["ranking"]["rows"]], ["Rep A"])
        counts = {stage["code"]: stage["count"] for stage in data["stages"]}
        self.assertEqual((counts["lead"], counts["signed"]), (2, 1))
        first_touch = next(row for row in data["penetration"] if row["code"] == "first_touch")
        self.assertEqual((first_touch["expected"], first_touch["done_on_time"]), (4, 1))

    def test_before_is_the_previous_calendar_months_or_as_many_days(self):
        dashboard = self.env["crm.anchor.dashboard"].with_user(self.manager)
        for date_from, date_to, previous in (
            ("2026-03-01", "2026-03-31", ("2026-02-01", "2026-02-28")),  # a month: February
            ("2026-11-01", "2026-11-30", ("2026-10-01", "2026-10-31")),
            ("2026-04-01", "2026-06-30", ("2026-01-01", "2026-03-31")),  # a quarter
            ("2026-03-02", "2026-03-08", ("2026-02-23", "2026-03-01")),  # a week: the 7 days before
            ("2026-03-10", "2026-03-31", ("2026-02-16", "2026-03-09")),  # 22 days
        ):
            with self.subTest(date_from=date_from, date_to=date_to):
                period = dashboard._period(date_from, date_to)
                self.assertEqual(
                    (period["previous_from"].isoformat(), period["previous_to"].isoformat()), previous
                )

    def test_bad_period_is_refused(self):
        dashboard = self.env["crm.anchor.dashboard"].with_user(self.manager)
        with self.assertRaises(UserError) as caught:
            dashboard.get_data("2026-03-31", "2026-03-01")
        self.assertEqual(str(caught.exception), "Choose a period whose start is on or before its end.")
        with self.assertRaises(UserError) as caught:
            dashboard.get_data("2026-13-01", "2026-03-01")
        self.assertEqual(
            str(caught.exception),
            "Dates must be written YYYY-MM-DD: time data '2026-13-01' does not match format '%Y-%m-%d'",
        )

    def test_reports_agree_with_the_dashboard_under_the_same_rules(self):
        with freeze_time(at(10)):
            self.env["crm.anchor.expectation"]._cron_anchor_missed()
            self.env.flush_all()
            Penetration = self.env["crm.anchor.penetration.report"]
            for user, expected in ((self.manager, (6, 50.0)), (self.salesman, (4, 25.0))):
                [(count, rate)] = Penetration.with_user(user)._read_group(
                    [("team_id", "=", self.east.id), ("kpi_id.code", "=", "first_touch")],
                    [],
                    ["expected_count:sum", "on_time_rate:avg"],
                )
                self.assertEqual((count, rate), expected)
            visits = {
                user: (count, chars, done)
                for user, count, chars, done in self.env["crm.anchor.visit.report"]
                .with_user(self.manager)
                ._read_group(
                    [("team_id", "=", self.east.id)],
                    ["user_id"],
                    ["visit_count:sum", "summary_chars:avg", "action_done_rate:avg"],
                )
            }
            self.assertEqual(visits[self.salesman_b], (12, 5.0, 0.0))
            self.assertEqual(visits[self.salesman][0], 2)
            self.assertEqual(visits[self.salesman][2], 50.0)
            own = (
                self.env["crm.anchor.visit.report"]
                .with_user(self.salesman)
                .search([("team_id", "=", self.east.id)])
            )
            self.assertEqual(own.user_id, self.salesman)
