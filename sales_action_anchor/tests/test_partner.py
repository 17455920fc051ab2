from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCustomerMaster(AnchorCase):
    def test_customer_shows_its_most_advanced_open_opportunity_and_follow_up(self):
        self.customer.industry_id = self.env.ref("base.res_partner_industry_C")
        contact = self.env["res.partner"].create({"name": "王总", "parent_id": self.customer.id})
        early = self._lead(partner_id=contact.id)
        advanced = self._lead(user=self.salesman_b)
        self._touch(advanced, user=self.salesman_b)
        advanced.stage_id = self.stage["visit"]
        self._visit(early).action_submit()
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.anchor_stage_id, self.stage["visit"])
        self.assertEqual(self.customer.anchor_salesperson_id, self.salesman_b)
        self.assertEqual(self.customer.anchor_date_last_followup, NOW)
        # The draft visit created on entering Visit, and the submitted one.
        self.assertEqual(self.customer.anchor_visit_count, 2)
        action = self.customer.action_view_anchor_visits()
        self.assertEqual(
            self.env["crm.anchor.visit"].search(action["domain"]), early.visit_ids | advanced.visit_ids
        )

    def test_lead_smart_button(self):
        lead = self._lead()
        self._visit(lead)
        self.assertEqual(lead.visit_count, 1)
        action = lead.action_view_anchor_visits()
        self.assertEqual(self.env["crm.anchor.visit"].search(action["domain"]), lead.visit_ids)
