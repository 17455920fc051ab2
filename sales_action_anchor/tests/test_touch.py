from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestTouchAnchor(AnchorCase):
    def test_new_lead_of_enforced_team_waits_for_its_first_touch(self):
        lead = self._lead()
        self.assertEqual(lead.first_touch_sla_status, "pending")
        self.assertEqual(lead.date_first_touch_deadline, NOW + timedelta(hours=48))

    def test_sla_hours_come_from_the_team(self):
        self.team.anchor_first_touch_hours = 24
        self.assertEqual(self._lead().date_first_touch_deadline, NOW + timedelta(hours=24))

    def test_touch_needs_the_customers_words_and_evidence(self):
        lead = self._lead()
        with self.assertRaises(ValidationError) as caught:
            self._touch(lead, customer_words="  ", evidence_attachment_ids=[])
        self.assertEqual(
            str(caught.exception),
            "Action loop not closed, please complete: customer's own words and evidence "
            "(call screenshot or chat excerpt)",
        )
        draft = self._touch(lead, state="draft", evidence_attachment_ids=[])
        with self.assertRaises(ValidationError) as caught:
            draft.action_done()
        self.assertEqual(
            str(caught.exception),
            "Action loop not closed, please complete: evidence (call screenshot or chat excerpt)",
        )
        self.assertEqual(draft.state, "draft")
        self.assertFalse(lead.date_first_touch)

    def test_first_touch_in_time(self):
        lead = self._lead()
        with freeze_time(NOW + timedelta(hours=5)):
            touch = self._touch(lead, date=NOW + timedelta(hours=5))
        self.assertEqual(lead.date_first_touch, touch.date)
        self.assertEqual(lead.first_touch_sla_status, "on_time")
        self.assertEqual(lead.date_last_followup, touch.date)
        # A later touch is a follow-up, not the first touch.
        with freeze_time(NOW + timedelta(days=3)):
            self._touch(lead, date=NOW + timedelta(days=3))
        self.assertEqual(lead.date_first_touch, touch.date)
        self.assertEqual(lead.date_last_followup, NOW + timedelta(days=3))

    def test_first_touch_after_the_deadline_is_late(self):
        lead = self._lead()
        with freeze_time(NOW + timedelta(hours=49)):
            self._touch(lead, date=NOW + timedelta(hours=49))
        self.assertEqual(lead.first_touch_sla_status, "late")

    def test_team_without_anchors_has_no_sla_and_no_check(self):
        lead = self._lead(team=self.env["crm.team"].create({"name": "Legacy team"}))
        self.assertFalse(lead.first_touch_sla_status)
        touch = self._touch(lead, customer_words=False, evidence_attachment_ids=[])
        self.assertEqual(lead.date_first_touch, touch.date)
        self.assertFalse(lead.first_touch_sla_status)

    def test_backdated_first_touch_is_judged_on_when_it_was_logged(self):
        """Logged 3 days after the lead came in, dated 1 hour after: late, and
        the form says so; the ledger closes it late too."""
        lead = self._lead()
        with freeze_time(NOW + timedelta(hours=72)):
            touch = self._touch(lead, date=NOW + timedelta(hours=1))
        self.assertEqual(touch.date_logged, NOW + timedelta(hours=72))
        self.assertEqual(lead.date_first_touch, NOW + timedelta(hours=1))
        self.assertEqual(lead.first_touch_sla_status, "late")
        self.assertEqual(touch.logged_after, "Logged 3 days after")
        row = self.env["crm.anchor.expectation"].search(
            [("lead_id", "=", lead.id), ("kpi_code", "=", "first_touch")]
        )
        self.assertEqual((row.state, row.date_done), ("done_late", NOW + timedelta(hours=72)))

    def test_backdating_never_turns_a_breach_on_time(self):
        lead = self._lead()
        with freeze_time(NOW + timedelta(hours=50)):
            self.env["crm.lead"]._cron_anchor_first_touch_sla()
            self.assertEqual(lead.first_touch_sla_status, "breached")
            self._touch(lead, date=NOW + timedelta(minutes=30))
        self.assertEqual(lead.first_touch_sla_status, "late")
        # An even earlier touch logged later changes the first-touch date, not the verdict.
        with freeze_time(NOW + timedelta(hours=51)):
            self._touch(lead, date=NOW + timedelta(minutes=5))
        self.assertEqual(lead.date_first_touch, NOW + timedelta(minutes=5))
        self.assertEqual(lead.first_touch_sla_status, "late")

    def test_a_touch_logged_in_the_future_is_refused(self):
        lead = self._lead()
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"), self.env.cr.savepoint():
            self._touch(lead, date=NOW + timedelta(days=3))
        self.env.invalidate_all()
        self.assertFalse(lead.touch_ids)
        # A phone clock a few minutes ahead is no lie; a planned (draft) touch is no claim.
        self._touch(lead, date=NOW + timedelta(minutes=9))
        plan = self._touch(lead, state="draft", date=NOW + timedelta(days=3))
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            plan.action_done()
        self.assertEqual(lead.first_touch_sla_status, "on_time")
        self.assertFalse(self._touch(lead, date=NOW).logged_after)

    def test_a_logged_touch_is_locked(self):
        lead = self._lead()
        touch = self._touch(lead, date=NOW - timedelta(days=1))
        for vals in (
            {"date": NOW},
            {"state": "draft"},
            {"customer_words": "改过"},
            {"lead_id": self._lead().id},
        ):
            with self.assertRaisesRegex(UserError, "logged and locked"):
                touch.with_user(self.salesman).write(vals)
        self.assertEqual(touch.date, NOW - timedelta(days=1))
        # Its evidence and signals may still be completed.
        touch.with_user(self.salesman).signal_ids = self.env.ref("sales_action_anchor.signal_second_quote")
