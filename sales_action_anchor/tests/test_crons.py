from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
class TestCrons(AnchorCase):
    def _reminders(self, xmlid, leads):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "in", leads.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def test_overdue_flag_reminders_idempotency_and_auto_close(self):
        with freeze_time(NOW):
            quiet, followed, signed = self._lead(), self._lead(), self._lead()
            for lead in (quiet, followed, signed):
                self._touch(lead)
            signed.sudo().write({"date_quote_sent": NOW, "stage_id": self.stage["signed"].id})
        with freeze_time(NOW + timedelta(days=2)):
            self._touch(followed)
        with freeze_time(NOW + timedelta(days=4)):
            cron = self.env.ref("sales_action_anchor.ir_cron_anchor_overdue")
            cron.method_direct_trigger()
            self.assertTrue(quiet.anchor_overdue)
            self.assertFalse(followed.anchor_overdue)
            self.assertFalse(signed.anchor_overdue)
            reminders = self._reminders(
                "sales_action_anchor.mail_activity_type_anchor_overdue", quiet | followed
            )
            self.assertEqual(reminders.res_id, quiet.id)
            self.assertEqual(reminders.user_id, self.salesman)
            cron.method_direct_trigger()
            self.assertEqual(
                len(self._reminders("sales_action_anchor.mail_activity_type_anchor_overdue", quiet)), 1
            )
            # The follow-up itself clears the flag and closes the reminder.
            self._touch(quiet)
            self.assertFalse(quiet.anchor_overdue)
            self.assertFalse(self._reminders("sales_action_anchor.mail_activity_type_anchor_overdue", quiet))
            self.assertIn("Followed up.", quiet.message_ids[0].body)

    def test_cron_clears_what_time_alone_does_not(self):
        with freeze_time(NOW):
            lead = self._lead()
            self._touch(lead)
        with freeze_time(NOW + timedelta(days=4)):
            self.env["crm.lead"]._cron_anchor_overdue()
            self.assertTrue(lead.anchor_overdue)
            self.team.anchor_overdue_days = 7
            self.env["crm.lead"]._cron_anchor_overdue()
            self.assertFalse(lead.anchor_overdue)
            self.assertFalse(self._reminders("sales_action_anchor.mail_activity_type_anchor_overdue", lead))

    def test_overdue_is_batched(self):
        with freeze_time(NOW):
            leads = self.env["crm.lead"].concat(*[self._lead() for _ in range(3)])
            for lead in leads:
                self._touch(lead)
        with freeze_time(NOW + timedelta(days=4)):
            done, remaining = self.env["crm.lead"]._anchor_sync_overdue(leads.ids, limit=2)
            self.assertEqual((done, remaining), (2, 1))
            done, remaining = self.env["crm.lead"]._anchor_sync_overdue(leads.ids, limit=2)
            self.assertEqual((done, remaining), (1, 0))
            self.assertTrue(all(leads.mapped("anchor_overdue")))

    def test_an_event_refreshes_only_its_own_lead(self):
        with freeze_time(NOW):
            quiet, other = self._lead(), self._lead()
            self._touch(quiet)
        with freeze_time(NOW + timedelta(days=4)):
            self._visit(other)  # a draft: no follow-up yet
            self._touch(other)
            self.assertFalse(quiet.anchor_overdue, "only the scheduled job flags leads that nobody touched")
            self.env["crm.lead"]._cron_anchor_overdue()
            self.assertTrue(quiet.anchor_overdue)

    def test_first_touch_sla_breach(self):
        with freeze_time(NOW):
            waiting, touched = self._lead(), self._lead()
            self._touch(touched)
        with freeze_time(NOW + timedelta(hours=47)):
            self.env["crm.lead"]._cron_anchor_first_touch_sla()
            self.assertEqual(waiting.first_touch_sla_status, "pending")
        with freeze_time(NOW + timedelta(hours=49)):
            cron = self.env.ref("sales_action_anchor.ir_cron_anchor_first_touch_sla")
            cron.method_direct_trigger()
            cron.method_direct_trigger()
            self.assertEqual(waiting.first_touch_sla_status, "breached")
            self.assertEqual(touched.first_touch_sla_status, "on_time")
            reminders = self._reminders(
                "sales_action_anchor.mail_activity_type_anchor_first_touch", waiting | touched
            )
            self.assertEqual(len(reminders), 1)
            self.assertEqual(reminders.res_id, waiting.id)
            self._touch(waiting)
            self.assertEqual(waiting.first_touch_sla_status, "late")
            self.assertFalse(
                self._reminders("sales_action_anchor.mail_activity_type_anchor_first_touch", waiting)
            )
