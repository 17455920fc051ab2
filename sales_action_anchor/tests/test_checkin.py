from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AnchorCase

# Shanghai is UTC+8: 08:50 there is 00:50 UTC, 18:00 there is 10:00 UTC.
DAY = datetime(2026, 3, 2)


def utc(hour, minute=0, days=0):
    return DAY + timedelta(days=days, hours=hour, minutes=minute)


@tagged("post_install", "-at_install")
class TestDailyCheckin(AnchorCase):
    def _checkin(self, user=None):
        return self.env["crm.anchor.checkin"].search(
            [("user_id", "=", (user or self.salesman).id), ("date", "=", DAY.date())]
        )

    def _reminders(self, checkin):
        return self.env["mail.activity"].search(
            [("res_model", "=", "crm.anchor.checkin"), ("res_id", "=", checkin.id)]
        )

    def _open_day(self, hour=0):
        with freeze_time(utc(hour)):
            self.env.ref("sales_action_anchor.ir_cron_anchor_checkins").method_direct_trigger()
        return self._checkin()

    def test_cron_opens_one_checkin_per_salesperson_and_reminds_before_the_deadline(self):
        checkin = self._open_day(0)  # 08:00 in Shanghai
        self.assertEqual((checkin.team_id, checkin.morning_state), (self.team, "pending"))
        self.assertEqual(
            self._reminders(checkin).activity_type_id,
            self.env.ref("sales_action_anchor.mail_activity_type_anchor_checkin_morning"),
        )
        self._open_day(0)
        self.assertEqual(len(self._checkin()), 1)
        self.assertEqual(len(self._reminders(checkin)), 1)

    def test_morning_checkin_on_time_closes_its_reminder(self):
        checkin = self._open_day(0)
        with self.assertRaises(UserError) as caught:
            checkin.with_user(self.salesman).action_checkin_morning()
        self.assertIn("today's key customer", str(caught.exception))
        checkin.with_user(self.salesman).write(
            {"morning_partner_id": self.customer.id, "morning_need": "交期要稳"}
        )
        with freeze_time(utc(0, 30)):
            checkin.with_user(self.salesman).action_checkin_morning()
        self.assertEqual(checkin.morning_state, "on_time")
        self.assertFalse(self._reminders(checkin))

    def test_morning_checkin_late_and_missed(self):
        checkin = self._open_day(0)
        checkin_b = self._checkin(self.salesman_b)
        checkin.write({"morning_partner_id": self.customer.id, "morning_need": "交期要稳"})
        with freeze_time(utc(1)):  # 09:00: the meeting has started
            checkin.with_user(self.salesman).action_checkin_morning()
            self.env["crm.anchor.checkin"]._cron_anchor_checkins()
        self.assertEqual(checkin.morning_state, "late")
        self.assertEqual(checkin_b.morning_state, "missed")

    def test_visits_reported_within_thirty_minutes_of_their_end(self):
        checkin = self._open_day(0)
        lead = self._lead()
        with freeze_time(utc(3, 20)):
            quick = self._visit(lead, date_visit=utc(2), visit_duration=1.0, date_next_followup=utc(30))
            quick.action_submit()
        self.assertEqual(
            (checkin.visit_count, checkin.visit_in_time_count, checkin.visit_state), (1, 1, "on_time")
        )
        with freeze_time(utc(4, 1)):
            slow = self._visit(
                lead, date_visit=utc(2), pain_summary="仓库盘点总是对不上", date_next_followup=utc(30)
            )
            slow.action_submit()
        self.assertEqual(
            (checkin.visit_count, checkin.visit_in_time_count, checkin.visit_state), (2, 1, "late")
        )

    def test_evening_checkin_needs_tomorrows_top_three_with_agreed_actions(self):
        checkin = self._open_day(0)
        leads = self.env["crm.lead"].concat(*(self._lead(name=f"TOP {index}") for index in range(3)))
        checkin.with_user(self.salesman).top_lead_ids = leads[:2]
        with self.assertRaises(UserError) as caught:
            checkin.with_user(self.salesman).action_checkin_evening()
        self.assertEqual(str(caught.exception), "Choose tomorrow's TOP 3 opportunities first.")
        checkin.with_user(self.salesman).top_lead_ids = leads
        with freeze_time(utc(9)):
            for index, lead in enumerate(leads[:2]):
                self._visit(
                    lead, pain_summary=f"第{index}家交期太长", date_next_followup=utc(2, days=1)
                ).action_submit()
            with self.assertRaises(UserError) as caught:
                checkin.with_user(self.salesman).action_checkin_evening()
            self.assertEqual(
                str(caught.exception),
                "Action loop not closed, please complete: agree an action with a reminder for TOP 2",
            )
            self._visit(
                leads[2], pain_summary="价格比同行高", date_next_followup=utc(2, days=1)
            ).action_submit()
            checkin.with_user(self.salesman).action_checkin_evening()
        self.assertEqual(checkin.evening_state, "on_time")
        self.assertEqual(
            checkin.completed_count, 2, "evening on time, no visit that day… and the morning missed?"
        )

    def test_a_day_not_started_cannot_be_checked_in(self):
        checkin = self._open_day(0)
        tomorrow = self.env["crm.anchor.checkin"].create(
            {"user_id": self.salesman.id, "team_id": self.team.id, "date": DAY.date() + timedelta(days=1)}
        )
        tomorrow.morning_partner_id = self.customer
        tomorrow.morning_need = "要报价"
        with freeze_time(utc(0, 30)), self.assertRaisesRegex(UserError, "has not started yet"):
            tomorrow.with_user(self.salesman).action_checkin_morning()
        self.assertEqual(tomorrow.morning_state, "pending")
        self.assertEqual(checkin.morning_state, "pending")

    def test_evening_missed_after_the_deadline(self):
        checkin = self._open_day(9)  # 17:00 in Shanghai: evening reminder
        self.assertIn(
            self.env.ref("sales_action_anchor.mail_activity_type_anchor_checkin_evening"),
            self._reminders(checkin).activity_type_id,
        )
        with freeze_time(utc(10, 1)):
            self.env["crm.anchor.checkin"]._cron_anchor_checkins()
        self.assertEqual((checkin.morning_state, checkin.evening_state), ("missed", "missed"))
        self.assertFalse(self._reminders(checkin))
        self.assertEqual(checkin.completed_count, 1, "only the visit part: no visit to report")

    def test_salesperson_sees_only_own_checkins(self):
        self._open_day(0)
        visible = self.env["crm.anchor.checkin"].with_user(self.salesman).search([("date", "=", DAY.date())])
        self.assertEqual(visible.user_id, self.salesman)
