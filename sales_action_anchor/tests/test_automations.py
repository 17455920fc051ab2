from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.base_automation.models.base_automation import CREATE_WRITE_SET

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
@freeze_time(NOW)
class TestStageEntries(AnchorCase):
    """The automations are triggered by the stage entry an opportunity of an
    anchor-enforced team records: no rule watches crm.lead itself, whose every
    create and write base_automation would otherwise wrap."""

    def _entries(self, lead):
        return self.env["crm.anchor.stage.entry"].search([("lead_id", "=", lead.id)], order="id")

    def test_no_rule_watches_opportunities(self):
        def rules(model):
            return self.env["base.automation"].search(
                [("model_id.model", "=", model), ("trigger", "in", list(CREATE_WRITE_SET))]
            )

        self.assertFalse(rules("crm.lead"))
        self.assertEqual(
            rules("crm.anchor.stage.entry"),
            self.env.ref("sales_action_anchor.automation_enter_visit")
            | self.env.ref("sales_action_anchor.automation_enter_signed"),
        )

    def test_each_stage_entered_is_recorded(self):
        lead = self._lead()
        self._touch(lead)
        lead.with_user(self.salesman).stage_id = self.stage["visit"]
        lead.description = "not a stage change"
        created, entered = self._entries(lead)
        self.assertEqual(
            [created.stage_id, created.previous_stage_id, created.anchor_code, created.previous_anchor_code],
            [self.stage["lead"], self.env["crm.stage"], "lead", False],
        )
        self.assertEqual(
            [entered.stage_id, entered.previous_stage_id, entered.anchor_code, entered.previous_anchor_code],
            [self.stage["visit"], self.stage["lead"], "visit", "lead"],
        )
        self.assertEqual(entered.create_uid, self.salesman)
        self.assertEqual(
            (entered.user_id, entered.team_id, entered.company_id),
            (self.salesman, self.team, lead.company_id),
        )
        self.assertEqual(entered.date, NOW)
        # Teams without anchors record nothing.
        legacy = self._lead(team=self.env["crm.team"].create({"name": "Legacy team"}))
        legacy.stage_id = self.stage["visit"]
        self.assertFalse(self._entries(legacy))

    def test_an_opportunity_created_in_visit_gets_its_draft(self):
        lead = self._lead(stage="visit", date_first_touch=NOW)
        self.assertEqual(lead.visit_ids.state, "draft")

    def test_a_company_edits_the_rule(self):
        # Prepare the visit from Proposal on, not from Visit: the rule's own filter.
        self.env.ref(
            "sales_action_anchor.automation_enter_visit"
        ).filter_domain = "[('anchor_code', '=', 'proposal')]"
        lead = self._lead()
        self._touch(lead)
        lead.stage_id = self.stage["visit"]
        self.assertFalse(lead.visit_ids)
        lead.sudo().stage_id = self.stage["proposal"]
        self.assertEqual(lead.visit_ids.state, "draft")

    def test_the_visit_rule_archived(self):
        self.env.ref("sales_action_anchor.automation_enter_visit").active = False
        lead = self._lead()
        self._touch(lead)
        lead.stage_id = self.stage["visit"]
        self.assertFalse(lead.visit_ids)
