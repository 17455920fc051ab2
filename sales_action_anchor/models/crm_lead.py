from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from .crm_anchor_input_guard import refuse_server_facts

# The leads of this transaction's events (cr.precommit.data, as mail's tracking
# keeps its own): a recomputation of their dates (a repair, an upgrade) for
# other leads dates nothing, since the moment of a past event is not now.
EVENT_LEADS_KEY = "sales_action_anchor.event_leads"
# The dates an event establishes (stored computes below), by the field whose change is the event.
EVENT_DATES = {
    "stage_id": ("date_quote_stage", "date_signed"),
    "anchor_proposal_attachment_ids": ("date_proposal_sent",),
    "anchor_quote_attachment_ids": ("date_quote_sent",),
}


class CrmLead(models.Model):
    """The opportunity's anchors: the facts its events establish and the
    obligations they open and close. Stage gates: crm_lead_stage_gates.py;
    the overdue and first-touch jobs: crm_lead_overdue.py."""

    _inherit = "crm.lead"

    # See crm.anchor.input.guard: who may give each field the add-on stores here.
    _anchor_entered_fields = frozenset(
        {"touch_ids", "visit_ids", "anchor_proposal_attachment_ids", "anchor_quote_attachment_ids"}
    )
    _anchor_server_fields = frozenset(
        {
            "anchor_stage_code",
            "date_first_touch",
            "date_first_touch_deadline",
            "first_touch_sla_status",
            "date_last_followup",
            "anchor_overdue",
            "date_proposal_sent",
            "date_quote_stage",
            "date_quote_sent",
            "date_signed",
            "date_gate_forced",
            "date_misjudged",
        }
    )

    anchor_enforced = fields.Boolean(related="team_id.anchor_enforced")
    anchor_stage_code = fields.Selection(related="stage_id.anchor_code", store=True, string="Anchor Stage")
    touch_ids = fields.One2many("crm.anchor.touch", "lead_id", string="Touches")
    visit_ids = fields.One2many("crm.anchor.visit", "lead_id", string="Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")
    date_first_touch = fields.Datetime("First Touch", readonly=True, copy=False)
    # Set when the opportunity is created (see _compute_first_touch_sla).
    date_first_touch_deadline = fields.Datetime(
        "First Touch Due",
        compute="_compute_first_touch_sla",
        store=True,
        precompute=True,
        readonly=True,
        copy=False,
    )
    first_touch_sla_status = fields.Selection(
        [
            ("pending", "Waiting"),
            ("on_time", "On Time"),
            ("breached", "Overdue"),
            ("late", "Touched Late"),
        ],
        string="First Touch SLA",
        compute="_compute_first_touch_sla",
        store=True,
        precompute=True,
        readonly=True,
        copy=False,
    )
    date_last_followup = fields.Datetime(
        "Last Follow-up",
        compute="_compute_date_last_followup",
        store=True,
        help="Latest logged touch or submitted visit.",
    )
    anchor_overdue = fields.Boolean(
        "Follow-up Overdue",
        readonly=True,
        copy=False,
        help="Not followed up for longer than the team allows, and not signed yet. "
        "Updated by follow-ups and by a scheduled job.",
    )
    anchor_proposal_attachment_ids = fields.Many2many(
        "ir.attachment",
        "crm_lead_anchor_proposal_attachment_rel",
        string="Proposal Documents",
        copy=False,
    )
    anchor_quote_attachment_ids = fields.Many2many(
        "ir.attachment",
        "crm_lead_anchor_quote_attachment_rel",
        string="Quote Documents",
        copy=False,
    )
    # Stamped by their event (see the computes), or set by it: an agreed action
    # done (_anchor_register_action_done), the superuser recording history.
    date_proposal_sent = fields.Datetime(
        "Proposal Sent", compute="_compute_date_proposal_sent", store=True, readonly=True, copy=False
    )
    date_quote_stage = fields.Datetime(
        "Entered Quote", compute="_compute_date_quote_stage", store=True, readonly=True, copy=False
    )
    date_quote_sent = fields.Datetime(
        "Quote Sent", compute="_compute_date_quote_sent", store=True, readonly=True, copy=False
    )
    date_signed = fields.Datetime(
        "Signed On", compute="_compute_date_signed", store=True, readonly=True, copy=False
    )
    date_gate_forced = fields.Datetime(
        "Gate Forced On",
        readonly=True,
        copy=False,
        help="Last time a manager moved this opportunity past a stage gate without its evidence.",
    )
    date_misjudged = fields.Datetime(
        "Misjudged On",
        readonly=True,
        copy=False,
        help="When an opportunity forced past a gate moved back a stage or was lost: "
        "the forced move was a misjudgment.",
    )

    @api.depends("visit_ids")
    def _compute_visit_count(self):
        counts = dict(
            self.env["crm.anchor.visit"]._read_group([("lead_id", "in", self.ids)], ["lead_id"], ["__count"])
        )
        for lead in self:
            lead.visit_count = counts.get(lead, 0)

    @api.depends(
        "team_id.anchor_enforced",
        "visit_ids.state",
        "visit_ids.date_visit",
        "touch_ids.state",
        "touch_ids.date",
    )
    def _compute_date_last_followup(self):
        # In SQL, whoever may read each visit: the date is a fact of the lead.
        # Only anchor teams log touches and visits: other leads cost no query.
        lead_ids = tuple(self.filtered("anchor_enforced").ids)
        latest = {}
        if lead_ids:
            self.env["crm.anchor.visit"].flush_model(["lead_id", "state", "date_visit"])
            self.env["crm.anchor.touch"].flush_model(["lead_id", "state", "date"])
            self.env.cr.execute(
                SQL(
                    """
                    SELECT lead_id, MAX(date) FROM (
                        SELECT lead_id, date_visit AS date FROM crm_anchor_visit
                         WHERE lead_id IN %(leads)s AND state = 'submitted'
                        UNION ALL
                        SELECT lead_id, date FROM crm_anchor_touch
                         WHERE lead_id IN %(leads)s AND state = 'done'
                    ) followups GROUP BY lead_id
                    """,
                    leads=lead_ids,
                )
            )
            latest = dict(self.env.cr.fetchall())
        for lead in self:
            lead.date_last_followup = latest.get(lead.id, False)

    # No dependency: computed once, as the opportunity is created (part of its
    # INSERT). A later change of team or of the team's SLA leaves the promise
    # made as it was.
    @api.depends()
    def _compute_first_touch_sla(self):
        # The creation is now. (create_date is the same moment, but read from
        # the database's clock: the tests' frozen clock does not reach it.)
        now = fields.Datetime.now()
        for lead in self:
            if lead.id:
                # Recomputed later (a repair, an upgrade): the promise stays as
                # made, and its status as the touches since have settled it.
                continue
            team = lead.team_id
            lead.date_first_touch_deadline = team.anchor_enforced and now + timedelta(
                hours=team.anchor_first_touch_hours
            )
            lead.first_touch_sla_status = team.anchor_enforced and "pending"

    # As crm's date_last_stage_update: stamped in the write that moves the lead,
    # the first time it enters the stage.
    @api.depends("stage_id")
    def _compute_date_signed(self):
        self._anchor_stamp_on_entering("signed", "date_signed")

    @api.depends("stage_id")
    def _compute_date_quote_stage(self):
        self._anchor_stamp_on_entering("quote", "date_quote_stage")

    def _anchor_stamp_on_entering(self, stage_code, field):
        now = fields.Datetime.now()
        for lead in self._anchor_of_events():
            # The stored date read last: other leads cost no query.
            if lead.anchor_enforced and lead.stage_id.anchor_code == stage_code and not lead[field]:
                lead[field] = now

    # Attaching a proposal or a quote document is the event that sends it.
    @api.depends("anchor_proposal_attachment_ids")
    def _compute_date_proposal_sent(self):
        self._anchor_stamp_on_attaching("anchor_proposal_attachment_ids", "date_proposal_sent")

    @api.depends("anchor_quote_attachment_ids")
    def _compute_date_quote_sent(self):
        self._anchor_stamp_on_attaching("anchor_quote_attachment_ids", "date_quote_sent")

    def _anchor_stamp_on_attaching(self, documents, field):
        now = fields.Datetime.now()
        for lead in self._anchor_of_events():
            if lead[documents] and not lead[field]:
                lead[field] = now

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """An anchor-enforced team's pipeline (the one in context, else the
        user's own, as in "My Pipeline") shows its own anchor stages, not the
        empty stages shared by every team."""
        result = super()._read_group_stage_ids(stages, domain)
        # Harmless from a client: it only chooses which stages are shown as columns.
        team_id = self.env.context.get("default_team_id")
        team = self.env["crm.team"].browse(team_id).exists() if team_id else self.env.user.sale_team_id
        if team.anchor_enforced and result.filtered(lambda s: s.team_id == team):
            result = result.filtered(lambda s: s.team_id == team or s in stages)
        return result

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """An anchor-enforced team works in its own stages: its new opportunities
        start in its first open stage and its won ones go to its won stage. crm
        mixes them with the stages shared by every team by sequence only."""
        teams = self.mapped("team_id") | self.env["crm.team"].browse(team_id)
        if len(teams) == 1 and teams.anchor_enforced:
            own = self.env["crm.stage"].search(
                [("team_id", "=", teams.id), *(domain or [])], order=order, limit=limit
            )
            if own:
                return own
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_anchor_ledger(self):
        self.env["crm.anchor.expectation"]._anchor_forget([("lead_id", "in", self.ids)])

    @api.model_create_multi
    def create(self, vals_list):
        refuse_server_facts(self, vals_list, creating=True)
        leads = super().create(vals_list)
        leads._anchor_date_events(set().union(*vals_list))
        enforced = leads.filtered("anchor_enforced")
        if enforced:
            self.env["crm.anchor.expectation"]._anchor_open(
                self.env["crm.anchor.kpi"]._anchor_get("first_touch"),
                [{"lead_id": lead.id, "date_deadline": lead.date_first_touch_deadline} for lead in enforced],
            )
        leads._anchor_close_fulfilled(vals_list)
        leads._anchor_enter_stage({})
        return leads

    def write(self, vals):
        # The caller's values first: what the server adds below is no caller's.
        refuse_server_facts(self, [vals])
        previous_stages = {lead: lead.stage_id for lead in self} if "stage_id" in vals else {}
        sending_quote = (
            self.filtered(lambda lead: not lead.date_quote_sent)
            if "anchor_quote_attachment_ids" in vals
            else self.browse()
        )
        self._anchor_mark_events(vals)
        misjudged = self._anchor_misjudged_by(vals)
        if misjudged:
            # A fact of some of the leads only: written with them apart, as crm
            # writes the leads already won apart.
            result = super(CrmLead, misjudged).write({**vals, "date_misjudged": fields.Datetime.now()})
            if self - misjudged:
                result = super(CrmLead, self - misjudged).write(vals)
        else:
            result = super().write(vals)
        self._anchor_date_events(vals)
        self._anchor_close_fulfilled([vals] * len(self))
        sending_quote.filtered("date_quote_sent")._anchor_close_on("quote_sent", "date_quote_sent")
        if previous_stages:
            moved = self.filtered(lambda lead: lead.stage_id != previous_stages[lead])
            moved._anchor_enter_stage(previous_stages)
        return result

    def _anchor_date_events(self, fnames):
        """Date now the events of this create or write: a stored compute
        otherwise runs when the cache is flushed, which a job or an import may
        do long after. Reading such a field computes it."""
        for trigger, dates in EVENT_DATES.items():
            if trigger in fnames:
                for field in dates:
                    self.mapped(field)

    def _anchor_mark_events(self, fnames):
        """These leads' dates are this transaction's events (see EVENT_LEADS_KEY)."""
        if EVENT_DATES.keys() & set(fnames):
            self.env.cr.precommit.data.setdefault(EVENT_LEADS_KEY, set()).update(self.ids)

    def _anchor_of_events(self):
        """Those of these leads whose event is this transaction's: created in
        it (Odoo dates a creation with the transaction's time), or written by
        it (see EVENT_LEADS_KEY)."""
        events = self.env.cr.precommit.data.get(EVENT_LEADS_KEY, set())
        now = self.env.cr.now()
        return self.filtered(lambda lead: not lead.id or lead.id in events or lead.create_date == now)

    def _anchor_misjudged_by(self, vals):
        """The leads forced past a gate that ``vals`` loses or moves back a
        stage: which proves the forced move wrong. Read before the write."""
        if vals.get("active") is not False and not vals.get("stage_id"):
            return self.browse()
        forced = self.filtered(lambda lead: lead.date_gate_forced and not lead.date_misjudged)
        if not forced or vals.get("active") is False:
            return forced
        stage = self.env["crm.stage"].browse(vals["stage_id"])
        return forced.filtered(lambda lead: lead.anchor_enforced and stage.sequence < lead.stage_id.sequence)

    def _anchor_close_fulfilled(self, vals_list):
        """The facts written on a lead fulfil its obligations: a first touch,
        a quote sent. (A logged touch closes its obligation itself, on when
        the server received it: see ``_anchor_register_touch``.)"""
        for field, kpi_code in (("date_first_touch", "first_touch"), ("date_quote_sent", "quote_sent")):
            self.browse(
                [lead.id for lead, vals in zip(self, vals_list, strict=True) if vals.get(field)]
            )._anchor_close_on(kpi_code, field)

    def _anchor_close_on(self, kpi_code, field):
        """Fulfil the ``kpi_code`` obligations of these leads on the date in
        ``field``: one query per distinct date, not per lead."""
        for date_done, leads in self.grouped(field).items():
            if date_done:
                self.env["crm.anchor.expectation"]._anchor_close(
                    kpi_code, [("lead_id", "in", leads.ids)], date_done
                )

    # ------------------------------------------------------------------
    # Events coming from anchors
    # ------------------------------------------------------------------

    def _anchor_register_touch(self, touch_date, date_logged):
        """A logged touch: the earliest contact claimed is the first-touch date;
        the SLA is judged once, on when the server received the first touch
        (``date_logged``), so that a touch dated back cannot make a late first
        touch count as on time."""
        earlier = self.filtered(lambda lead: not lead.date_first_touch or lead.date_first_touch > touch_date)
        settled = earlier.filtered(
            lambda lead: (
                lead.date_first_touch_deadline and lead.first_touch_sla_status in ("pending", "breached")
            )
        )
        # Before the date is written, which would close it on the date claimed.
        if settled:
            self.env["crm.anchor.expectation"]._anchor_close(
                "first_touch", [("lead_id", "in", settled.ids)], date_logged
            )
        # One write per distinct outcome, not per lead.
        for status, leads in earlier.grouped(
            lambda lead: (
                lead in settled and ("on_time" if date_logged <= lead.date_first_touch_deadline else "late")
            )
        ).items():
            leads.sudo().write(
                {"date_first_touch": touch_date, **({"first_touch_sla_status": status} if status else {})}
            )
        self._anchor_close_reminders(
            "sales_action_anchor.mail_activity_type_anchor_first_touch", _("First touch logged.")
        )
        self._anchor_followed_up()

    def _anchor_followed_up(self):
        """A follow-up may clear the overdue flag at once. Not when the server
        records history (demo data, migrations, the generator: superuser mode,
        which no client reaches): old follow-ups would flag and clear in turn;
        the scheduled job settles the flags afterwards."""
        if not self.env.su:
            self._anchor_refresh_overdue()

    def _anchor_register_action_done(self, agreed_action, done_date):
        """A completed agreed action that sends a document is that document's evidence."""
        field = {"send_proposal": "date_proposal_sent", "send_quote": "date_quote_sent"}.get(agreed_action)
        leads = self.filtered(lambda lead: not lead[field]) if field else self.browse()
        if leads:
            leads.sudo().write({field: done_date})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_anchor_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_action_anchor.crm_anchor_visit_action")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_user_id": (self.user_id or self.env.user).id,
        }
        return action
