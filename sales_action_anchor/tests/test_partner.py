from unittest.mock import patch

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from ..models.res_partner import ResPartner
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


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCustomerLists(AnchorCase):
    """The customer figures are CRM's: the contact list every application
    uses (Invoicing, Purchase…) neither fetches nor computes them."""

    FIGURES = {"anchor_stage_id", "anchor_date_last_followup", "anchor_salesperson_id"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"].with_user(cls.salesman)
        cls.contacts = cls.env["res.partner"].create(
            [{"name": f"联系人 {index}", "parent_id": cls.customer.id} for index in range(3)]
        )
        cls.lead = cls._lead(partner_id=cls.contacts[0].id)

    def _list_fields(self, view_id):
        arch = self.Partner.get_views([(view_id, "list")])["views"]["list"]["arch"]
        return set(etree.fromstring(arch).xpath("//field/@name"))

    def _web_list(self, view_id):
        """What the web client reads for the list ``view_id``: its fields, for the
        customer and its contacts; the number of times the figures were computed."""
        spec = {name: {} for name in self._list_fields(view_id)}
        compute = ResPartner._compute_anchor_pipeline
        with patch.object(
            ResPartner, "_compute_anchor_pipeline", autospec=True, side_effect=compute
        ) as calls:
            self.env.invalidate_all()
            rows = self.Partner.web_search_read([("id", "child_of", self.customer.id)], spec)["records"]
        return rows, calls.call_count

    def test_the_contact_list_of_every_application(self):
        view = self.env.ref("base.view_partner_tree")
        self.assertFalse(self.FIGURES & self._list_fields(view.id))
        rows, computed = self._web_list(view.id)
        self.assertEqual(len(rows), 4)
        self.assertEqual(computed, 0)

    def test_the_crm_customer_list(self):
        # CRM's Customers menu opens this action.
        self.assertEqual(
            self.env.ref("crm.res_partner_menu_customer").action, self.env.ref("base.action_partner_form")
        )
        views = {mode: view_id for view_id, mode in self.env.ref("base.action_partner_form").views}
        self.assertEqual(
            views["list"], self.env.ref("sales_action_anchor.res_partner_view_list_crm_customer").id
        )
        self.assertLessEqual(self.FIGURES, self._list_fields(views["list"]))
        rows, computed = self._web_list(views["list"])
        self.assertEqual(computed, 1)  # once for the whole page
        self.assertEqual({row["anchor_stage_id"] for row in rows}, {self.stage["lead"].id})

    def test_figures_of_a_page_in_one_query(self):
        partners = self.Partner.browse((self.customer | self.contacts).ids)
        partners.mapped("anchor_stage_id")  # as a running server: the record rules known
        self.env.invalidate_all()
        # In cache as the list has them: the page's partners, the stages' names.
        partners.mapped("commercial_partner_id")
        self.env["crm.stage"].search([]).mapped("sequence")
        with self.assertQueryCount(1):
            partners.mapped("anchor_stage_id")
        self.assertEqual(partners.mapped("anchor_salesperson_id"), self.salesman)
        self.assertEqual(set(partners.mapped("anchor_stage_id")), {self.stage["lead"]})
