from datetime import timedelta

import pytz

from odoo import _, fields, models


class CrmAnchorVisit(models.Model):
    """What a visit obliges, and how the obligations are followed through: its
    report, complete, soon after it happens; its agreed action, as an activity
    on the opportunity due at the next follow-up."""

    _inherit = "crm.anchor.visit"

    def _anchor_expect_report(self):
        """A visit of an anchor team must be reported, complete, soon after it happens."""
        visits = self.filtered(lambda v: v.lead_id.anchor_enforced)
        if not visits:
            return
        kpi = self.env["crm.anchor.kpi"]._anchor_get("visit_complete")
        if kpi.active:
            self.env["crm.anchor.expectation"]._anchor_open(
                kpi,
                [
                    {
                        "lead_id": visit.lead_id.id,
                        "visit_id": visit.id,
                        "user_id": visit.user_id.id,
                        "date_deadline": visit.date_visit + timedelta(hours=kpi.deadline_hours),
                    }
                    for visit in visits
                ],
            )

    def _anchor_on_submit(self):
        """A submitted visit is a follow-up, fulfils its report obligation and
        turns its agreed action into an activity on the opportunity, due at the
        next follow-up."""
        ledger = self.env["crm.anchor.expectation"]
        for date_submitted, visits in self.grouped("date_submitted").items():
            ledger._anchor_close("visit_complete", [("visit_id", "in", visits.ids)], date_submitted)
        self._anchor_schedule_agreed_action()
        planned = self.filtered(lambda v: v.lead_id.anchor_enforced and v.action_deadline)
        if planned:
            ledger._anchor_open(
                self.env["crm.anchor.kpi"]._anchor_get("agreed_action"),
                [
                    {
                        "lead_id": visit.lead_id.id,
                        "visit_id": visit.id,
                        "user_id": visit.user_id.id,
                        "date_deadline": ledger._anchor_end_of_day(visit.action_deadline, visit.user_id),
                    }
                    for visit in planned
                ],
            )
        self.lead_id._anchor_followed_up()
        self.env["crm.anchor.checkin"].sudo()._anchor_visits_reported(self)

    def _anchor_schedule_agreed_action(self):
        Activity = self.env["mail.activity"].sudo()
        activity_type = Activity._anchor_type("sales_action_anchor.mail_activity_type_anchor_agreed_action")
        to_plan = self.filtered(lambda v: v.agreed_action and v.date_next_followup)
        for visit in to_plan.filtered("activity_id"):
            visit.activity_id.sudo().write(
                Activity._anchor_in_lang_of(visit.user_id, visit)._anchor_activity_values(activity_type)
            )
            visit.sudo().action_deadline = visit.activity_id.date_deadline
        new = to_plan.filtered(lambda v: not v.activity_id)
        activities = Activity._anchor_create(
            [
                Activity._anchor_in_lang_of(visit.user_id, visit)._anchor_activity_values(activity_type)
                for visit in new
            ]
        )
        for visit, activity in zip(new, activities, strict=True):
            visit.sudo().write(
                {
                    "activity_id": activity.id,
                    "action_deadline": activity.date_deadline,
                    "date_action_done": False,
                    "action_done_on_time": False,
                }
            )

    def _anchor_activity_values(self, activity_type):
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or self.env.user.tz or "UTC")
        local_followup = pytz.utc.localize(self.date_next_followup).astimezone(tz)
        label = dict(self._fields["agreed_action"]._description_selection(self.env))[self.agreed_action]
        channel = dict(self._fields["followup_channel"]._description_selection(self.env)).get(
            self.followup_channel, ""
        )
        return {
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "res_id": self.lead_id.id,
            "activity_type_id": activity_type.id,
            "user_id": self.user_id.id,
            "date_deadline": local_followup.date(),
            "summary": " – ".join(filter(None, [label, self.agreed_action_note])),
            "note": _(
                "Agreed during the visit of %(date)s. Follow up by %(channel)s at %(time)s.",
                date=fields.Date.to_string(fields.Date.context_today(self, self.date_visit)),
                channel=channel,
                time=local_followup.strftime("%Y-%m-%d %H:%M"),
            ),
        }

    def _anchor_register_action_done(self, user_by_visit):
        """Record that each visit's agreed action was done now, and whether on
        time: by the end of its due day in the assignee's timezone."""
        now = fields.Datetime.now()
        for visit in self:
            today = fields.Date.context_today(visit.with_user(user_by_visit[visit]), now)
            visit.sudo().write(
                {"date_action_done": now, "action_done_on_time": today <= visit.action_deadline}
            )
            visit.lead_id._anchor_register_action_done(visit.agreed_action, now)
        if self:
            self.env["crm.anchor.expectation"]._anchor_close(
                "agreed_action", [("visit_id", "in", self.ids)], now
            )
