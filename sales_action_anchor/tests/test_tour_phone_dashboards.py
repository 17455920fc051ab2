from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .tour_case import TourCase


@tagged("post_install", "-at_install", "anchor_tour")
class TestPhoneDashboardsTour(TourCase):
    """The manager's dashboard and morning views on a phone-sized, touch browser."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        # The browser of the tour runs in UTC: keep the users' "today" the same.
        rep = new_test_user(
            cls.env,
            "anchor_phone_rep",
            groups="sales_team.group_sale_salesman",
            name="Phone Tour Rep",
            tz="UTC",
            lang="en_US",
        )
        new_test_user(
            cls.env,
            "anchor_phone_manager",
            groups="sales_team.group_sale_manager",
            name="Phone Tour Manager",
            tz="UTC",
            lang="en_US",
        )
        cls.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": rep.id})
        # A check-in each day of last week: the heatmap tour looks at that whole week
        # (the heatmap starts at the first check-in and ends today).
        today = fields.Date.context_today(rep.with_user(rep))
        last_monday = today - timedelta(days=today.weekday() + 7)
        cls.env["crm.anchor.checkin"].create(
            [
                {"user_id": rep.id, "team_id": team.id, "date": last_monday + timedelta(days=offset)}
                for offset in range(7)
            ]
            + [{"user_id": rep.id, "team_id": team.id, "date": today}]
        )

    def test_dashboard_header_on_a_phone(self):
        self.start_tour(
            "/odoo/action-sales_action_anchor.crm_anchor_dashboard_action",
            "sales_action_anchor_phone_dashboard",
            login="anchor_phone_manager",
        )

    def test_heatmap_hints_at_the_days_beyond_a_phone(self):
        self.start_tour(
            "/odoo/action-sales_action_anchor.crm_anchor_morning_action",
            "sales_action_anchor_phone_heatmap",
            login="anchor_phone_manager",
        )
