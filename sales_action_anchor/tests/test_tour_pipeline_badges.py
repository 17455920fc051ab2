from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .tour_case import TourCase


class PipelineBadgesCase(TourCase):
    """The overdue badges of the pipeline's kanban cards are inline pills.
    (Odoo's runner collects only the tests a class defines itself: each width
    has its own class and test.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tour reads English labels, whatever the database's languages.
        cls.env["res.lang"]._activate_lang("en_US")
        team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        cls.rep = new_test_user(
            cls.env,
            "anchor_badge_tour_rep",
            groups="sales_team.group_sale_salesman",
            name="Badge Tour Rep",
            lang="en_US",
        )
        cls.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": cls.rep.id})
        # Came in ten days ago and never touched: past its first-touch deadline,
        # and without follow-up for longer than the team allows. The ORM stamps
        # create_date with the database's clock, which freezegun does not move.
        ten_days_ago = fields.Datetime.now() - timedelta(days=10)
        with freeze_time(ten_days_ago):
            lead = cls.env["crm.lead"].create(
                {
                    "name": "Badge Tour Opportunity",
                    "type": "opportunity",
                    "team_id": team.id,
                    "user_id": cls.rep.id,
                }
            )
        cls.env.cr.execute(SQL("UPDATE crm_lead SET create_date = %s WHERE id = %s", ten_days_ago, lead.id))
        lead.invalidate_recordset(["create_date"])
        cls.env["crm.lead"]._anchor_sync_first_touch_sla()
        cls.env["crm.lead"]._anchor_sync_overdue(lead.ids)
        cls.lead = lead

    def _check_badges(self):
        self.assertTrue(self.lead.anchor_overdue)
        self.assertEqual(self.lead.first_touch_sla_status, "breached")
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "sales_action_anchor_pipeline_badges",
            login=self.rep.login,
        )


@tagged("post_install", "-at_install", "anchor_tour")
class TestPipelineBadgesTour(PipelineBadgesCase):
    def test_badges_are_pills_on_desktop(self):
        self._check_badges()


@tagged("post_install", "-at_install", "anchor_tour")
class TestPipelineBadgesPhoneTour(PipelineBadgesCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_badges_are_pills_on_a_phone(self):
        self._check_badges()
