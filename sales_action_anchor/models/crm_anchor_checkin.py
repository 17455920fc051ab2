from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from psycopg2.errors import UniqueViolation

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_list, mute_logger

PART_STATES = [
    ("pending", "Pending"),
    ("on_time", "On Time"),
    ("late", "Late"),
    ("missed", "Missed"),
    ("none", "Nothing to Check"),
]
TOP_OPPORTUNITIES = 3
# Earlier days' check-ins settled per run of the job; it is re-triggered while some are left.
CRON_BATCH_SIZE = 1000
# The parts checked against a deadline, with the team's field holding its time of day.
DEADLINE_FIELDS = {"morning": "anchor_morning_deadline", "evening": "anchor_evening_deadline"}
MORNING_REMINDER = "sales_action_anchor.mail_activity_type_anchor_checkin_morning"
EVENING_REMINDER = "sales_action_anchor.mail_activity_type_anchor_checkin_evening"


class CrmAnchorCheckin(models.Model):
    """A salesperson's three daily check-ins (每日三打卡): the morning's key
    customer and core need, every visit reported soon after it ends, and
    tomorrow's TOP 3 opportunities each with an agreed action. Each part is
    settled by the event that completes it, or marked missed by a scheduled
    job once its deadline passed; the result is stored, never recomputed."""

    _name = "crm.anchor.checkin"
    _description = "Daily Check-in"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.anchor.input.guard"]
    _order = "date desc, user_id"
    _check_company_auto = True

    _anchor_entered_fields = frozenset({"morning_partner_id", "morning_need", "top_lead_ids"})
    # Opened by the daily job, settled by the check-in actions, the visits and the job.
    _anchor_server_fields = frozenset(
        {
            "user_id",
            "team_id",
            "company_id",
            "date",
            "date_morning_done",
            "morning_state",
            "visit_count",
            "visit_in_time_count",
            "visit_state",
            "date_evening_done",
            "evening_state",
            "completed_count",
        }
    )

    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True, readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", required=True, index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(required=True, index=True, readonly=True)
    morning_partner_id = fields.Many2one("res.partner", string="Today's Key Customer")
    morning_need = fields.Char("Core Need")
    date_morning_done = fields.Datetime("Morning Check-in Done", readonly=True)
    morning_state = fields.Selection(PART_STATES, default="pending", required=True, readonly=True)
    visit_count = fields.Integer("Visits", readonly=True)
    visit_in_time_count = fields.Integer("Visits Reported in Time", readonly=True)
    visit_state = fields.Selection(PART_STATES, default="none", required=True, readonly=True)
    top_lead_ids = fields.Many2many("crm.lead", string="Tomorrow's TOP 3 Opportunities", check_company=True)
    date_evening_done = fields.Datetime("Evening Check-in Done", readonly=True)
    evening_state = fields.Selection(PART_STATES, default="pending", required=True, readonly=True)
    completed_count = fields.Integer(
        "Parts Done on Time",
        compute="_compute_completed_count",
        store=True,
        help="Check-in parts done on time that day (0 to 3; the visit part counts when every visit was "
        "reported in time, or when there was no visit).",
    )

    _sql_constraints = [
        ("user_date_unique", "unique(user_id, date)", "A salesperson has one check-in per day."),
    ]

    @api.depends("team_id.company_id", "user_id.company_id")
    def _compute_company_id(self):
        # A team shared by every company still checks in within the salesperson's company.
        for checkin in self:
            checkin.company_id = checkin.team_id.company_id or checkin.user_id.company_id

    @api.depends("morning_state", "visit_state", "evening_state")
    def _compute_completed_count(self):
        for checkin in self:
            checkin.completed_count = sum(
                state in ("on_time", "none") if part == "visit" else state == "on_time"
                for part, state in (
                    ("morning", checkin.morning_state),
                    ("visit", checkin.visit_state),
                    ("evening", checkin.evening_state),
                )
            )

    @api.depends("user_id", "date")
    def _compute_display_name(self):
        for checkin in self:
            checkin.display_name = _(
                "%(user)s – %(date)s", user=checkin.user_id.name or "", date=checkin.date or ""
            )

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------

    def _deadline(self, hour):
        """``hour`` (e.g. 8.8333 for 08:50) of the check-in's day, in the
        salesperson's timezone, as naive UTC."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or "UTC")
        local = tz.localize(datetime.combine(self.date, time.min) + timedelta(hours=hour))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _anchor_states_at(self, now):
        """{check-in id: {"morning": state, "evening": state}} as they stand at
        ``now``: a part not done yet is pending until its deadline and missed
        after it, whatever the job last stored (it runs every quarter of an
        hour, and a team may have moved its deadline since). Reads only."""
        return {
            checkin.id: {
                part: (
                    ("missed" if now > checkin._deadline(checkin.team_id[hour_field]) else "pending")
                    if checkin[f"{part}_state"] in ("pending", "missed")
                    else checkin[f"{part}_state"]
                )
                for part, hour_field in DEADLINE_FIELDS.items()
            }
            for checkin in self
        }

    def _part_state(self, done, deadline):
        return "on_time" if done <= deadline else "late"

    def _settle_part(self, part, hour_field):
        """The salesperson checks in a part of their own check-in: the server
        dates it and judges it against the team's deadline."""
        self.check_access("write")
        now = fields.Datetime.now()
        if self.date > fields.Date.context_today(self.with_user(self.user_id), now):
            raise UserError(_("This check-in is for a day that has not started yet."))
        self.sudo().write(
            {
                f"date_{part}_done": now,
                f"{part}_state": self._part_state(now, self._deadline(self.team_id[hour_field])),
            }
        )

    # ------------------------------------------------------------------
    # Events
    # ------------------------------------------------------------------

    def action_checkin_morning(self):
        self.ensure_one()
        missing = [
            label
            for label, value in (
                (_("today's key customer"), self.morning_partner_id),
                (_("its core need"), (self.morning_need or "").strip()),
            )
            if not value
        ]
        if missing:
            raise UserError(_("Morning check-in incomplete: %(items)s", items=format_list(self.env, missing)))
        self._settle_part("morning", "anchor_morning_deadline")
        self._close_reminder(MORNING_REMINDER)
        return True

    def _evening_gaps(self):
        """Tomorrow's TOP opportunities that have no agreed action with a
        reminder (an open activity of the salesperson) yet."""
        self.ensure_one()
        planned = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", self.top_lead_ids.ids),
                    ("user_id", "=", self.user_id.id),
                    ("date_deadline", ">", self.date),
                ]
            )
            .mapped("res_id")
        )
        return self.top_lead_ids.filtered(lambda lead: lead.id not in planned)

    def action_checkin_evening(self):
        self.ensure_one()
        if len(self.top_lead_ids) < TOP_OPPORTUNITIES:
            raise UserError(
                _("Choose tomorrow's TOP %(count)s opportunities first.", count=TOP_OPPORTUNITIES)
            )
        gaps = self._evening_gaps()
        if gaps:
            raise UserError(
                _(
                    "Action loop not closed, please complete: agree an action with a reminder for %(leads)s",
                    leads=format_list(self.env, gaps.mapped("name")),
                )
            )
        self._settle_part("evening", "anchor_evening_deadline")
        self._close_reminder(EVENING_REMINDER)
        return True

    @api.model
    def _anchor_visits_reported(self, visits):
        """Visits were submitted: recount the visit part of their day's check-ins."""
        days = set(visits.grouped(lambda visit: (visit.user_id.id, visit.date_visit_local_day)))
        checkins = self.search_fetch(
            [("user_id", "in", visits.user_id.ids), ("date", "in", list({day for _user, day in days}))],
            # With the states the recount's write recomputes completed_count from.
            ["user_id", "date", "team_id", "morning_state", "visit_state", "evening_state"],
        )
        for checkin in checkins:
            if (checkin.user_id.id, checkin.date) in days:
                checkin._anchor_recount_visits()

    def _anchor_recount_visits(self):
        """Every visit of the day must be submitted within the team's delay after it ends."""
        self.ensure_one()
        around = [
            ("date_visit", ">=", datetime.combine(self.date - timedelta(days=1), time.min)),
            ("date_visit", "<", datetime.combine(self.date + timedelta(days=2), time.min)),
        ]
        visits = (
            self.env["crm.anchor.visit"]
            .search_fetch(
                [("user_id", "=", self.user_id.id), ("state", "=", "submitted")] + around,
                ["user_id", "date_visit", "date_visit_end", "date_submitted"],
            )
            .filtered(lambda visit: visit.date_visit_local_day == self.date)
        )
        delay = timedelta(minutes=self.team_id.anchor_visit_report_minutes)
        in_time = visits.filtered(lambda visit: visit.date_submitted <= visit.date_visit_end + delay)
        state = "none" if not visits else "on_time" if in_time == visits else "late"
        self.sudo().write(
            {"visit_count": len(visits), "visit_in_time_count": len(in_time), "visit_state": state}
        )

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------

    @api.model
    def _cron_anchor_checkins(self):
        """Open today's check-ins, remind before each deadline, mark missed parts.
        Idempotent: one check-in per salesperson and day, one reminder per part.
        Earlier days' open parts are settled at most CRON_BATCH_SIZE at a time;
        the job reports what is left."""
        now = fields.Datetime.now()
        members = self.env["crm.team.member"].search_fetch(
            [("crm_team_id.anchor_enforced", "=", True)], ["user_id", "crm_team_id"]
        )
        team_by_user = {}
        for member in members:
            team_by_user.setdefault(member.user_id, member.crm_team_id)
        # Each salesperson's today, in their timezone (read for all of them at once).
        day_by_user = {
            user: fields.Date.context_today(self.with_context(tz=user.tz or "UTC"), now)
            for user in team_by_user
        }
        existing = self.search_fetch(
            [
                ("user_id", "in", [user.id for user in team_by_user]),
                ("date", "in", list(set(day_by_user.values()))),
            ],
            ["user_id", "date"],
        )
        opened = {(checkin.user_id, checkin.date) for checkin in existing}
        today = existing.filtered(lambda checkin: day_by_user[checkin.user_id] == checkin.date)
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                today |= self.create(
                    [
                        {"user_id": user.id, "team_id": team.id, "date": day_by_user[user]}
                        for user, team in team_by_user.items()
                        if (user, day_by_user[user]) not in opened
                    ]
                )
        except UniqueViolation:
            # Another run created them meanwhile, and settles today's check-ins.
            return
        today._anchor_remind_and_settle(now)
        # Earlier days' open parts can only be missed now (later days' are not due yet).
        stale_domain = [
            "|",
            ("morning_state", "=", "pending"),
            ("evening_state", "=", "pending"),
            ("id", "not in", today.ids),
            ("date", "<=", max(day_by_user.values(), default=fields.Date.context_today(self, now))),
        ]
        stale = self.search(stale_domain, limit=CRON_BATCH_SIZE, order="id")
        stale._anchor_remind_and_settle(now)
        remaining = self.search_count(stale_domain) if len(stale) == CRON_BATCH_SIZE else 0
        self.env["ir.cron"]._notify_progress(done=len(today) + len(stale), remaining=remaining)

    def _anchor_remind_and_settle(self, now):
        """Mark the parts past their deadline missed and remind of those due
        within the hour: a few queries per part, whatever the number of check-ins."""
        missed = defaultdict(list)
        reminders = []
        for checkin in self:
            for part, hour_field, xmlid in (
                ("morning", "anchor_morning_deadline", MORNING_REMINDER),
                ("evening", "anchor_evening_deadline", EVENING_REMINDER),
            ):
                if checkin[f"{part}_state"] != "pending":
                    continue
                deadline = checkin._deadline(checkin.team_id[hour_field])
                if now > deadline:
                    missed[part, xmlid].append(checkin.id)
                elif now >= deadline - timedelta(hours=1):
                    reminders.append((checkin, xmlid))
        for (part, xmlid), checkin_ids in missed.items():
            checkins = self.browse(checkin_ids)
            checkins.write({f"{part}_state": "missed"})
            checkins._close_reminder(xmlid)
        self._schedule_reminders(reminders)

    def _schedule_reminders(self, reminders):
        """One activity per check-in part, due today, for the salesperson."""
        if not reminders:
            return
        Activity = self.env["mail.activity"].sudo()
        model_id = self.env["ir.model"]._get_id(self._name)
        existing = {
            (activity.res_id, activity.activity_type_id.id)
            for activity in Activity.search_fetch(
                [("res_model", "=", self._name), ("res_id", "in", [checkin.id for checkin, _x in reminders])],
                ["res_id", "activity_type_id"],
            )
        }
        values = []
        for checkin, xmlid in reminders:
            activity_type = Activity._anchor_type(xmlid)
            if (checkin.id, activity_type.id) in existing:
                continue
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": checkin.id,
                    "activity_type_id": activity_type.id,
                    "summary": Activity._anchor_summary(activity_type, checkin.user_id),
                    "user_id": checkin.user_id.id,
                    "date_deadline": checkin.date,
                }
            )
        if not values:
            return
        # Claim the check-ins before reminding: a second run at the same time,
        # whose snapshot cannot see this one's reminders, then fails on these
        # rows with a serialization error and is retried (or rescheduled by
        # ir.cron), instead of creating the same reminders again.
        self.env.cr.execute(
            SQL(
                "UPDATE crm_anchor_checkin SET write_date = write_date WHERE id IN %s",
                tuple({vals["res_id"] for vals in values}),
            )
        )
        Activity._anchor_create(values)

    def _close_reminder(self, xmlid):
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", self.env["mail.activity"]._anchor_type(xmlid).id),
            ]
        ).action_feedback(feedback=_("Checked in."))
