from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.base_automation.models.base_automation import WRITE_TRIGGERS

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAutomations(AnchorCase):
    def _activities(self, lead):
        return self.env["mail.activity"].search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])

    def test_entering_visit_prepares_a_draft_visit(self):
        lead = self._lead()
        self._touch(lead)
        lead.with_user(self.salesman).stage_id = self.stage["visit"]
        visit = lead.visit_ids
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.state, "draft")
        self.assertEqual(visit.user_id, self.salesman)
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.date_visit, NOW)
        # Coming back to Visit does not create a second draft.
        lead.stage_id = self.stage["lead"]
        lead.stage_id = self.stage["visit"]
        self.assertEqual(len(lead.visit_ids), 1)

    def test_entering_signed_schedules_delivery_invoice_and_payment(self):
        self.team.anchor_payment_offset_days = 45
        lead = self._lead()
        self._touch(lead)
        lead.sudo().write({"date_proposal_sent": NOW, "date_quote_sent": NOW})
        lead.stage_id = self.stage["signed"]
        activities = self._activities(lead)
        by_type = {activity.activity_type_id: activity for activity in activities}
        ref = self.env.ref
        self.assertEqual(
            by_type[ref("sales_action_anchor.mail_activity_type_anchor_delivery")].date_deadline,
            date(2026, 3, 5),
        )
        self.assertEqual(
            by_type[ref("sales_action_anchor.mail_activity_type_anchor_invoice")].date_deadline,
            date(2026, 3, 9),
        )
        self.assertEqual(
            by_type[ref("sales_action_anchor.mail_activity_type_anchor_payment")].date_deadline,
            date(2026, 4, 16),
        )
        self.assertEqual(activities.user_id, self.salesman)
        # Leaving and re-entering Signed does not duplicate them.
        lead.stage_id = self.stage["quote"]
        lead.stage_id = self.stage["signed"]
        self.assertEqual(len(self._activities(lead)), 3)

    def test_entering_signed_when_the_salesperson_does_not_follow_the_opportunity(self):
        # Three activities for one user on one record: subscribing them once, not three times.
        lead = self._lead(stage="quote", date_first_touch=NOW, date_proposal_sent=NOW, date_quote_sent=NOW)
        lead.message_unsubscribe(partner_ids=self.salesman.partner_id.ids)
        lead.with_user(self.salesman).stage_id = self.stage["signed"]
        self.assertEqual(len(self._activities(lead)), 3)
        self.assertIn(self.salesman.partner_id, lead.message_partner_ids)

    def test_automations_are_editable_records(self):
        rule = self.env.ref("sales_action_anchor.automation_enter_signed")
        rule.active = False
        lead = self._lead()
        lead.sudo().date_quote_sent = NOW
        lead.stage_id = self.stage["signed"]
        self.assertFalse(self._activities(lead))

    def test_no_automation_for_teams_without_anchors(self):
        lead = self._lead(team=self.env["crm.team"].create({"name": "Legacy team"}))
        lead.stage_id = self.stage["visit"]
        lead.stage_id = self.stage["signed"]
        self.assertFalse(lead.visit_ids)
        self.assertFalse(self._activities(lead))


@tagged("post_install", "-at_install")
class TestAutomationLookup(AnchorCase):
    """Which rules apply to crm.lead is looked up once, not on every write:
    Odoo searches the rules on each create, write and recomputation of a model
    that has any create/write rule (models/base_automation.py)."""

    def _rules(self):
        # The triggers that Odoo's patched crm.lead write() looks up.
        return self.env["base.automation"]._get_actions(self.env["crm.lead"], WRITE_TRIGGERS)

    def test_lookup_costs_no_query_once_known(self):
        lead = self._lead()
        lead.write({"description": "warm up"})
        with self.assertQueryCount(0):
            rules = self._rules()
        self.assertEqual(
            rules,
            self.env.ref("sales_action_anchor.automation_enter_visit")
            | self.env.ref("sales_action_anchor.automation_enter_signed"),
        )

    def test_rules_created_archived_or_deleted_apply_at_once(self):
        self._rules()
        rule = self.env["base.automation"].create(
            {
                "name": "Tag hot opportunities",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "trigger": "on_create_or_write",
                "filter_domain": "[('priority', '=', '3')]",
            }
        )
        tag = self.env["crm.tag"].create({"name": "Hot"})
        self.env["ir.actions.server"].create(
            {
                "name": "Tag it",
                "model_id": rule.model_id.id,
                "base_automation_id": rule.id,
                "usage": "base_automation",
                "state": "code",
                "code": f"records.write({{'tag_ids': [Command.link({tag.id})]}})",
            }
        )
        self.assertIn(rule, self._rules())
        lead = self._lead()
        lead.priority = "3"
        self.assertEqual(lead.tag_ids, tag)

        rule.active = False
        self.assertNotIn(rule, self._rules())
        other = self._lead()
        other.priority = "3"
        self.assertFalse(other.tag_ids)

        rule.active = True
        self.assertIn(rule, self._rules())
        rule.unlink()
        self.assertNotIn(rule, self._rules())
