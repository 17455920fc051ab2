from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "anchor_tour")
class TestMorningTour(HttpCase):
    """The manager's morning views: a salesperson's check-in in the heatmap,
    and a word of the demand cloud opening the visits that mention it."""

    def test_morning_views(self):
        team = self.env.ref("sales_action_anchor.crm_team_anchor")
        # The browser of the tour runs in UTC: keep the users' "today" the same.
        rep = new_test_user(
            self.env,
            "anchor_morning_rep",
            groups="sales_team.group_sale_salesman",
            name="Morning Tour Rep",
            tz="UTC",
        )
        new_test_user(
            self.env,
            "anchor_morning_manager",
            groups="sales_team.group_sale_manager",
            name="Morning Tour Manager",
            tz="UTC",
        )
        self.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": rep.id})
        # In the rep's timezone (context_today() reads the environment's user's, here OdooBot's).
        today = fields.Date.context_today(rep.with_user(rep))
        checkin = self.env["crm.anchor.checkin"].create(
            {"user_id": rep.id, "team_id": team.id, "date": today}
        )
        checkin.sudo().write({"morning_state": "on_time"})

        customer = self.env["res.partner"].create({"name": "Morning Tour Customer", "is_company": True})
        lead = (
            self.env["crm.lead"]
            .with_user(rep)
            .create(
                {
                    "name": "Morning Tour Opportunity",
                    "type": "opportunity",
                    "partner_id": customer.id,
                    "team_id": team.id,
                    "user_id": rep.id,
                    "stage_id": self.env.ref("sales_action_anchor.stage_anchor_lead").id,
                }
            )
        )
        category = self.env.ref("sales_action_anchor.pain_category_lead_time")
        for summary in ("交期太长影响开工", "交期不稳定被罚款"):
            self.env["crm.anchor.visit"].with_user(rep).create(
                {
                    "lead_id": lead.id,
                    "user_id": rep.id,
                    "pain_category_id": category.id,
                    "pain_summary": summary,
                    "value_point": "本地仓备货，三天到货",
                    "agreed_action": "arrange_demo",
                    "date_next_followup": fields.Datetime.now() + timedelta(days=2),
                    "followup_channel": "phone",
                    "state": "submitted",
                }
            )

        self.start_tour(
            "/odoo/action-sales_action_anchor.crm_anchor_morning_action",
            "sales_action_anchor_morning",
            login="anchor_morning_manager",
        )
