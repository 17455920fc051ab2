from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_list

from ..lib.anchor_constants import CLOSED_STAGE_CODES
from .crm_anchor_input_guard import MAX_ID


class CrmLead(models.Model):
    """Stage gates: the evidence each stage requires, what entering a stage
    starts, and the sales manager's way past a gate."""

    # One file per concept of the opportunity (see crm_lead.py), not one class of 600 lines.
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Stage gates
    # ------------------------------------------------------------------

    def _anchor_enter_stage(self, previous_stages):
        """Check the gates of the stage each lead just entered, then open and
        settle what entering it starts. Runs after the write so that evidence
        given in the same write counts. (The dates entering a stage establishes
        are part of that write: see ``_anchor_date_events``.)
        ``previous_stages``: {lead: stage}, empty for new leads."""
        # Teams without anchors pay nothing here: Odoo's own pipelines stay as fast.
        enforced = self.filtered("anchor_enforced")
        gated = enforced.filtered(lambda lead: lead.stage_id.anchor_gate_ids)
        # The server (data files, a manager's action_anchor_force_stage_to) moves as told.
        missing_by_lead = {} if self.env.su else gated._anchor_gate_missing()
        if missing_by_lead:
            lead, missing = next(iter(missing_by_lead.items()))
            raise ValidationError(
                _(
                    "Stage gate: “%(lead)s” cannot enter %(stage)s yet. Missing evidence: %(items)s.",
                    lead=lead.display_name,
                    stage=lead.stage_id.name,
                    items=format_list(self.env, missing),
                )
            )
        enforced.filtered(lambda lead: lead.anchor_stage_code == "quote")._anchor_expect_quote()
        enforced.filtered(
            lambda lead: lead.anchor_stage_code in CLOSED_STAGE_CODES and lead.anchor_overdue
        )._anchor_refresh_overdue()
        # The stage-driven automated actions are triggered by this event (see crm.anchor.stage.entry).
        self.env["crm.anchor.stage.entry"]._anchor_record(enforced, previous_stages)

    def _anchor_expect_quote(self):
        """Entering Quote opens the obligation to send the quote in time."""
        if not self:
            return
        kpi = self.env["crm.anchor.kpi"]._anchor_get("quote_sent")
        if not kpi.active:
            return
        deadline = fields.Datetime.now() + timedelta(hours=kpi.deadline_hours)
        self.env["crm.anchor.expectation"]._anchor_open(
            kpi, [{"lead_id": lead.id, "date_deadline": deadline} for lead in self]
        )
        self._anchor_close_on("quote_sent", "date_quote_sent")

    def _anchor_gate_missing(self, stage=None):
        """Return ``{lead: [names of missing evidence]}`` for leads whose current
        stage (or ``stage``) requires evidence they lack; one query whatever the
        batch size."""
        if not self:
            return {}
        with_visit = {
            lead.id
            for [lead] in self.env["crm.anchor.visit"]
            .sudo()
            ._read_group([("lead_id", "in", self.ids), ("state", "=", "submitted")], ["lead_id"])
        }
        evidence = {
            "first_touch": lambda lead: bool(lead.date_first_touch),
            "submitted_visit": lambda lead: lead.id in with_visit,
            "proposal_sent": lambda lead: bool(lead.date_proposal_sent),
            "quote_sent": lambda lead: bool(lead.date_quote_sent),
            "signed": lambda lead: bool(lead.date_signed),
        }
        missing_by_lead = {}
        for lead in self:
            gates = (stage or lead.stage_id).anchor_gate_ids
            missing = [gate.name for gate in gates if not evidence[gate.code](lead)]
            if missing:
                missing_by_lead[lead] = missing
        return missing_by_lead

    # ------------------------------------------------------------------
    # Automations (called by base.automation records on crm.anchor.stage.entry, see data/)
    # ------------------------------------------------------------------

    def _anchor_on_enter_visit(self):
        """Prepare the visit the salesperson now has to make and report."""
        leads = self.filtered("anchor_enforced")
        open_visit = {
            lead.id
            for [lead] in self.env["crm.anchor.visit"]._read_group(
                [("lead_id", "in", leads.ids), ("state", "=", "draft")], ["lead_id"]
            )
        }
        self.env["crm.anchor.visit"].create(
            [
                {
                    "lead_id": lead.id,
                    "partner_id": lead.partner_id.id,
                    "user_id": (lead.user_id or self.env.user).id,
                }
                for lead in leads
                if lead.id not in open_visit
            ]
        )

    def _anchor_on_enter_signed(self):
        """Signed → delivered and paid: schedule the three follow-through reminders."""
        leads = self.filtered("anchor_enforced")
        plan = [
            ("sales_action_anchor.mail_activity_type_anchor_delivery", "anchor_delivery_offset_days"),
            ("sales_action_anchor.mail_activity_type_anchor_invoice", "anchor_invoice_offset_days"),
            ("sales_action_anchor.mail_activity_type_anchor_payment", "anchor_payment_offset_days"),
        ]
        Activity = self.env["mail.activity"]
        today = fields.Date.context_today(self)
        Activity._anchor_schedule_once(
            [
                (
                    lead,
                    Activity._anchor_type(xmlid),
                    lead.user_id or self.env.user,
                    today + timedelta(days=lead.team_id[offset]),
                )
                for lead in leads
                for xmlid, offset in plan
            ]
        )

    # ------------------------------------------------------------------
    # Forcing a gate
    # ------------------------------------------------------------------

    def action_anchor_force_stage_to(self, stage_id, reason):
        """Move these opportunities to ``stage_id`` whatever evidence its gate
        lacks: sales managers only, with a reason, logged in the chatter. The
        one way past a gate (no context key opens one)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales managers can force an opportunity past a stage gate."))
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(_("Give the reason for forcing the stage."))
        self.env["crm.anchor.input.guard"]._anchor_check_text(_("Reason"), reason)
        valid_id = isinstance(stage_id, int) and not isinstance(stage_id, bool) and 0 < stage_id <= MAX_ID
        stage = self.env["crm.stage"].browse(stage_id if valid_id else ()).exists()
        if not stage:
            raise ValidationError(_("Choose the stage to move to."))
        self.check_access("write")
        stage.check_access("read")
        missing_by_lead = self.filtered("anchor_enforced")._anchor_gate_missing(stage)
        forced = self.browse([lead.id for lead in missing_by_lead])
        # The forced ones record it in the write that moves them.
        if forced:
            forced.sudo().write({"stage_id": stage.id, "date_gate_forced": fields.Datetime.now()})
        if self - forced:
            (self - forced).sudo().write({"stage_id": stage.id})
        for lead, missing in missing_by_lead.items():
            lead.message_post(
                body=_(
                    "Stage gate forced into %(stage)s by %(user)s. Missing evidence: %(items)s. "
                    "Reason: %(reason)s",
                    stage=stage.name,
                    user=self.env.user.name,
                    items=format_list(self.env, missing),
                    reason=reason,
                )
            )
        return True

    def action_anchor_force_stage(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Force Stage"),
            "res_model": "crm.anchor.stage.force",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }
