from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAudit(AnchorCase):
    """Forced gates, reopened visits and configuration changes are in the
    chatter: who (the author), when (the message date) and what or why."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")

    def setUp(self):
        super().setUp()
        # Each request is a transaction of its own: tracking pending from the
        # class setup must not be logged as the test's user.
        self._commit_tracking()

    def _commit_tracking(self):
        # Tracking messages are written when the transaction commits.
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _last_message(self, record):
        self._commit_tracking()
        return record.message_ids.sorted("id")[-1]

    def _tracked(self, message):
        """{field name: (old, new)} of a tracking message, as the chatter shows them."""
        return {
            value["changedField"]: (value["oldValue"]["value"], value["newValue"]["value"])
            for value in message.sudo().tracking_value_ids._tracking_value_format()
        }

    def assertLogged(self, message, user):
        self.assertEqual(message.author_id, user.partner_id)
        self.assertEqual(message.date, NOW)

    def test_forced_gate_says_who_when_and_why(self):
        lead = self._lead()
        self.env["crm.anchor.stage.force"].with_user(self.manager).create(
            {"lead_id": lead.id, "stage_id": self.stage["quote"].id, "reason": "老客户转介绍，已当面确认需求"}
        ).action_confirm()
        message = lead.message_ids.filtered(lambda m: "Stage gate forced" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertLogged(message, self.manager)
        self.assertIn("Reason: 老客户转介绍，已当面确认需求", message.body)
        self.assertIn("by Manager", message.body)
        self.assertIn("Proposal sent", message.body)  # the missing evidence

    def test_reopened_visit_says_who_when_and_why(self):
        visit = self._visit(self._lead())
        visit.action_submit()
        self.env["crm.anchor.visit.reopen"].with_user(self.manager).create(
            {"visit_id": visit.id, "reason": "客户名称写错"}
        ).action_confirm()
        message = visit.message_ids.filtered(lambda m: "reopened" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertLogged(message, self.manager)
        self.assertIn("Reason: 客户名称写错", message.body)
        self.assertIn("by Manager", message.body)

    def test_team_thresholds_are_tracked(self):
        with Form(self.team.with_user(self.manager)) as team:
            team.anchor_overdue_days = 5
            team.anchor_summary_min_chars = 6
        message = self._last_message(self.team)
        self.assertLogged(message, self.manager)
        tracked = self._tracked(message)
        self.assertEqual(tracked["Overdue After (days)"], (3, 5))
        self.assertEqual(tracked["Pain Point Min. Chinese Characters"], (4, 6))

    def test_stage_gate_evidence_is_tracked(self):
        stage = self.stage["proposal"]
        stage.with_user(self.manager).anchor_gate_ids |= self.env.ref(
            "sales_action_anchor.crm_anchor_gate_first_touch"
        )
        message = self._last_message(stage)
        self.assertLogged(message, self.manager)
        old, new = self._tracked(message)["Gate Evidence"]
        self.assertEqual(old, "Visit submitted")
        self.assertEqual(set(new.split(", ")), {"First touch logged", "Visit submitted"})

    def test_creating_a_stage_logs_nothing(self):
        # crm and other modules create stages in numbers: only gate changes are an audit event.
        stage = self.env["crm.stage"].with_user(self.manager).create({"name": "Negotiation", "sequence": 40})
        self._commit_tracking()
        self.assertFalse(stage.message_ids)
        self.assertFalse(stage.message_follower_ids)

    def test_kpi_target_and_deadline_are_tracked(self):
        kpi = self.env.ref("sales_action_anchor.kpi_visit_complete")
        kpi.with_user(self.manager).write({"target": 90, "deadline_hours": 12})
        message = self._last_message(kpi)
        self.assertLogged(message, self.manager)
        tracked = self._tracked(message)
        self.assertEqual(tracked["Target (%)"], (85.0, 90.0))
        self.assertEqual(tracked["Deadline (hours)"], (24, 12))

    def test_settings_changes_are_posted_on_anchor_teams(self):
        legacy = self.env["crm.team"].create({"name": "Legacy team"})
        settings = self.env["res.config.settings"].with_user(self.admin)
        form = Form(settings)
        form.anchor_busy_min_visits = 12
        form.save().execute()
        message = self.team.message_ids.sorted("id")[-1]
        self.assertLogged(message, self.admin)
        self.assertIn(f"changed by {self.admin.name}", message.body)
        self.assertIn("Busy-for-show: Minimum Visits: 10 → 12", message.body)
        self.assertNotIn("Newcomer", message.body)  # unchanged settings are not listed
        self.assertFalse(legacy.message_ids.filtered(lambda m: "settings changed" in (m.body or "")))
        # Saving again without a change logs nothing.
        count = len(self.team.message_ids)
        Form(settings).save().execute()
        self.assertEqual(len(self.team.message_ids), count)
