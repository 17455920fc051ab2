from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "anchor_tour")
class TestDashboardTour(HttpCase):
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
