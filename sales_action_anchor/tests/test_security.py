from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestSecurity(AnchorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_a = cls._lead(user=cls.salesman)
        cls.lead_b = cls._lead(user=cls.salesman_b)
        cls.visit_a = cls._visit(cls.lead_a)
        cls.visit_b = cls._visit(cls.lead_b)
        cls.touch_b = cls._touch(cls.lead_b, user=cls.salesman_b)

    def test_salesperson_sees_only_own_visits_and_touches(self):
        Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
        visible = Visit.search([("id", "in", (self.visit_a | self.visit_b).ids)])
        self.assertEqual(visible, self.visit_a)
        with self.assertRaises(AccessError):
            self.visit_b.with_user(self.salesman).read(["pain_summary"])
        with self.assertRaises(AccessError):
            self.touch_b.with_user(self.salesman).read(["customer_words"])

    def test_salesperson_cannot_delete_visits(self):
        with self.assertRaises(AccessError):
            self.visit_a.with_user(self.salesman).unlink()

    def test_all_documents_user_and_manager_see_the_team(self):
        all_docs = new_test_user(
            self.env, "anchor_all_docs", groups="sales_team.group_sale_salesman_all_leads"
        )
        for user in (all_docs, self.manager):
            visible = (
                self.env["crm.anchor.visit"]
                .with_user(user)
                .search([("id", "in", (self.visit_a | self.visit_b).ids)])
            )
            self.assertEqual(visible, self.visit_a | self.visit_b)

    def test_other_company_is_invisible(self):
        other = self.env["res.company"].create({"name": "苏州分公司"})
        foreign_team = self.env["crm.team"].create(
            {"name": "Suzhou", "company_id": other.id, "anchor_enforced": True}
        )
        foreign_rep = new_test_user(
            self.env,
            "anchor_suzhou",
            groups="sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[other.id],
        )
        lead = (
            self.env["crm.lead"]
            .with_user(foreign_rep)
            .create(
                {
                    "name": "苏州项目",
                    "team_id": foreign_team.id,
                    "user_id": foreign_rep.id,
                    "company_id": other.id,
                }
            )
        )
        foreign_visit = self._visit(lead)
        self.assertEqual(foreign_visit.company_id, other)
        visible = self.env["crm.anchor.visit"].with_user(self.manager).search([("id", "=", foreign_visit.id)])
        self.assertFalse(visible)

    def test_only_managers_edit_configuration(self):
        with self.assertRaises(AccessError):
            self.category_price.with_user(self.salesman).name = "价格"
        with self.assertRaises(AccessError):
            self.env.ref("sales_action_anchor.crm_anchor_gate_signed").with_user(self.salesman).name = "x"
