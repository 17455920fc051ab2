"""Leaks closed along the access matrix that its cells do not show by
themselves. Who may read, write, create, unlink and export each model, and what
each route answers, is asserted by test_access_matrix.py."""

import base64
from datetime import datetime

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
        cls.other_company = cls.env["res.company"].create({"name": "苏州分公司"})
        cls.foreign_team = cls.env["crm.team"].create(
            {"name": "Suzhou", "company_id": cls.other_company.id, "anchor_enforced": True}
        )
        cls.foreign_rep = new_test_user(
            cls.env,
            "anchor_suzhou",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )

    def test_no_touch_or_visit_moved_onto_an_unreadable_opportunity(self):
        own = self._lead(user=self.salesman_b)
        theirs = self._lead(user=self.salesman)
        touch = self._touch(own, user=self.salesman_b, state="draft")
        visit = self._visit(own)
        for record in (touch, visit):
            with self.assertRaises(AccessError) as caught:
                record.with_user(self.salesman_b).write({"lead_id": theirs.id})
            self.assertIn(
                f"Sorry, Rep B (id={self.salesman_b.id}) doesn't have 'read' access to:\n"
                "- Lead/Opportunity (crm.lead)",
                str(caught.exception),
            )
            self.assertEqual(record.lead_id, own)

    def test_evidence_uploaded_before_saving_opens_for_whoever_reads_the_touch(self):
        lead = self._lead()
        # The form uploads the file before the touch exists: attached to no record yet.
        upload = (
            self.env["ir.attachment"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "call.png",
                    "datas": base64.b64encode(b"screenshot"),
                    "res_model": "crm.anchor.touch",
                    "res_id": 0,
                }
            )
        )
        touch = self._touch(lead, evidence_attachment_ids=[(6, 0, upload.ids)])
        self.assertEqual((upload.res_model, upload.res_id), ("crm.anchor.touch", touch.id))
        self.env.invalidate_all()
        self.assertEqual(upload.with_user(self.manager).raw, b"screenshot")
        with self.assertRaises(AccessError) as caught:
            upload.with_user(self.salesman_b).read(["raw"])
        self.assertIn(
            f"Sorry, Rep B (id={self.salesman_b.id}) doesn't have 'read' access to:\n"
            "- Attachment (ir.attachment)",
            str(caught.exception),
        )

    def test_someone_elses_upload_is_not_attached_to_a_touch(self):
        lead = self._lead()
        theirs = (
            self.env["ir.attachment"]
            .with_user(self.salesman_b)
            .create({"name": "secret.txt", "raw": b"B's notes", "res_model": "crm.anchor.touch", "res_id": 0})
        )
        self._touch(lead, evidence_attachment_ids=[(4, theirs.id)])
        self.assertFalse(theirs.res_id)
        self.env.invalidate_all()
        with self.assertRaises(AccessError) as caught:
            theirs.with_user(self.salesman).read(["raw"])
        self.assertIn(
            f"Sorry, Rep A (id={self.salesman.id}) doesn't have 'read' access to:\n"
            "- Attachment (ir.attachment)",
            str(caught.exception),
        )

    def test_renewal_counts_only_deals_the_caller_may_read(self):
        """A deal is a renewal when its customer won an earlier one: another
        company's earlier deal is not the caller's to know, not even as a rate."""
        with freeze_time(datetime(2026, 1, 15)):
            earlier = (
                self.env["crm.lead"]
                .with_user(self.foreign_rep)
                .create(
                    {
                        "name": "苏州老单",
                        "type": "opportunity",
                        "partner_id": self.customer.id,
                        "team_id": self.foreign_team.id,
                        "user_id": self.foreign_rep.id,
                    }
                )
            )
            earlier.action_set_won()
        lead = self._lead()
        lead.sudo().write({"date_first_touch": NOW, "date_proposal_sent": NOW, "date_quote_sent": NOW})
        lead.action_set_won()
        both = new_test_user(
            self.env,
            "anchor_group_manager",
            groups="sales_team.group_sale_manager",
            company_id=self.env.company.id,
            company_ids=[self.env.company.id, self.other_company.id],
        )
        for user, renewal in ((self.manager, 0.0), (both, 1.0)):
            data = (
                self.env["crm.anchor.pilot"]
                .with_user(user)
                .get_comparison("2026-03-01", "2026-03-31", team_ids=self.team.ids)
            )
            self.assertEqual((data["others"]["win_rate"], data["others"]["renewal_rate"]), (1.0, renewal))

    def test_mining_from_a_company_reports_only_its_templates(self):
        """A manager mining templates by hand mines their companies only: the
        count in the message says nothing about another company's visits."""
        category = self.env["crm.anchor.pain.category"].create({"name": "交期（安全测试）"})
        for summary in ("交期太长，现在供应商到货太慢", "交期太长，到货太慢，影响工地施工"):
            lead = (
                self.env["crm.lead"]
                .with_user(self.foreign_rep)
                .create(
                    {
                        "name": "苏州项目",
                        "type": "opportunity",
                        "partner_id": self.customer.id,
                        "team_id": self.foreign_team.id,
                        "user_id": self.foreign_rep.id,
                        "stage_id": self.stage["lead"].id,
                    }
                )
            )
            self._visit(
                lead, pain_category_id=category.id, pain_summary=summary, value_point="本地仓48小时到货"
            ).action_submit()
            lead.sudo().write({"date_first_touch": NOW, "date_proposal_sent": NOW, "date_quote_sent": NOW})
            lead.action_set_won()
        Template = self.env["crm.anchor.template"].with_context(active_test=False)
        action = Template.with_user(self.manager).action_mine_templates()
        mined = Template.search([("date_mined", "=", NOW)])
        self.assertFalse(mined.filtered(lambda template: template.company_id == self.other_company))
        self.assertEqual(action["params"]["message"], f"{len(mined)} talk template(s) mined.")
        # The daily job still mines every company.
        Template._cron_anchor_mine_templates()
        self.assertTrue(Template.search([("company_id", "=", self.other_company.id)]))
