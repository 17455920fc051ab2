from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged

from .tour_case import TourCase


class MorningTour:
    """The manager's morning views over a team's last days: the heatmap from
    the first check-in to today with every mark in its legend, the completion
    trend on a time axis stopping today, the demand cloud's words at the top
    of their card; then one salesperson's check-in, and a word of the cloud
    opening the visits that mention it.

    The browser of the tour runs in UTC: the users and the company (the
    team's day) too, so that "today" is the same everywhere. A mixin: it runs
    at desktop and phone widths below."""

    def test_morning_views(self):
        self.env.company.partner_id.tz = "UTC"
        # The tours read English labels, whatever the database's languages.
        self.env["res.lang"]._activate_lang("en_US")
        team = self.env["crm.team"].create({"name": "Morning Tour Team", "anchor_enforced": True})
        rep, colleague = (
            new_test_user(
                self.env,
                login,
                groups="sales_team.group_sale_salesman",
                name=name,
                tz="UTC",
                lang="en_US",
            )
            for login, name in (
                ("anchor_morning_rep", "Morning Tour Rep"),
                ("anchor_morning_colleague", "Morning Tour Colleague"),
            )
        )
        new_test_user(
            self.env,
            "anchor_morning_manager",
            groups="sales_team.group_sale_manager",
            name="Morning Tour Manager",
            tz="UTC",
            lang="en_US",
        )
        self.env["crm.team.member"].create(
            [{"crm_team_id": team.id, "user_id": user.id} for user in (rep, colleague)]
        )
        now = fields.Datetime.now()
        today = now.date()

        # Check-ins: the salesperson's 4 and 3 days ago and today, the colleague's today only.
        Checkin = self.env["crm.anchor.checkin"].sudo()
        for user, offset, morning, evening in (
            (rep, -4, "on_time", "missed"),
            (rep, -3, "late", "on_time"),
            (rep, 0, "on_time", "pending"),
            (colleague, 0, "pending", "pending"),
        ):
            checkin = Checkin.create(
                {"user_id": user.id, "team_id": team.id, "date": today + timedelta(offset)}
            )
            checkin.write({"morning_state": morning, "evening_state": evening})
        # The colleague's morning is not due yet whenever the tour runs.
        team.anchor_morning_deadline = 23 + 59 / 60

        category = self.env.ref("sales_action_anchor.pain_category_lead_time")

        def visit(summary, at, followup_day, done_at):
            """A submitted visit whose agreed action is due on ``followup_day``
            and done at ``done_at``."""
            with freeze_time(at):
                customer = self.env["res.partner"].create(
                    {"name": f"Tour Customer {summary}", "is_company": True}
                )
                lead = (
                    self.env["crm.lead"]
                    .with_user(rep)
                    .create(
                        {
                            "name": f"Morning Tour {summary}",
                            "type": "opportunity",
                            "partner_id": customer.id,
                            "team_id": team.id,
                            "user_id": rep.id,
                            "stage_id": self.env.ref("sales_action_anchor.stage_anchor_lead").id,
                        }
                    )
                )
                record = (
                    self.env["crm.anchor.visit"]
                    .with_user(rep)
                    .create(
                        {
                            "lead_id": lead.id,
                            "user_id": rep.id,
                            "pain_category_id": category.id,
                            "pain_summary": summary,
                            "date_visit": at - timedelta(hours=1),
                            "value_point": "本地仓备货，三天到货",
                            "agreed_action": "arrange_demo",
                            "date_next_followup": datetime.combine(followup_day, time(10, 0)),
                            "followup_channel": "phone",
                            "state": "submitted",
                        }
                    )
                )
            if done_at:
                with freeze_time(done_at):
                    record.activity_id.action_feedback()
            return record

        # Agreed actions due 4 and 3 days ago and today, done in time; one due
        # tomorrow, done already: not plotted today.
        for offset, summary in (
            (-4, "样品要尽快送到工地"),
            (-3, "质保期希望延长到三年"),
            (0, "报价要含运费和安装"),
        ):
            due = today + timedelta(offset)
            visit(summary, now + timedelta(offset - 1), due, min(now, datetime.combine(due, time(9, 0))))
        visit("预算今年压缩了两成", now, today + timedelta(1), now)
        # Two visits mentioning 交期, their actions not due yet.
        for summary in ("交期太长影响开工", "交期不稳定被罚款"):
            visit(summary, now, today + timedelta(2), None)

        self.start_tour(
            "/odoo/action-sales_action_anchor.crm_anchor_morning_action",
            "sales_action_anchor_morning",
            login="anchor_morning_manager",
        )


@tagged("post_install", "-at_install", "anchor_tour")
class TestMorningTour(MorningTour, TourCase):
    allow_inherited_tests_method = True
    browser_size = "1440x900"


@tagged("post_install", "-at_install", "anchor_tour")
class TestMorningTourPhone(MorningTour, TourCase):
    allow_inherited_tests_method = True
    browser_size = "390x844"
    touch_enabled = True
