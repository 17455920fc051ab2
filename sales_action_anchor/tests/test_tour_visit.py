from odoo.tests import new_test_user, tagged

from .tour_case import TourCase


@tagged("post_install", "-at_install", "anchor_tour")
class TestVisitTour(TourCase):
    def test_visit_form_refuses_then_submits(self):
        team = self.env.ref("sales_action_anchor.crm_team_anchor")
        rep = new_test_user(
            self.env, "anchor_tour_rep", groups="sales_team.group_sale_salesman", tz="Asia/Shanghai"
        )
        customer = self.env["res.partner"].create({"name": "苏州幕墙工程有限公司", "is_company": True})
        lead = self.env["crm.lead"].create(
            {"name": "幕墙配件年度框架", "partner_id": customer.id, "team_id": team.id, "user_id": rep.id}
        )
        self.start_tour(f"/odoo/crm/{lead.id}", "sales_action_anchor_visit_submit", login="anchor_tour_rep")
        visit = self.env["crm.anchor.visit"].search([("lead_id", "=", lead.id)])
        self.assertEqual(visit.state, "submitted")
        self.assertEqual(visit.partner_id, customer)
        self.assertEqual(visit.agreed_action, "arrange_demo")
        self.assertEqual(visit.followup_channel, "onsite")
        self.assertTrue(visit.activity_id)
