from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .tour_case import TourCase


@tagged("post_install", "-at_install", "anchor_tour")
class TestDashboardTour(TourCase):
    """The managers' dashboard opens the opportunities behind a stage of its donut."""

    def test_dashboard_stage_drilldown(self):
        team = self.env.ref("sales_action_anchor.crm_team_anchor")
        rep = new_test_user(
            self.env,
            "anchor_dash_rep",
            groups="sales_team.group_sale_salesman",
            name="Dash Tour Rep",
            tz="Asia/Shanghai",
        )
        manager = new_test_user(
            self.env,
            "anchor_dash_manager",
            groups="sales_team.group_sale_manager",
            name="Dash Tour Manager",
            tz="Asia/Shanghai",
        )
        team.member_ids |= rep | manager
        customer = self.env["res.partner"].create({"name": "Dash Tour Customer", "is_company": True})

        def opportunity(name, stage_code):
            lead = (
                self.env["crm.lead"]
                .with_user(rep)
                .create(
                    {
                        "name": name,
                        "type": "opportunity",
                        "partner_id": customer.id,
                        "team_id": team.id,
                        "user_id": rep.id,
                        "stage_id": self.env.ref("sales_action_anchor.stage_anchor_lead").id,
                    }
                )
            )
            if stage_code != "lead":
                # Past the stage gates without evidence: a manager's forced move.
                lead.with_user(manager).action_anchor_force_stage_to(
                    self.env.ref(f"sales_action_anchor.stage_anchor_{stage_code}").id, "test"
                )
            return lead

        opportunity("Dash Tour Lead", "lead")
        opportunity("Dash Tour Visit", "visit")
        opportunity("Dash Tour Quote A", "quote")
        opportunity("Dash Tour Quote B", "quote")

        self.start_tour(
            "/odoo/action-sales_action_anchor.crm_anchor_dashboard_action",
            "sales_action_anchor_dashboard",
            login="anchor_dash_manager",
        )

    def test_dashboard_ranking_rule(self):
        """December 2025 of a team of two: the busy-for-show salesperson (ten
        four-character summaries) completes every agreed action, the closer
        three out of five. The tour looks at the quiet week of 5-11 January."""
        team = self.env["crm.team"].create({"name": "Ranking Tour Team", "anchor_enforced": True})
        manager = new_test_user(
            self.env, "anchor_rank_manager", groups="sales_team.group_sale_manager", tz="Asia/Shanghai"
        )
        closer, busy = (
            new_test_user(
                self.env, login, groups="sales_team.group_sale_salesman", name=name, tz="Asia/Shanghai"
            )
            for login, name in (
                ("anchor_rank_closer", "Ranking Tour Closer"),
                ("anchor_rank_busy", "Ranking Tour Busy"),
            )
        )
        team.member_ids = closer | busy
        customer = self.env["res.partner"].create({"name": "Ranking Tour Customer", "is_company": True})
        category = self.env.ref("sales_action_anchor.pain_category_price")
        day = datetime(2025, 12, 15, 2, 0)

        def visits(rep, summaries, done):
            lead = (
                self.env["crm.lead"]
                .with_user(rep)
                .create(
                    {
                        "name": f"{rep.name} deal",
                        "type": "opportunity",
                        "partner_id": customer.id,
                        "team_id": team.id,
                        "user_id": rep.id,
                    }
                )
            )
            Visit = self.env["crm.anchor.visit"].with_user(rep)
            for index in range(len(summaries)):
                visit = Visit.create(
                    {
                        "lead_id": lead.id,
                        "user_id": rep.id,
                        "pain_category_id": category.id,
                        "pain_summary": summaries[index],
                        "value_point": "本地仓备货，48小时内到货",
                        "agreed_action": "send_quote",
                        "date_visit": day - timedelta(minutes=index),
                        "date_next_followup": day + timedelta(days=2),
                        "followup_channel": "wechat",
                    }
                )
                visit.action_submit()
                if index < done:
                    # Done on time, as the server records it when the activity is marked done.
                    self.env["crm.anchor.expectation"].search(
                        [("visit_id", "=", visit.id), ("kpi_code", "=", "agreed_action")]
                    ).write({"state": "done_on_time", "date_done": day + timedelta(days=1)})

        with freeze_time(day):
            visits(
                closer,
                [f"客户说供应商交期太长，旺季断货，{site}工地停工等料" for site in "东南西北中"],
                done=3,
            )
            visits(busy, [f"{surname}总再考虑" for surname in "王李张刘陈杨赵黄周吴"], done=10)
        self.start_tour(
            "/odoo/action-sales_action_anchor.crm_anchor_dashboard_action",
            "sales_action_anchor_dashboard_ranking",
            login=manager.login,
        )
