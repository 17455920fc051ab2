from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.models import BaseModel
from odoo.tests import tagged

from ..models.crm_lead import EVENT_LEADS_KEY
from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestLeadWrites(AnchorCase):
    """What an event establishes on the opportunity is part of the event's own
    INSERT or write, as crm records ``date_last_stage_update``: no second
    write going through tracking, automations and the add-on's write again."""

    @contextmanager
    def _assert_lead_writes(self, expected):
        """The block writes opportunities exactly ``expected`` times (each
        write reaches the ORM's own ``write`` once). base_automation's stamp of
        a rule's last run is the rule's, not the event's."""
        written = []
        orm_write = BaseModel.write

        def write(records, vals):
            if records._name == "crm.lead" and set(vals) != {"date_automation_last"}:
                written.append(sorted(vals))
            return orm_write(records, vals)

        with patch.object(BaseModel, "write", write):
            yield
            self.env.flush_all()
        self.assertEqual(len(written), expected, f"writes of crm.lead: {written}")

    def _ledger(self, lead, kpi_code):
        return self.env["crm.anchor.expectation"].search(
            [("lead_id", "=", lead.id), ("kpi_code", "=", kpi_code)]
        )

    def test_creation_sets_the_first_touch_sla_in_its_insert(self):
        with self._assert_lead_writes(0):
            lead = self._lead()
        self.assertEqual(lead.date_first_touch_deadline, NOW + timedelta(hours=48))
        self.assertEqual(lead.first_touch_sla_status, "pending")
        self.assertEqual(self._ledger(lead, "first_touch").date_deadline, NOW + timedelta(hours=48))

    def test_recomputing_keeps_the_first_touch_promise_and_its_status(self):
        """A repair or an upgrade recomputes stored fields: the promise was made
        at creation, and the touches since settled its status."""
        lead = self._lead()
        self._touch(lead)
        self.assertEqual(lead.first_touch_sla_status, "on_time")
        with freeze_time(NOW + timedelta(days=30)):
            self.env.add_to_compute(lead._fields["date_first_touch_deadline"], lead)
            self.env.flush_all()
        self.assertEqual(lead.date_first_touch_deadline, NOW + timedelta(hours=48))
        self.assertEqual(lead.first_touch_sla_status, "on_time")

    def test_recomputing_dates_no_past_event(self):
        """An opportunity that entered Quote and got its proposal before the
        add-on dated them (older data): recomputing its stored fields in a
        later transaction does not date those past events now."""
        lead = self._lead(stage="visit", date_first_touch=NOW).sudo()
        lead.write(
            {"stage_id": self.stage["quote"].id, "anchor_proposal_attachment_ids": self._evidence().ids}
        )
        lead.write({"date_quote_stage": False, "date_proposal_sent": False})
        self.env.flush_all()
        # As in a later transaction.
        self.env.cr.precommit.data.pop(EVENT_LEADS_KEY)
        created = NOW - timedelta(days=90)
        self.env.cr.execute("UPDATE crm_lead SET create_date = %s WHERE id = %s", (created, lead.id))
        lead.invalidate_recordset(["create_date"])
        with freeze_time(NOW + timedelta(days=30)):
            for name in ("date_quote_stage", "date_proposal_sent"):
                self.env.add_to_compute(lead._fields[name], lead)
            self.env.flush_all()
        self.assertFalse(lead.date_quote_stage)
        self.assertFalse(lead.date_proposal_sent)

    def test_entering_quote_and_signed_is_dated_in_the_move(self):
        lead = self._lead().sudo()
        with self._assert_lead_writes(1):
            lead.write({"stage_id": self.stage["quote"].id})
        self.assertEqual(lead.date_quote_stage, NOW)
        self.assertEqual(self._ledger(lead, "quote_sent").state, "pending")
        with freeze_time(NOW + timedelta(days=1)), self._assert_lead_writes(1):
            lead.write({"stage_id": self.stage["signed"].id})
        self.assertEqual(lead.date_signed, NOW + timedelta(days=1))
        # Entering a stage again keeps the first date.
        lead.write({"stage_id": self.stage["quote"].id})
        lead.write({"stage_id": self.stage["signed"].id})
        self.assertEqual(lead.date_quote_stage, NOW)
        self.assertEqual(lead.date_signed, NOW + timedelta(days=1))

    def test_the_dates_are_the_events_not_the_next_flush(self):
        """A job or an import may flush its writes long after making them."""
        lead = self._lead(stage="visit", date_first_touch=NOW).sudo()
        with freeze_time(NOW + timedelta(hours=1)):
            lead.stage_id = self.stage["quote"]
            lead.anchor_proposal_attachment_ids = self._evidence("proposal.pdf")
        with freeze_time(NOW + timedelta(hours=2)):
            self.env.flush_all()
        self.assertEqual(lead.date_quote_stage, NOW + timedelta(hours=1))
        self.assertEqual(lead.date_proposal_sent, NOW + timedelta(hours=1))

    def test_entering_quote_is_dated_even_when_the_quote_is_not_measured(self):
        """The date is a fact of the opportunity: the ledger rebuild reads it
        whenever the quote KPI is measured again."""
        self.env["crm.anchor.kpi"]._anchor_get("quote_sent").active = False
        lead = self._lead().sudo()
        lead.write({"stage_id": self.stage["quote"].id})
        self.assertEqual(lead.date_quote_stage, NOW)
        self.assertFalse(self._ledger(lead, "quote_sent"))

    def test_attaching_the_quote_sends_it_in_the_same_write(self):
        lead = self._lead(stage="quote", date_first_touch=NOW, date_proposal_sent=NOW)
        self._visit(lead, pain_summary="客户说安装太慢，影响交付").action_submit()
        with freeze_time(NOW + timedelta(hours=2)), self._assert_lead_writes(1):
            lead.write({"anchor_quote_attachment_ids": [(6, 0, self._evidence("quote.pdf").ids)]})
        self.assertEqual(lead.date_quote_sent, NOW + timedelta(hours=2))
        self.assertEqual(self._ledger(lead, "quote_sent").date_done, NOW + timedelta(hours=2))

    def test_forcing_a_gate_is_recorded_in_the_move(self):
        lead = self._lead()
        with self._assert_lead_writes(1):
            lead.with_user(self.manager).action_anchor_force_stage_to(self.stage["proposal"].id, "老客户")
        self.assertEqual(lead.stage_id, self.stage["proposal"])
        self.assertEqual(lead.date_gate_forced, NOW)

    def test_losing_a_forced_lead_is_a_misjudgment_in_the_same_write(self):
        lead = self._lead()
        lead.with_user(self.manager).action_anchor_force_stage_to(self.stage["proposal"].id, "老客户")
        # crm's own two: archive, then its probability.
        with freeze_time(NOW + timedelta(days=2)), self._assert_lead_writes(2):
            lead.action_set_lost()
        self.assertEqual(lead.date_misjudged, NOW + timedelta(days=2))

    def test_moving_back_misjudges_only_the_forced_leads(self):
        forced, earned = self._lead(name="强推"), self._lead(name="凭证齐全", date_first_touch=NOW)
        forced.with_user(self.manager).action_anchor_force_stage_to(self.stage["visit"].id, "老客户")
        earned.write({"stage_id": self.stage["visit"].id})
        both = (forced | earned).sudo()
        with self._assert_lead_writes(2):  # the forced lead's fact apart
            both.write({"stage_id": self.stage["lead"].id})
        self.assertEqual(both.stage_id, self.stage["lead"])
        self.assertEqual(forced.date_misjudged, NOW)
        self.assertFalse(earned.date_misjudged)

    def test_a_caller_cannot_pass_what_the_server_adds(self):
        lead = self._lead()
        for vals in (
            {"active": False, "date_misjudged": NOW},
            {"stage_id": self.stage["quote"].id, "date_quote_stage": NOW - timedelta(days=9)},
            {"anchor_quote_attachment_ids": [(6, 0, self._evidence().ids)], "date_quote_sent": NOW},
        ):
            with self.assertRaisesRegex(UserError, "established by the system"):
                lead.write(vals)
        with self.assertRaisesRegex(UserError, "established by the system"):
            self.env["crm.lead"].with_user(self.salesman).create(
                {
                    "name": "宽限",
                    "team_id": self.team.id,
                    "date_first_touch_deadline": NOW + timedelta(days=30),
                }
            )
        self.assertTrue(lead.active)
        self.assertFalse(lead.date_quote_stage)
