from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .tour_case import TourCase


@tagged("post_install", "-at_install", "anchor_tour")
class TestCheckinTour(TourCase):
    def test_missing_agreed_action_is_scheduled_in_place(self):
        team = self.env.ref("sales_action_anchor.crm_team_anchor")
        rep = new_test_user(
            self.env, "anchor_checkin_rep", groups="sales_team.group_sale_salesman", tz="UTC", lang="en_US"
        )
        self.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": rep.id})
        today = fields.Date.context_today(rep)
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
        self.assertIn(checkin.evening_state, ("on_time", "late"))
        self.assertEqual(leads[2].activity_ids.summary, "发样品并电话确认")
