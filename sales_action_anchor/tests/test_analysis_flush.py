"""Figures read what the same transaction wrote: the SQL reports and the
analysis layer's hand-written SQL flush the ORM's pending writes first (a
server action, an automation or an RPC batch may write and then read)."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestSameTransaction(AnchorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(NOW):
            cls.visit = cls._visit(cls._lead())
            cls.visit.action_submit()
        cls.env.flush_all()

    def _settle_agreed_action(self, state):
        """The visit's agreed action settled, the write left pending in the cache."""
        agreed = self.env["crm.anchor.expectation"].search(
            [("visit_id", "=", self.visit.id), ("kpi_code", "=", "agreed_action")]
        )
        self.assertEqual(agreed.state, "pending")
        agreed.sudo().state = state
        self.assertIn(agreed.id, self.env.cache.get_dirty_records(agreed, agreed._fields["state"]).ids)

    def test_the_penetration_report_reads_a_pending_write(self):
        self._settle_agreed_action("done_on_time")
        [(on_time,)] = self.env["crm.anchor.penetration.report"]._read_group(
            [("visit_id", "=", self.visit.id), ("kpi_id.code", "=", "agreed_action")],
            [],
            ["on_time_count:sum"],
        )
        self.assertEqual(on_time, 1)

    def test_the_visit_report_reads_a_pending_write(self):
        self._settle_agreed_action("done_on_time")
        [(done,)] = self.env["crm.anchor.visit.report"]._read_group(
            [("visit_id", "=", self.visit.id)], [], ["action_done_rate:avg"]
        )
        self.assertEqual(done, 100)

    def test_the_dashboard_ranking_reads_a_pending_write(self):
        self._settle_agreed_action("done_on_time")
        data = self.env["crm.anchor.dashboard"].with_user(self.manager).get_data("2026-03-01", "2026-03-31")
        [row] = [row for row in data["ranking"]["rows"] if row["user_id"] == self.salesman.id]
        self.assertEqual((row["actions_due"], row["actions_done"]), (1, 1))
