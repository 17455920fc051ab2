from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AnchorCase

MONDAY = datetime(2026, 3, 2, 2, 0)  # 10:00 in Shanghai


@tagged("post_install", "-at_install")
class TestMorningViews(AnchorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.east = cls.env["crm.team"].create({"name": "East", "anchor_enforced": True})
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.east.id, "user_id": cls.salesman.id},
                {"crm_team_id": cls.east.id, "user_id": cls.salesman_b.id},
            ]
        )
        Checkin = cls.env["crm.anchor.checkin"]
        cls.a_monday = Checkin.create(
            {
                "user_id": cls.salesman.id,
                "team_id": cls.east.id,
                "date": "2026-03-02",
                "morning_need": "交期要稳",
            }
        )
        cls.a_monday.write({"morning_state": "on_time", "evening_state": "missed"})
        cls.b_tuesday = Checkin.create(
            {"user_id": cls.salesman_b.id, "team_id": cls.east.id, "date": "2026-03-03"}
        )
        with freeze_time(MONDAY):
            lead_a = cls._lead(user=cls.salesman, team=cls.east)
            lead_b = cls._lead(user=cls.salesman_b, team=cls.east)
            cls.v1 = cls._visit(lead_a, pain_summary="交期太长影响开工", date_visit=MONDAY)
            cls.v2 = cls._visit(lead_b, pain_summary="交期不稳定被罚款", date_visit=MONDAY)
            cls.v3 = cls._visit(lead_b, pain_summary="inventory counts are wrong", date_visit=MONDAY)
            for visit in (cls.v1, cls.v2, cls.v3):
                visit.action_submit()
        with freeze_time(MONDAY + timedelta(hours=20)):
            cls.v1.activity_id.action_feedback()

    def _data(self, user=None, **scope):
        with freeze_time(datetime(2026, 3, 9)):
            return (
                self.env["crm.anchor.morning"]
                .with_user(user or self.manager)
                .get_data("2026-03-02", "2026-03-08", team_ids=[self.east.id], **scope)
            )

    def test_heatmap(self):
        heatmap = self._data()["heatmap"]
        self.assertEqual(heatmap["days"][0], "2026-03-02")
        self.assertEqual(len(heatmap["days"]), 7)
        self.assertEqual([user["id"] for user in heatmap["users"]], [self.salesman.id, self.salesman_b.id])
        cell = next(cell for cell in heatmap["cells"] if cell["checkin_id"] == self.a_monday.id)
        self.assertEqual(
            (cell["day"], cell["morning"], cell["visits"], cell["evening"], cell["completed"]),
            ("2026-03-02", "on_time", "on_time", "missed", 2),
        )
        self.assertEqual(len(heatmap["cells"]), 2)

    def _data_at(self, now, date_from="2026-03-02", date_to="2026-03-08"):
        with freeze_time(now):
            return (
                self.env["crm.anchor.morning"]
                .with_user(self.manager)
                .get_data(date_from, date_to, team_ids=[self.east.id])
            )

    def test_heatmap_runs_from_the_first_checkin_to_today(self):
        """No column for the days before anyone checked in, nor for days to come."""
        # Wednesday 4 March, 10:00 in Shanghai; the period starts a week before the first check-in.
        heatmap = self._data_at(datetime(2026, 3, 4, 2, 0), "2026-02-23", "2026-03-08")["heatmap"]
        self.assertEqual(heatmap["days"], ["2026-03-02", "2026-03-03", "2026-03-04"])
        nobody = self._data_at(datetime(2026, 3, 4, 2, 0), "2026-02-16", "2026-02-22")["heatmap"]
        self.assertEqual((nobody["days"], nobody["cells"]), ([], []))

    def test_heatmap_judges_open_parts_at_reading_time(self):
        """A part not done is pending until its deadline, missed after it,
        whatever the job stored last."""
        checkin = self.env["crm.anchor.checkin"].create(
            {"user_id": self.salesman.id, "team_id": self.east.id, "date": "2026-03-04"}
        )
        self.east.anchor_morning_deadline = 7.0
        # 07:05 in Shanghai: the job marks the morning missed…
        checkin._anchor_remind_and_settle(datetime(2026, 3, 3, 23, 5))
        self.assertEqual(checkin.morning_state, "missed")
        # …then the manager moves the deadline back to 08:50: at 07:30 the morning is not due yet.
        self.east.anchor_morning_deadline = 8 + 50 / 60

        def cell(now):
            cells = self._data_at(now)["heatmap"]["cells"]
            return next(cell for cell in cells if cell["checkin_id"] == checkin.id)

        self.assertEqual((cell(datetime(2026, 3, 3, 23, 30))["morning"]), "pending")
        # 19:00, the job has not run since 18:00: the evening is missed, not pending.
        at_seven_pm = cell(datetime(2026, 3, 4, 11, 0))
        self.assertEqual((at_seven_pm["morning"], at_seven_pm["evening"]), ("missed", "missed"))
        self.assertEqual(checkin.evening_state, "pending", "reading the views writes nothing")

    def test_word_cloud_counts_visits_and_morning_needs(self):
        words = {word["word"]: word for word in self._data()["words"]}
        self.assertEqual(words["交期"]["count"], 3)
        self.assertEqual(words["交期"]["visit_ids"], sorted((self.v1 | self.v2).ids))
        self.assertEqual(words["交期"]["checkin_ids"], [self.a_monday.id])
        self.assertEqual(self.env["crm.anchor.visit"].search(words["交期"]["domain"]), self.v1 | self.v2)
        self.assertEqual(words["inventory"]["count"], 1)
        self.assertNotIn("的", words)
        self.assertNotIn("are", words)

    def test_completion_trend(self):
        trend = self._data()["trend"]
        # Three agreed actions due on 3 March (Shanghai): V1's done in time.
        self.assertEqual(trend["daily"], [{"day": "2026-03-03", "due": 3, "done": 1, "rate": 0.3333}])
        self.assertEqual(trend["weekly"][0]["week"], "2026-W10")
        by_user = {row["user_id"]: row for row in trend["by_user"]}
        self.assertEqual((by_user[self.salesman.id]["rate"], by_user[self.salesman_b.id]["rate"]), (1.0, 0.0))

    def test_completion_trend_stops_today(self):
        """An action due on Thursday but done on Tuesday counts on Thursday:
        on Tuesday it is not plotted, no day to come is."""
        with freeze_time(MONDAY):
            early = self._visit(
                self._lead(user=self.salesman, team=self.east),
                pain_summary="样品要尽快送到工地",
                date_visit=MONDAY,
                date_next_followup=MONDAY + timedelta(days=3),
            )
            early.action_submit()
        tuesday = MONDAY + timedelta(days=1)
        with freeze_time(tuesday):
            early.activity_id.action_feedback()
        trend = self._data_at(tuesday)["trend"]
        # On Tuesday 10:00, of the three actions due that day only V1's is done: the others are not due yet.
        self.assertEqual(trend["daily"], [{"day": "2026-03-03", "due": 1, "done": 1, "rate": 1.0}])
        self.assertEqual([(week["due"], week["done"]) for week in trend["weekly"]], [(1, 1)])
        self.assertEqual([(row["user_id"], row["due"]) for row in trend["by_user"]], [(self.salesman.id, 1)])
        self.assertEqual((trend["date_from"], trend["date_to"]), ("2026-03-02", "2026-03-03"))
        # A period still to come has no trend yet.
        later = self._data_at(tuesday, "2026-03-09", "2026-03-15")["trend"]
        self.assertEqual((later["daily"], later["weekly"], later["by_user"]), ([], [], []))

    def test_salesperson_sees_only_own_row(self):
        data = self._data(user=self.salesman)
        self.assertEqual([user["id"] for user in data["heatmap"]["users"]], [self.salesman.id])
        self.assertEqual(
            self.env["crm.anchor.visit"].search([("id", "in", data["words"][0]["visit_ids"])]), self.v1
        )

    def test_newcomer_coaching_and_pilot_comparison(self):
        self.env["crm.team.member"].search([("crm_team_id", "=", self.east.id)]).write(
            {"anchor_date_joined": "2024-01-01"}
        )
        member_b = self.env["crm.team.member"].search(
            [("crm_team_id", "=", self.east.id), ("user_id", "=", self.salesman_b.id)]
        )
        member_b.write({"anchor_date_joined": "2026-02-01", "anchor_pilot": True})
        data = self._data()
        [row] = data["newcomers"]["rows"]
        self.assertEqual(
            (row["user_id"], row["joined"], row["visits"]), (self.salesman_b.id, "2026-02-01", 2)
        )
        self.assertIs(row["first_deal_days"], False)
        # Top 3 here are A (one visit, done) and B (two, not done).
        self.assertEqual(data["newcomers"]["top"]["completion_rate"], 0.5)
        self.assertEqual(row["completion_rate"], 0.0)
        self.assertEqual(row["gaps"]["completion_rate"], -0.5)
        self.assertEqual(data["pilot"]["pilot"]["users"], [self.salesman_b.id])
        self.assertEqual(data["pilot"]["others"]["users"], [self.salesman.id])
