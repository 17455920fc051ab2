from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, format_list

from .crm_anchor_input_guard import MAX_ID, refuse_server_facts

# Stages after which an opportunity no longer needs chasing.
CLOSED_STAGE_CODES = ("signed", "delivery")
# Reminders created per cron run; the cron is re-triggered while work remains.
CRON_BATCH_SIZE = 1000


class CrmLead(models.Model):
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
    date_first_touch_deadline = fields.Datetime("First Touch Due", readonly=True, copy=False)
    first_touch_sla_status = fields.Selection(
        [
            ("pending", "Waiting"),
            ("on_time", "On Time"),
            ("breached", "Overdue"),
            ("late", "Touched Late"),
        ],
        string="First Touch SLA",
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
    date_proposal_sent = fields.Datetime("Proposal Sent", readonly=True, copy=False)
    date_quote_stage = fields.Datetime("Entered Quote", readonly=True, copy=False)
    date_quote_sent = fields.Datetime("Quote Sent", readonly=True, copy=False)
    date_signed = fields.Datetime("Signed On", readonly=True, copy=False)
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
        now = fields.Datetime.now()
        for team, team_leads in leads.filtered("anchor_enforced").grouped("team_id").items():
            team_leads.sudo().write(
                {
                    "date_first_touch_deadline": now + timedelta(hours=team.anchor_first_touch_hours),
                    "first_touch_sla_status": "pending",
                }
            )
        enforced = leads.filtered("anchor_enforced")
        if enforced:
            self.env["crm.anchor.expectation"]._anchor_open(
                self.env["crm.anchor.kpi"]._anchor_get("first_touch"),
                [{"lead_id": lead.id, "date_deadline": lead.date_first_touch_deadline} for lead in enforced],
            )
        leads._anchor_close_fulfilled(vals_list)
        documents = {"anchor_proposal_attachment_ids", "anchor_quote_attachment_ids"}
        leads.browse(
            [lead.id for lead, vals in zip(leads, vals_list, strict=True) if documents & set(vals)]
        )._anchor_stamp_documents()
        leads._anchor_enter_stage({})
        return leads

    def write(self, vals):
        refuse_server_facts(self, [vals])
        previous_stages = {lead: lead.stage_id for lead in self} if "stage_id" in vals else {}
        if vals.get("active") is False:
            self._anchor_mark_misjudged()
        result = super().write(vals)
        self._anchor_close_fulfilled([vals] * len(self))
        if "anchor_proposal_attachment_ids" in vals or "anchor_quote_attachment_ids" in vals:
            self._anchor_stamp_documents()
        if previous_stages:
            moved = self.filtered(lambda lead: lead.stage_id != previous_stages[lead])
            moved._anchor_enter_stage(previous_stages)
        return result

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
    # Stage gates
    # ------------------------------------------------------------------

    def _anchor_enter_stage(self, previous_stages):
        """Check the gates of the stage each lead just entered, then record the
        facts entering it establishes. Runs after the write so that evidence
        given in the same write counts. ``previous_stages``: {lead: stage}."""
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
        signed = enforced.filtered(lambda lead: lead.anchor_stage_code == "signed" and not lead.date_signed)
        if signed:
            signed.sudo().write({"date_signed": fields.Datetime.now()})
        enforced.filtered(
            lambda lead: lead in previous_stages and lead.stage_id.sequence < previous_stages[lead].sequence
        )._anchor_mark_misjudged()
        enforced.filtered(lambda lead: lead.anchor_stage_code == "quote")._anchor_expect_quote()
        enforced.filtered(
            lambda lead: lead.anchor_stage_code in CLOSED_STAGE_CODES and lead.anchor_overdue
        )._anchor_refresh_overdue()

    def _anchor_mark_misjudged(self):
        """A lead forced past a gate that then moves back or is lost proves the
        forced move wrong."""
        misjudged = self.filtered(lambda lead: lead.date_gate_forced and not lead.date_misjudged)
        # Not even an empty write: each write of a lead asks base_automation for its rules.
        if misjudged:
            misjudged.sudo().write({"date_misjudged": fields.Datetime.now()})

    def _anchor_expect_quote(self):
        """Entering Quote opens the obligation to send the quote in time."""
        if not self:
            return
        kpi = self.env["crm.anchor.kpi"]._anchor_get("quote_sent")
        if not kpi.active:
            return
        now = fields.Datetime.now()
        first_time = self.filtered(lambda lead: not lead.date_quote_stage)
        if first_time:
            first_time.sudo().write({"date_quote_stage": now})
        deadline = now + timedelta(hours=kpi.deadline_hours)
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

    def _anchor_stamp_documents(self):
        """Attaching a proposal or a quote document is the event that sends it."""
        now = fields.Datetime.now()
        for documents, field in (
            ("anchor_proposal_attachment_ids", "date_proposal_sent"),
            ("anchor_quote_attachment_ids", "date_quote_sent"),
        ):
            sent = self.filtered(
                lambda lead, documents=documents, field=field: lead[documents] and not lead[field]
            )
            if sent:
                sent.sudo().write({field: now})

    # ------------------------------------------------------------------
    # Events coming from anchors
    # ------------------------------------------------------------------

    @api.model
    def _anchor_check_loggable(self, vals_list):
        """Touches and visits are logged on opportunities their author may read:
        one on another salesperson's would show its name and move its dates."""
        # Other values than ids are left to the ORM, which refuses them.
        lead_ids = {vals["lead_id"] for vals in vals_list if type(vals.get("lead_id")) is int}
        if lead_ids:
            self.browse(lead_ids).check_access("read")

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
        for lead in earlier:
            vals = {"date_first_touch": touch_date}
            if lead in settled:
                vals["first_touch_sla_status"] = (
                    "on_time" if date_logged <= lead.date_first_touch_deadline else "late"
                )
            lead.sudo().write(vals)
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
    # Automations (called by base.automation records, see data/)
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
    # Scheduled jobs
    # ------------------------------------------------------------------

    def _anchor_overdue_query(self, lead_ids=None, limit=None):
        """The leads whose ``anchor_overdue`` is not what it should be, in one
        query: ``(id, overdue, count)`` rows, those to flag first, at most
        ``limit`` of them; ``count`` counts them all. Overdue: an active
        opportunity of an anchor-enforced team, not signed yet, without
        follow-up for longer than its team allows."""
        return SQL(
            """
            SELECT id, overdue, COUNT(*) OVER () FROM (
                SELECT lead.id,
                       COALESCE(lead.anchor_overdue, FALSE) AS flagged,
                       COALESCE(
                           team.anchor_enforced
                           AND lead.active
                           AND COALESCE(lead.anchor_stage_code, '') NOT IN %(closed)s
                           AND COALESCE(lead.date_last_followup, lead.create_date)
                               < %(now)s - make_interval(days => team.anchor_overdue_days),
                           FALSE
                       ) AS overdue
                  FROM crm_lead lead
                  LEFT JOIN crm_team team ON team.id = lead.team_id
                 WHERE (lead.anchor_overdue OR team.anchor_enforced) %(restrict)s
            ) AS leads
             WHERE overdue <> flagged
             ORDER BY overdue DESC, id
            %(limit)s
            """,
            closed=CLOSED_STAGE_CODES,
            now=fields.Datetime.now(),
            restrict=SQL("AND lead.id IN %s", tuple(lead_ids)) if lead_ids is not None else SQL(),
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )

    def _anchor_refresh_overdue(self):
        """Bring ``anchor_overdue`` of these leads in line with the facts."""
        if self:
            self._anchor_sync_overdue(self.ids)

    @api.model
    def _anchor_sync_overdue(self, lead_ids=None, limit=None):
        """Set and clear ``anchor_overdue`` and its reminders for ``lead_ids``
        (every lead when None), at most ``limit`` leads. Idempotent. Returns
        ``(done, remaining)``: leads updated, and leads left to update."""
        if lead_ids is not None and not lead_ids:
            return 0, 0
        self.env.flush_all()
        self.env.cr.execute(self._anchor_overdue_query(lead_ids, limit))
        rows = self.env.cr.fetchall()
        to_flag = self.browse([lead_id for lead_id, overdue, _count in rows if overdue]).sudo()
        to_clear = self.browse([lead_id for lead_id, overdue, _count in rows if not overdue]).sudo()
        # Empty sets are skipped: writing nothing still costs queries (automations, activity type).
        if to_flag:
            to_flag.write({"anchor_overdue": True})
            to_flag._anchor_schedule_reminders("sales_action_anchor.mail_activity_type_anchor_overdue")
        if to_clear:
            to_clear = to_clear.with_context(active_test=False)
            to_clear.write({"anchor_overdue": False})
            to_clear._anchor_close_reminders(
                "sales_action_anchor.mail_activity_type_anchor_overdue", _("Followed up.")
            )
        return len(rows), (rows[0][2] - len(rows) if rows else 0)

    @api.model
    def _anchor_sync_first_touch_sla(self, limit=None):
        """Flag leads whose first-touch deadline passed without a touch."""
        domain = [
            ("first_touch_sla_status", "=", "pending"),
            ("date_first_touch_deadline", "<", fields.Datetime.now()),
        ]
        leads = self.sudo().search(domain, limit=limit, order="id")
        if leads:
            leads.write({"first_touch_sla_status": "breached"})
        leads._anchor_schedule_reminders("sales_action_anchor.mail_activity_type_anchor_first_touch")
        return len(leads), self.sudo().search_count(domain) if limit else 0

    def _anchor_schedule_reminders(self, activity_type_xmlid):
        """One open reminder of this type per lead, for its salesperson; one create()."""
        Activity = self.env["mail.activity"].sudo()
        activity_type = Activity._anchor_type(activity_type_xmlid)
        today = fields.Date.context_today(self)
        Activity._anchor_schedule_once(
            [
                (
                    lead,
                    activity_type,
                    lead.user_id or lead.team_id.user_id or self.env.ref("base.user_root"),
                    today,
                )
                for lead in self
            ]
        )

    def _anchor_close_reminders(self, activity_type_xmlid, feedback):
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", self.env["mail.activity"]._anchor_type(activity_type_xmlid).id),
                ]
            )
        )
        activities.action_feedback(feedback=feedback)

    @api.model
    def _cron_anchor_overdue(self):
        done, remaining = self._anchor_sync_overdue(limit=CRON_BATCH_SIZE)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _cron_anchor_first_touch_sla(self):
        done, remaining = self._anchor_sync_first_touch_sla(limit=CRON_BATCH_SIZE)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

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
        self.sudo().write({"stage_id": stage.id})
        forced = self.browse([lead.id for lead in missing_by_lead])
        if forced:
            forced.sudo().write({"date_gate_forced": fields.Datetime.now()})
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
