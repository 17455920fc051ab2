import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
class TestExpectationLedger(AnchorCase):
    def _rows(self, kpi_code, lead):
        return self.env["crm.anchor.expectation"].search(
            [("kpi_code", "=", kpi_code), ("lead_id", "=", lead.id)]
        )

    def test_first_touch_is_expected_then_done_on_time_or_late(self):
        with freeze_time(NOW):
            early, late = self._lead(), self._lead()
        row = self._rows("first_touch", early)
        self.assertEqual(
            (row.state, row.date_deadline, row.user_id), ("pending", NOW + timedelta(hours=48), self.salesman)
        )
        self.assertEqual(row.month.isoformat(), "2026-03-01")
        with freeze_time(NOW + timedelta(hours=3)):
            self._touch(early)
        self.assertEqual(row.state, "done_on_time")
        with freeze_time(NOW + timedelta(hours=50)):
            self.env.ref("sales_action_anchor.ir_cron_anchor_expectation_missed").method_direct_trigger()
            self.assertEqual(self._rows("first_touch", late).state, "missed")
            self._touch(late)
        self.assertEqual(self._rows("first_touch", late).state, "done_late")
        self.assertEqual(len(self._rows("first_touch", late)), 1)

    def test_quote_expected_within_its_deadline_after_entering_quote(self):
        with freeze_time(NOW):
            lead = self._lead()
            lead.sudo().write({"date_first_touch": NOW, "date_proposal_sent": NOW})
            lead.stage_id = self.stage["quote"]
        row = self._rows("quote_sent", lead)
        self.assertEqual((row.state, row.date_deadline), ("pending", NOW + timedelta(hours=24)))
        with freeze_time(NOW + timedelta(hours=30)):
            quote = self.env["ir.attachment"].create(
                {"name": "报价单.pdf", "datas": base64.b64encode(b"%PDF")}
            )
            lead.anchor_quote_attachment_ids = quote
        self.assertEqual(row.state, "done_late")
        self.assertEqual(row.date_done, NOW + timedelta(hours=30))
        # Coming back to Quote does not expect a second quote.
        with freeze_time(NOW + timedelta(hours=31)):
            lead.stage_id = self.stage["visit"]
            lead.stage_id = self.stage["quote"]
        self.assertEqual(len(self._rows("quote_sent", lead)), 1)

    def test_visit_report_and_agreed_action(self):
        with freeze_time(NOW):
            lead = self._lead()
            visit = self._visit(lead)
        report = self._rows("visit_complete", lead)
        self.assertEqual((report.visit_id, report.date_deadline), (visit, NOW + timedelta(hours=24)))
        with freeze_time(NOW + timedelta(hours=2)):
            visit.action_submit()
        self.assertEqual(report.state, "done_on_time")
        action = self._rows("agreed_action", lead)
        # Due 2026-03-03 in Shanghai: until its last second, 2026-03-03 15:59:59 UTC.
        self.assertEqual(action.date_deadline.isoformat(), "2026-03-03T15:59:59")
        with freeze_time(NOW + timedelta(days=1, hours=6)):
            visit.activity_id.action_feedback()
        self.assertEqual(action.state, "done_on_time")

    def test_teams_without_anchors_expect_nothing(self):
        lead = self._lead(team=self.env["crm.team"].create({"name": "Legacy team"}))
        self._visit(lead).action_submit()
        self.assertFalse(self.env["crm.anchor.expectation"].search([("lead_id", "=", lead.id)]))

    def test_inactive_kpi_opens_nothing(self):
        self.env.ref("sales_action_anchor.kpi_first_touch").active = False
        self.assertFalse(self._rows("first_touch", self._lead()))

    def test_backfill_rebuilds_the_ledger_from_facts(self):
        with freeze_time(NOW):
            lead = self._lead()
        with freeze_time(NOW + timedelta(hours=60)):
            self._touch(lead, date=NOW + timedelta(hours=60))
        with freeze_time(NOW):
            visit = self._visit(lead)
            visit.action_submit()
            lead.sudo().write({"date_proposal_sent": NOW})
            lead.stage_id = self.stage["visit"]
            lead.stage_id = self.stage["proposal"]
            lead.stage_id = self.stage["quote"]
            self.env.flush_all()
        # Keyed by visit too: entering Visit also prepared a draft visit, with its own row.
        expected = {
            (row.kpi_code, row.visit_id.id): (row.date_deadline, row.date_done, row.state)
            for row in self.env["crm.anchor.expectation"].search([("lead_id", "=", lead.id)])
        }
        self.env["crm.anchor.expectation"].search([("lead_id", "=", lead.id)]).unlink()
        with freeze_time(NOW + timedelta(hours=1)):
            self.env["crm.anchor.expectation"]._anchor_backfill()
            self.env["crm.anchor.expectation"]._anchor_backfill()  # idempotent
        rebuilt = {
            (row.kpi_code, row.visit_id.id): (row.date_deadline, row.date_done, row.state)
            for row in self.env["crm.anchor.expectation"].search([("lead_id", "=", lead.id)])
        }
        codes = {code for code, _visit in rebuilt}
        self.assertEqual(codes, {"first_touch", "visit_complete", "agreed_action", "quote_sent"})
        self.assertEqual(set(rebuilt), set(expected))
        self.assertEqual(rebuilt[("first_touch", False)][2], "done_late")
        self.assertEqual(rebuilt[("visit_complete", visit.id)][2], "done_on_time")
        for key, facts in expected.items():
            self.assertEqual(rebuilt[key], facts, key)

    def test_misjudgment_is_recorded_when_a_forced_lead_moves_back(self):
        lead = self._lead()
        lead.with_user(self.manager).action_anchor_force_stage_to(self.stage["proposal"].id, "老客户")
        self.assertFalse(lead.date_misjudged)
        lead.sudo().write({"date_first_touch": NOW})
        lead.stage_id = self.stage["visit"]
        self.assertTrue(lead.date_misjudged)

    def test_misjudgment_when_lost(self):
        lead = self._lead()
        lead.with_user(self.manager).action_anchor_force_stage_to(self.stage["proposal"].id, "老客户")
        lead.action_set_lost()
        self.assertTrue(lead.date_misjudged)
