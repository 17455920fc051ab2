from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NOW, AnchorCase

BEST = "本地仓48小时到货"
SUMMARIES = [
    "交期太长，现在供应商到货太慢",
    "交期太长，到货太慢，影响工地施工",
    "到货太慢，交期太长耽误项目进度",
]
LOST_SUMMARY = "交期太长，到货太慢，工期很紧"


@tagged("post_install", "-at_install")
class TestTalkTemplates(AnchorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A category of its own, so that other visits (demo data) do not join the groups.
        cls.category = cls.env["crm.anchor.pain.category"].create({"name": "交期（测试）"})
        cls.Template = cls.env["crm.anchor.template"]
        with freeze_time(NOW):
            cls.won_leads = cls.env["crm.lead"]
            for summary in SUMMARIES:
                lead = cls._closed_lead(summary, BEST, "provide_samples")
                lead.sudo().write(
                    {"date_first_touch": NOW, "date_proposal_sent": NOW, "date_quote_sent": NOW}
                )
                lead.action_set_won()
                cls.won_leads |= lead
            cls.lost_lead = cls._closed_lead(LOST_SUMMARY, "降价5%", "send_quote")
            cls.lost_lead.action_set_lost()

    @classmethod
    def _closed_lead(cls, summary, value, action):
        lead = cls._lead()
        cls._touch(lead)
        cls._visit(
            lead,
            pain_category_id=cls.category.id,
            pain_summary=summary,
            value_point=value,
            agreed_action=action,
        ).action_submit()
        return lead

    def _templates(self):
        return self.Template.with_context(active_test=False).search(
            [("pain_category_id", "=", self.category.id)]
        )

    def test_mining_finds_the_best_statement_idempotently(self):
        self.assertTrue(all(lead.stage_id.is_won for lead in self.won_leads))
        self.assertFalse(self.lost_lead.active)
        self.env.ref("sales_action_anchor.ir_cron_anchor_mine_templates").method_direct_trigger()
        template = self._templates()
        self.assertEqual(len(template), 1)
        self.assertEqual(template.state, "draft")
        self.assertEqual(template.what_to_say, BEST)
        self.assertEqual(template.evidence_count, 3)
        self.assertEqual(template.next_step, "provide_samples")
        self.assertEqual(template.win_rate, 100.0)
        # Grouped lists show no total for a rate (a sum of rates would read 200 %).
        (group,) = self.Template.read_group(
            [("id", "=", template.id)], ["win_rate", "evidence_count"], ["pain_category_id"]
        )
        self.assertNotIn("win_rate", group)
        self.assertEqual(group["evidence_count"], 3)
        self.assertEqual(len(template.visit_ids), 4)
        self.assertIn("交期", template.keywords)
        # Running again (from the list button, as a manager) creates nothing new.
        self.Template.with_user(self.manager).action_mine_templates()
        self.assertEqual(self._templates(), template)
        self.assertEqual(template.evidence_count, 3)
        # A published template stays published when mined again.
        template.with_user(self.manager).action_publish()
        self.Template._cron_anchor_mine_templates()
        self.assertEqual(self._templates(), template)
        self.assertEqual(template.state, "published")

    def test_publication_and_visibility(self):
        self.Template._cron_anchor_mine_templates()
        template = self._templates()
        self.assertEqual(len(template), 1)
        as_salesman = self.Template.with_user(self.salesman)
        # Drafts are for managers only.
        self.assertFalse(as_salesman.search([("id", "=", template.id)]))
        self.assertEqual(as_salesman.get_published_templates(self.category.id), [])
        with self.assertRaises(AccessError) as caught:
            template.with_user(self.salesman).action_publish()
        self.assertEqual(
            str(caught.exception), "Only sales managers can publish or unpublish talk templates."
        )
        self.assertEqual(template.state, "draft")
        self.assertEqual(self.Template.with_user(self.manager).search([("id", "=", template.id)]), template)

        template.with_user(self.manager).action_publish()
        self.assertEqual(template.state, "published")
        self.assertEqual(as_salesman.search([("id", "=", template.id)]), template)
        published = as_salesman.get_published_templates(self.category.id)
        self.assertEqual(
            published,
            [
                {
                    "id": template.id,
                    "pain_point": template.pain_point,
                    "what_to_say": BEST,
                    "next_step": "provide_samples",
                    "win_rate": 100.0,
                    "evidence_count": 3,
                }
            ],
        )
        self.assertEqual(as_salesman.get_published_templates(self.category_price.id), [])

        with self.assertRaises(AccessError) as caught:
            template.with_user(self.salesman).action_unpublish()
        self.assertEqual(
            str(caught.exception), "Only sales managers can publish or unpublish talk templates."
        )
        template.with_user(self.manager).action_unpublish()
        self.assertEqual(template.state, "draft")
        self.assertEqual(as_salesman.get_published_templates(self.category.id), [])

    def test_a_published_template_fills_a_draft_visit(self):
        self.env.ref("sales_action_anchor.ir_cron_anchor_mine_templates").method_direct_trigger()
        template = self._templates()
        template.with_user(self.manager).action_publish()
        with freeze_time(NOW):
            lead = self._lead()
            draft = self._visit(
                lead, pain_category_id=self.category.id, value_point=False, agreed_action=False
            )
            template.with_user(self.salesman).with_context(anchor_visit_id=draft.id).action_use_in_visit()
            self.assertEqual(draft.value_point, template.what_to_say)
            self.assertEqual(draft.agreed_action, template.next_step)
            draft.with_user(self.salesman).action_submit()
        with self.assertRaises(UserError) as caught:
            template.with_user(self.salesman).with_context(anchor_visit_id=draft.id).action_use_in_visit()
        self.assertEqual(str(caught.exception), "Open the talk templates from a draft visit to use one.")
