from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import create_index, format_list

from ..exceptions import InvalidFieldsError
from ..lib import quick_note, text_quality
from ..lib.anchor_constants import AGREED_ACTIONS, CHANNELS, VALUE_MAX_CHARS
from .crm_anchor_input_guard import logged_after_label

VISIT_MAX_HOURS = 24

# The three elements, as fields: what the anchor check reads.
ELEMENT_FIELDS = (
    "pain_category_id",
    "pain_summary",
    "value_point",
    "agreed_action",
    "agreed_action_note",
    "date_next_followup",
    "followup_channel",
)
# What the salesperson reports.
REPORTED_FIELDS = {
    *ELEMENT_FIELDS,
    "lead_id",
    "partner_id",
    "user_id",
    "date_visit",
    "visit_duration",
    "signal_ids",
}
# Frozen once the visit is submitted.
LOCKED_FIELDS = REPORTED_FIELDS | {"date_submitted", "state"}


class CrmAnchorVisit(models.Model):
    """A customer visit and its three elements: the pain point found, the value
    offered, and the next step agreed. A visit of an anchor-enforced team cannot
    be submitted until all three are there and make sense."""

    _name = "crm.anchor.visit"
    _description = "Customer Visit"
    _inherit = ["mail.thread", "crm.anchor.input.guard", "crm.anchor.lead.event.mixin"]
    _order = "date_visit desc, id desc"

    _anchor_entered_fields = frozenset(
        REPORTED_FIELDS
        # The mobile page's identifier of an entry, so that a resend is recognised;
        # draft → submitted is the person submitting, never back (see write, action_reopen).
        | {"client_uuid", "state"}
    )
    _anchor_server_fields = frozenset(
        {
            "team_id",
            "company_id",
            "date_visit_end",
            "pain_summary_key",
            "date_submitted",
            "activity_id",
            "action_deadline",
            "date_action_done",
            "action_done_on_time",
        }
    )

    def init(self):
        # "Was there a later visit to the lead before this date?" (follow-up
        # kept in the visit-quality report, last follow-up): from the index alone.
        create_index(
            self.env.cr,
            "crm_anchor_visit_lead_submitted_date_index",
            self._table,
            ["lead_id", "date_visit"],
            where="state = 'submitted'",
        )

    # Its salesperson's changes show in the chatter.
    user_id = fields.Many2one(tracking=True)
    date_visit = fields.Datetime("Visit Date", required=True, default=fields.Datetime.now, index=True)
    visit_duration = fields.Float("Duration (hours)", default=1.0)
    date_visit_end = fields.Datetime("Visit End", compute="_compute_date_visit_end", store=True)
    date_visit_local_day = fields.Date(
        compute="_compute_date_visit_local_day", help="The visit's day in the salesperson's timezone."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_submitted = fields.Datetime("Submitted On", readonly=True, copy=False)
    logged_after = fields.Char(compute="_compute_logged_after")
    anchor_show_more = fields.Boolean(
        "More details",
        compute="_compute_anchor_show_more",
        readonly=False,
        help="Unfold the fields beyond the three elements.",
    )
    pain_category_id = fields.Many2one("crm.anchor.pain.category", string="Pain Point Category")
    pain_summary = fields.Text("Pain Point", help="The customer's biggest pain point, in a sentence.")
    pain_summary_key = fields.Char(compute="_compute_pain_summary_key", store=True, index=True)
    value_point = fields.Char(
        "Value Offered", help="The value you offered for this pain point, in 50 characters at most."
    )
    agreed_action = fields.Selection(AGREED_ACTIONS)
    agreed_action_note = fields.Char("Agreed Action Details")
    date_next_followup = fields.Datetime("Next Follow-up")
    followup_channel = fields.Selection(CHANNELS, string="Follow-up Channel")
    signal_ids = fields.Many2many(
        "crm.anchor.signal",
        "crm_anchor_visit_signal_rel",
        "visit_id",
        "signal_id",
        string="Customer Signals",
        help="Facts the customer revealed, e.g. asked for a second quote or about delivery.",
    )
    client_uuid = fields.Char(
        "Client Entry ID",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Identifier the mobile page gives an entry, so that resending it never creates a second visit.",
    )
    # Indexed: marking an activity done looks up its visit and deletes it, whose
    # foreign key (ON DELETE SET NULL) also reads this column: else two scans of every visit.
    activity_id = fields.Many2one(
        "mail.activity", string="Agreed Action Activity", readonly=True, copy=False, index="btree_not_null"
    )
    action_deadline = fields.Date("Agreed Action Due", readonly=True, copy=False)
    date_action_done = fields.Datetime("Agreed Action Done On", readonly=True, copy=False)
    action_done_on_time = fields.Boolean("Done On Time", readonly=True, copy=False)

    _sql_constraints = [
        ("client_uuid_unique", "unique(client_uuid)", "This mobile entry was already received."),
    ]

    @api.depends("date_visit", "visit_duration")
    def _compute_date_visit_end(self):
        for visit in self:
            visit.date_visit_end = visit.date_visit and visit.date_visit + timedelta(
                hours=visit.visit_duration
            )

    @api.depends("date_visit", "user_id.tz")
    def _compute_date_visit_local_day(self):
        for visit in self:
            visit.date_visit_local_day = visit.date_visit and fields.Date.context_today(
                visit.with_user(visit.user_id), visit.date_visit
            )

    @api.depends("date_visit_end", "date_submitted")
    def _compute_logged_after(self):
        for visit in self:
            visit.logged_after = logged_after_label(visit.env, visit.date_visit_end, visit.date_submitted)

    def _compute_anchor_show_more(self):
        # A display switch of the form: folded whenever a visit is opened.
        self.anchor_show_more = False

    @api.depends("pain_summary")
    def _compute_pain_summary_key(self):
        for visit in self:
            visit.pain_summary_key = text_quality.summary_key(visit.pain_summary) or False

    @api.depends("partner_id", "lead_id", "date_visit")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = _(
                "Visit %(customer)s %(date)s",
                customer=(visit.partner_id or visit.lead_id).display_name or "",
                date=fields.Date.to_string(fields.Date.context_today(visit, visit.date_visit))
                if visit.date_visit
                else "",
            )

    # ------------------------------------------------------------------
    # The anchor check
    # ------------------------------------------------------------------

    @api.constrains("state", *ELEMENT_FIELDS)
    def _check_anchor_complete(self):
        """The one place that decides whether a visit may be submitted: the form,
        the mobile page, RPC and imports all reach it through this constraint."""
        for visit in self.filtered(lambda v: v.state == "submitted" and v.lead_id.anchor_enforced):
            problems = visit._anchor_problems()
            if problems:
                raise InvalidFieldsError(
                    "\n".join(message for message, _names in problems),
                    [name for _message, names in problems for name in names],
                )

    @api.constrains("state", "date_visit")
    def _check_submitted_not_in_future(self):
        self.filtered(lambda v: v.state == "submitted")._anchor_check_not_future("date_visit")

    @api.constrains("visit_duration")
    def _check_visit_duration(self):
        for visit in self:
            # "not <=" also refuses NaN, which compares false with everything.
            if not 0 <= visit.visit_duration <= VISIT_MAX_HOURS:
                raise ValidationError(_("A visit lasts between 0 and %(max)s hours.", max=VISIT_MAX_HOURS))

    def _anchor_problems(self):
        """Why this visit is not a complete anchor, or []: one ``(translated
        message, field names)`` pair per problem, the fields being those to correct."""
        self.ensure_one()
        missing = [
            (label, name)
            for label, name, present in [
                (_("pain point category"), "pain_category_id", self.pain_category_id),
                (_("pain point"), "pain_summary", (self.pain_summary or "").strip()),
                (_("value offered"), "value_point", (self.value_point or "").strip()),
                (_("agreed action"), "agreed_action", self.agreed_action),
                (
                    _("agreed action details"),
                    "agreed_action_note",
                    self.agreed_action != "other" or (self.agreed_action_note or "").strip(),
                ),
                (_("next follow-up time"), "date_next_followup", self.date_next_followup),
                (_("follow-up channel"), "followup_channel", self.followup_channel),
            ]
            if not present
        ]
        problems = []
        if missing:
            problems.append(
                (
                    _(
                        "Action loop not closed, please complete: %(items)s",
                        items=format_list(self.env, [label for label, _name in missing]),
                    ),
                    [name for _label, name in missing],
                )
            )
        team = self.lead_id.team_id
        summary = (self.pain_summary or "").strip()
        if summary and not text_quality.is_substantial(
            summary, team.anchor_summary_min_chars, team.anchor_summary_min_words
        ):
            problems.append(
                (
                    _(
                        "The pain point is too short: write at least %(chars)s Chinese characters "
                        "or %(words)s words.",
                        chars=team.anchor_summary_min_chars,
                        words=team.anchor_summary_min_words,
                    ),
                    ["pain_summary"],
                )
            )
        elif summary and self._anchor_repeated_summary():
            problems.append(
                (
                    _(
                        "The pain point repeats one of your earlier visits word for word: "
                        "describe this customer's."
                    ),
                    ["pain_summary"],
                )
            )
        if len((self.value_point or "").strip()) > VALUE_MAX_CHARS:
            problems.append(
                (
                    _(
                        "The value offered must fit in %(max)s characters (it has %(count)s).",
                        max=VALUE_MAX_CHARS,
                        count=len(self.value_point.strip()),
                    ),
                    ["value_point"],
                )
            )
        if self.date_next_followup and self.date_next_followup <= self._anchor_reference_time():
            problems.append((_("The next follow-up must be in the future."), ["date_next_followup"]))
        return problems

    @api.readonly
    @api.model
    def parse_quick_note(self, text, now=None):
        """Fill the three elements from a typed or dictated note, for the
        salesperson to review. ``now``: 'YYYY-MM-DD HH:MM:SS' in the user's
        timezone (default: the current time); dates in the result use it too.
        For those who may log visits only."""
        self.check_access("create")
        if now:
            try:
                if not isinstance(now, str):
                    raise ValueError(repr(now))
                moment = fields.Datetime.to_datetime(now)
            except ValueError as error:
                message = _("“now” must be written YYYY-MM-DD HH:MM:SS: %(error)s", error=error)
                raise UserError(message) from error
        else:
            tz = pytz.timezone(self.env.user.tz or "UTC")
            moment = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).replace(tzinfo=None)
        return quick_note.parse(text or "", moment)

    def _anchor_repeated_summary(self):
        return bool(
            self.search_count(
                [
                    ("id", "!=", self.id),
                    ("user_id", "=", self.user_id.id),
                    ("state", "=", "submitted"),
                    ("pain_summary_key", "=", self.pain_summary_key),
                ],
                limit=1,
            )
        )

    def _anchor_reference_time(self):
        """Now; or, when the superuser records history (demo data, migrations,
        the generator; no client reaches it), the visit's own date, so old
        visits keep their old follow-ups."""
        return self.date_visit if self.env.su else fields.Datetime.now()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_anchor_ledger(self):
        self.env["crm.anchor.expectation"]._anchor_forget([("visit_id", "in", self.ids)])

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits._anchor_expect_report()
        visits.filtered(lambda v: v.state == "submitted")._anchor_on_submit()
        return visits

    def write(self, vals):
        # The server (action_reopen, once it checked the manager) unlocks; nothing a client sends does.
        if LOCKED_FIELDS & set(vals) and not self.env.su:
            locked = self.filtered(lambda v: v.state == "submitted")
            if locked:
                locked.check_access("write")  # who may not write it at all is told so
                raise UserError(
                    _(
                        "The visit “%(visit)s” is submitted and locked. Ask a sales manager to reopen it.",
                        visit=locked[0].display_name,
                    )
                )
        result = super().write(vals)
        if "date_visit" in vals:
            self.filtered(lambda v: v.state == "draft")._anchor_expect_report()
        if vals.get("state") == "submitted":
            self._anchor_on_submit()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.model
    def _anchor_establish(self, vals_list):
        """Submitting stamps when the server received the visit. (A write of
        ``state`` reaches only drafts: submitted visits are locked.)"""
        return [
            {**vals, "date_submitted": fields.Datetime.now()}
            if vals.get("state") == "submitted" and not (self.env.su and vals.get("date_submitted"))
            else vals
            for vals in vals_list
        ]

    def action_submit(self):
        drafts = self.filtered(lambda v: v.state == "draft")
        drafts.write({"state": "submitted"})
        return True

    def action_reopen(self, reason):
        """Unlock submitted visits so they can be corrected; managers only."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales managers can reopen a submitted visit."))
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(_("Give the reason for reopening the visit."))
        self._anchor_check_text(_("Reason"), reason)
        visits = self.filtered(lambda v: v.state == "submitted")
        visits.check_access("write")
        visits.sudo().write({"state": "draft", "date_submitted": False})
        for visit in visits:
            visit.message_post(
                body=_(
                    "Visit reopened by %(user)s. Reason: %(reason)s", user=self.env.user.name, reason=reason
                )
            )
        return True

    def action_open_reopen_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reopen Visit"),
            "res_model": "crm.anchor.visit.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_visit_id": self.id},
        }
