from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
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
        self.assertIn("customer's own words", str(caught.exception))
        self.assertIn("evidence", str(caught.exception))
        draft = self._touch(lead, state="draft", evidence_attachment_ids=[])
        with self.assertRaises(ValidationError):
            draft.action_done()
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
