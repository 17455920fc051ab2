from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index, format_list

from ..lib.anchor_constants import TOUCH_METHODS
from .crm_anchor_input_guard import logged_after_label

# What the salesperson reported; frozen once the touch is logged.
LOCKED_FIELDS = {"lead_id", "partner_id", "user_id", "date", "method", "customer_words", "state"}


class CrmAnchorTouch(models.Model):
    """A contact with the customer, proven by evidence: the first one of a lead
    is the "first touch" anchor measured against the team's SLA."""

    _name = "crm.anchor.touch"
    _description = "Customer Touch"
    _inherit = ["mail.thread", "crm.anchor.input.guard", "crm.anchor.lead.event.mixin"]
    _order = "date desc, id desc"

    # What the salesperson reports (draft → done is the person logging the touch,
    # never back: see write), and the evidence and signals they may still add.
    _anchor_entered_fields = frozenset(LOCKED_FIELDS | {"evidence_attachment_ids", "signal_ids"})
    _anchor_server_fields = frozenset({"team_id", "company_id", "date_logged"})

    def init(self):
        # "Was the lead contacted between these dates?" (follow-up kept, last
        # follow-up): answered from the index alone.
        create_index(
            self.env.cr,
            "crm_anchor_touch_lead_done_date_index",
            self._table,
            ["lead_id", "date"],
            where="state = 'done'",
        )

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    method = fields.Selection(
        TOUCH_METHODS,
        required=True,
        default="phone",
    )
    customer_words = fields.Text(
        "Customer's Own Words", help="What the customer actually said, in their words."
    )
    evidence_attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Evidence",
        help="Call screenshot or chat excerpt proving the touch happened.",
    )
    signal_ids = fields.Many2many(
        "crm.anchor.signal",
        "crm_anchor_touch_signal_rel",
        "touch_id",
        "signal_id",
        string="Customer Signals",
        help="Facts the customer revealed, e.g. asked for a second quote or about delivery.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Logged")], default="draft", required=True, tracking=True, copy=False
    )
    date_logged = fields.Datetime(
        "Logged On",
        readonly=True,
        copy=False,
        help="When the server received the logged touch: the first-touch SLA is judged on it.",
    )
    logged_after = fields.Char(compute="_compute_logged_after")

    @api.depends("lead_id", "date")
    def _compute_display_name(self):
        for touch in self:
            touch.display_name = _(
                "%(lead)s – touch %(date)s",
                lead=touch.lead_id.name or "",
                date=fields.Datetime.to_string(touch.date) if touch.date else "",
            )

    @api.depends("date", "date_logged")
    def _compute_logged_after(self):
        for touch in self:
            touch.logged_after = logged_after_label(touch.env, touch.date, touch.date_logged)

    @api.constrains("state", "date")
    def _check_logged_not_in_future(self):
        self.filtered(lambda t: t.state == "done")._anchor_check_not_future("date")

    @api.constrains("state", "customer_words", "evidence_attachment_ids")
    def _check_anchor_complete(self):
        """The one place that decides whether a touch counts: form, RPC and
        imports all reach it through the constraint."""
        for touch in self.filtered(lambda t: t.state == "done" and t.lead_id.anchor_enforced):
            missing = []
            if not (touch.customer_words or "").strip():
                missing.append(_("customer's own words"))
            if not touch.evidence_attachment_ids:
                missing.append(_("evidence (call screenshot or chat excerpt)"))
            if missing:
                raise ValidationError(
                    _(
                        "Action loop not closed, please complete: %(items)s",
                        items=format_list(self.env, missing),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        touches = super().create(vals_list)
        touches._anchor_bind_evidence()
        touches.filtered(lambda t: t.state == "done")._anchor_notify_lead()
        return touches

    def write(self, vals):
        if LOCKED_FIELDS & set(vals) and not self.env.su:
            locked = self.filtered(lambda t: t.state == "done")
            if locked:
                locked.check_access("write")  # who may not write it at all is told so
                raise UserError(
                    _(
                        "The touch “%(touch)s” is logged and locked: a sales manager can delete it "
                        "so that it is logged again.",
                        touch=locked[0].display_name,
                    )
                )
        result = super().write(vals)
        if "evidence_attachment_ids" in vals:
            self._anchor_bind_evidence()
        if {"state", "date", "lead_id"} & set(vals):
            self.filtered(lambda t: t.state == "done")._anchor_notify_lead()
        return result

    def _anchor_bind_evidence(self):
        """Evidence uploaded before its touch was saved hangs on no record, so
        only its uploader could open it: attach the uploader's own files to the
        touch, so that whoever may read the touch (a manager checking it) may
        read its evidence, and no one else."""
        for touch in self.sudo():
            unbound = touch.evidence_attachment_ids.filtered(
                lambda attachment: (
                    not attachment.res_id and (self.env.su or attachment.create_uid.id == self.env.uid)
                )
            )
            unbound.write({"res_model": self._name, "res_id": touch.id})

    @api.model
    def _anchor_establish(self, vals_list):
        """Logging stamps when the server received the touch. (A write of
        ``state`` reaches only drafts: logged touches are locked.)"""
        return [
            {**vals, "date_logged": self._anchor_received_at(vals.get("date"))}
            if vals.get("state") == "done" and not (self.env.su and vals.get("date_logged"))
            else vals
            for vals in vals_list
        ]

    def _anchor_notify_lead(self):
        for lead, touches in self.grouped("lead_id").items():
            lead._anchor_register_touch(min(touches.mapped("date")), min(touches.mapped("date_logged")))

    def action_done(self):
        self.write({"state": "done"})
        return True
