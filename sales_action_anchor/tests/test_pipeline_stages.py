from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestPipelineStages(AnchorCase):
    """An anchor-enforced team's opportunities stay in its own stages; other
    teams keep crm's stages shared by every team."""

    def _new_opportunity(self, team):
        return (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create({"name": "新客户询价", "type": "opportunity", "team_id": team.id})
        )

    def test_new_opportunity_starts_in_the_team_lead_stage(self):
        lead = self._new_opportunity(self.team)
        self.assertEqual(lead.stage_id, self.stage["lead"])
        self.assertEqual(lead.anchor_stage_code, "lead")

    def test_other_teams_start_in_the_shared_first_stage(self):
        team = self.env["crm.team"].create({"name": "Legacy team"})
        shared = self.env["crm.stage"].search([("team_id", "=", False), ("fold", "=", False)], limit=1)
        self.assertEqual(self._new_opportunity(team).stage_id, shared)

    def test_marking_won_goes_to_signed(self):
        lead = self._lead("quote", date_proposal_sent=NOW, date_quote_sent=NOW)
        lead.action_set_won()
        self.assertEqual(lead.stage_id, self.stage["signed"])

    def test_shared_stages_come_first(self):
        # A view mixing teams shows each pipeline in one piece.
        shared = self.env["crm.stage"].search([("team_id", "=", False)])
        self.assertLess(max(shared.mapped("sequence")), min(s.sequence for s in self.stage.values()))
