from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .tour_case import TourCase


def morning_zone(utc_now, hour=9):
    """A fixed-offset time zone in which ``utc_now`` is ``hour`` o'clock: the
    browser runs on the real clock, so the test picks the salesperson's zone
    to know where "now" stands against the team's deadline."""
    offset = (hour - utc_now.hour) % 24
    if offset > 14:  # time zones run from UTC-12 to UTC+14
        offset -= 24
    # The Etc zones' signs are POSIX's: Etc/GMT-5 is UTC+5.
    return f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"


@tagged("post_install", "-at_install", "anchor_tour")
class TestCheckinTour(TourCase):
    def test_missing_agreed_action_is_scheduled_in_place(self):
        team = self.env.ref("sales_action_anchor.crm_team_anchor")
        # It is about 09:00 where the salesperson is, the evening deadline is 18:00: on time by 9 hours.
        team.anchor_evening_deadline = 18.0
        rep = new_test_user(
            self.env,
            "anchor_checkin_rep",
            groups="sales_team.group_sale_salesman",
            tz=morning_zone(fields.Datetime.now()),
            lang="en_US",
        )
        self.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": rep.id})
        # The salesperson's day (context_today of a record reads the caller's time zone).
        today = fields.Date.context_today(rep.with_context(tz=rep.tz))
        leads = self.env["crm.lead"].create(
            [
                {"name": f"TOP {letter}", "team_id": team.id, "user_id": rep.id, "type": "opportunity"}
                for letter in "ABC"
            ]
        )
        for lead in leads[:2]:
            lead.activity_schedule(
                "mail.mail_activity_data_call", date_deadline=today + timedelta(days=1), user_id=rep.id
            )
        checkin = self.env["crm.anchor.checkin"].create(
            {"user_id": rep.id, "team_id": team.id, "date": today, "top_lead_ids": [(6, 0, leads.ids)]}
        )
        checkin.write({"morning_state": "on_time"})
        self.start_tour(
            f"/odoo/action-sales_action_anchor.crm_anchor_checkin_action/{checkin.id}",
            "sales_action_anchor_checkin_evening",
            login="anchor_checkin_rep",
        )
        self.assertTrue(checkin.date_evening_done)
        self.assertEqual(checkin.evening_state, "on_time")
        self.assertEqual(leads[2].activity_ids.summary, "发样品并电话确认")
