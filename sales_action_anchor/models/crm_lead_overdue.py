from odoo import _, api, fields, models
from odoo.tools import SQL

from ..lib.anchor_constants import CLOSED_STAGE_CODES

# Reminders created per cron run; the cron is re-triggered while work remains.
CRON_BATCH_SIZE = 1000


class CrmLead(models.Model):
    """Chasing: the follow-up overdue flag, the first-touch SLA, their
    reminders and the scheduled jobs that catch what time alone changes."""

    # One file per concept of the opportunity (see crm_lead.py), not one class of 600 lines.
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

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
