import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestStageGates(AnchorCase):
    def _assert_blocked(self, stage, evidence, move, lead="门窗五金集采"):
        """``move`` is refused by ``stage``'s gate, for the lack of ``evidence`` alone."""
        # assertRaises (unlike assertRaisesRegex) rolls the failed move back.
        with self.assertRaises(ValidationError) as caught:
            move()
        self.assertEqual(
            str(caught.exception),
            f"Stage gate: “{lead}” cannot enter {stage} yet. Missing evidence: {evidence}.",
        )

    def test_visit_stage_needs_a_first_touch(self):
        lead = self._lead()
        self._assert_blocked(
            "Visit", "First touch logged", lambda: lead.write({"stage_id": self.stage["visit"].id})
        )
        self.assertEqual(lead.stage_id, self.stage["lead"])
        self._touch(lead)
        lead.write({"stage_id": self.stage["visit"].id})
        self.assertEqual(lead.stage_id, self.stage["visit"])

    def test_each_stage_checks_its_evidence(self):
        lead = self._lead()
        self._touch(lead)
        lead.stage_id = self.stage["visit"]
        self._assert_blocked(
            "Proposal", "Visit submitted", lambda: lead.write({"stage_id": self.stage["proposal"].id})
        )
        self._visit(lead, agreed_action="send_proposal").action_submit()
        lead.stage_id = self.stage["proposal"]
        self._assert_blocked(
            "Quote", "Proposal sent", lambda: lead.write({"stage_id": self.stage["quote"].id})
        )
        lead.visit_ids.activity_id.action_feedback()
        lead.stage_id = self.stage["quote"]
        self._assert_blocked("Signed", "Quote sent", lead.action_set_won)
        self.assertEqual(lead.stage_id, self.stage["quote"])
        quote = self.env["ir.attachment"].create(
            {"name": "报价单.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        lead.anchor_quote_attachment_ids = quote
        self.assertEqual(lead.date_quote_sent, NOW)
        lead.action_set_won()
        self.assertEqual(lead.stage_id, self.stage["signed"])
        self.assertEqual(lead.date_signed, NOW)
        lead.stage_id = self.stage["delivery"]
        self.assertEqual(lead.stage_id, self.stage["delivery"])

    def test_delivery_needs_signed(self):
        lead = self._lead()
        self._touch(lead)
        self._assert_blocked(
            "Delivery", "Contract signed", lambda: lead.write({"stage_id": self.stage["delivery"].id})
        )

    def test_evidence_given_in_the_same_write_counts(self):
        lead = self._lead()
        self._touch(lead)
        lead.stage_id = self.stage["visit"]
        self._visit(lead).action_submit()
        lead.stage_id = self.stage["proposal"]
        proposal = self.env["ir.attachment"].create({"name": "方案.pdf", "datas": base64.b64encode(b"%PDF")})
        lead.write(
            {"stage_id": self.stage["quote"].id, "anchor_proposal_attachment_ids": [(6, 0, proposal.ids)]}
        )
        self.assertEqual(lead.stage_id, self.stage["quote"])

    def test_kanban_drag_goes_through_web_save(self):
        lead = self._lead().with_user(self.salesman)
        self._assert_blocked(
            "Visit",
            "First touch logged",
            lambda: lead.web_save({"stage_id": self.stage["visit"].id}, specification={"stage_id": {}}),
        )
        self.assertEqual(lead.stage_id, self.stage["lead"])

    def test_form_move_is_refused(self):
        lead = self._lead()
        form = Form(lead.with_user(self.salesman))
        form.stage_id = self.stage["proposal"]
        self._assert_blocked("Proposal", "Visit submitted", form.save)
        self.assertEqual(lead.stage_id, self.stage["lead"])

    def test_import_into_a_gated_stage_is_refused(self):
        result = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .load(
                ["name", "type", "team_id/id", "stage_id/id"],
                [
                    [
                        "导入的商机",
                        "opportunity",
                        "sales_action_anchor.crm_team_anchor",
                        "sales_action_anchor.stage_anchor_quote",
                    ]
                ],
            )
        )
        self.assertFalse(result["ids"])
        self.assertEqual(
            [message["message"] for message in result["messages"]],
            ["Stage gate: “导入的商机” cannot enter Quote yet. Missing evidence: Proposal sent."],
        )
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "导入的商机")]))

    def test_create_by_rpc_in_a_gated_stage_is_refused(self):
        self._assert_blocked("Visit", "First touch logged", lambda: self._lead(stage="visit"))

    def test_manager_forces_a_move_with_a_reason_that_is_logged(self):
        lead = self._lead()
        wizard = (
            self.env["crm.anchor.stage.force"]
            .with_user(self.manager)
            .create(
                {
                    "lead_id": lead.id,
                    "stage_id": self.stage["proposal"].id,
                    "reason": "老客户转介绍，已当面确认需求",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(lead.stage_id, self.stage["proposal"])
        self.assertEqual(lead.date_gate_forced, NOW)
        body = lead.message_ids[0].body
        self.assertIn("老客户转介绍", body)
        self.assertIn("Visit submitted", body)
        self.assertIn("Manager", body)

    def test_salesperson_cannot_force(self):
        lead = self._lead()
        with self.assertRaisesRegex(AccessError, "Only sales managers can force"):
            lead.with_user(self.salesman).action_anchor_force_stage_to(self.stage["proposal"].id, "trust me")
        self.assertEqual(lead.stage_id, self.stage["lead"])

    def test_no_context_key_forces_a_gate(self):
        # anchor_force_reason once forced a gate: now it is only a value of the context.
        for user in (self.salesman, self.manager):
            lead = self._lead()
            with self.assertRaisesRegex(ValidationError, "cannot enter Proposal yet"):
                lead.with_user(user).with_context(anchor_force_reason="trust me").write(
                    {"stage_id": self.stage["proposal"].id}
                )
            self.assertFalse(lead.date_gate_forced)

    def test_gates_are_configurable_per_stage(self):
        self.stage["visit"].anchor_gate_ids = False
        lead = self._lead()
        lead.stage_id = self.stage["visit"]
        self.assertEqual(lead.stage_id, self.stage["visit"])

    def test_team_without_anchors_moves_freely(self):
        free_team = self.env["crm.team"].create({"name": "Legacy team"})
        lead = self._lead(team=free_team)
        lead.stage_id = self.stage["quote"]
        self.assertEqual(lead.stage_id, self.stage["quote"])
        free_team.anchor_enforced = True
        self._assert_blocked(
            "Signed", "Quote sent", lambda: lead.write({"stage_id": self.stage["signed"].id})
        )
        self.assertEqual(lead.stage_id, self.stage["quote"])

    def test_pipeline_of_an_anchor_team_shows_its_six_stages(self):
        groups = (
            self.env["crm.lead"]
            .with_context(default_team_id=self.team.id)
            .web_read_group([("team_id", "=", self.team.id)], ["stage_id"], ["stage_id"])
        )
        shown = [group["stage_id"][0] for group in groups["groups"]]
        self.assertEqual(
            shown,
            [self.stage[code].id for code in ("lead", "visit", "proposal", "quote", "signed", "delivery")],
        )
