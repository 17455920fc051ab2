from unittest import SkipTest

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..lib.anchor_constants import STAGE_CODES
from .common import AnchorCase


class MyPipeline:
    """Opening CRM's "My Pipeline" as a user, and what its kanban shows."""

    @property
    def team_stages(self):
        """The anchor team's six stages, in their order."""
        return self.env["crm.stage"].browse(
            [self.env.ref(f"sales_action_anchor.stage_anchor_{code}").id for code in STAGE_CODES]
        )

    def _my_pipeline(self, user):
        """What CRM's "My Pipeline" menu opens for ``user``."""
        return self.env.ref("crm.action_your_pipeline").with_user(user).run()

    def _columns(self, user):
        """The stage columns of that pipeline's kanban, as the web client reads
        them, with the action's default filter (my opportunities)."""
        action = self._my_pipeline(user)
        Lead = self.env["crm.lead"].with_user(user).with_context(**action["context"])
        domain = [*safe_eval(action["domain"]), ("user_id", "=", user.id)]
        groups = Lead.web_read_group(domain, ["stage_id"], ["stage_id"])["groups"]
        return self.env["crm.stage"].browse([group["stage_id"][0] for group in groups])


@tagged("post_install", "-at_install")
class TestMyPipeline(MyPipeline, AnchorCase):
    """CRM's "My Pipeline" opens on the user's default team when that team
    works with anchors, showing its six stages, even those where the user has
    no opportunity yet; other teams' pipelines open as crm opens them."""

    def test_a_member_of_an_anchor_team_opens_its_pipeline(self):
        self.assertEqual(self.salesman.sale_team_id, self.team)
        action = self._my_pipeline(self.salesman)
        self.assertEqual(action["context"].get("default_team_id"), self.team.id)
        self.assertTrue(action["context"]["search_default_assigned_to_me"])
        # No opportunity yet: the six columns all the same, not crm's shared stages.
        self.assertEqual(self._columns(self.salesman), self.team_stages)
        self._lead("lead")
        self.assertEqual(self._columns(self.salesman), self.team_stages)

    def test_a_member_of_another_team_opens_crm_pipeline(self):
        team = self.env["crm.team"].create({"name": "Legacy team"})
        user = new_test_user(self.env, "legacy_rep", groups="sales_team.group_sale_salesman")
        team.member_ids = user
        action = self._my_pipeline(user)
        self.assertNotIn("default_team_id", action["context"])
        shared = self.env["crm.stage"].search([("team_id", "=", False)])
        self.assertEqual(self._columns(user), shared)


@tagged("post_install", "-at_install")
class TestDemoPipeline(MyPipeline, TransactionCase):
    """The demo's team opens CRM on the anchor pipeline: its manager, who has
    no opportunity of his own, and a salesperson with none signed yet see the
    six stages, not crm's shared ones."""

    KEYS = ("zhou_jianguo", "zhang_wei", "wang_lei", "huang_xiaodong")

    def test_the_demo_team_opens_the_anchor_pipeline(self):
        users = [
            self.env.ref(f"sales_action_anchor.user_{key}", raise_if_not_found=False) for key in self.KEYS
        ]
        if not all(users):
            raise SkipTest("the database has no demo data")
        team = self.env.ref("sales_action_anchor.crm_team_anchor")
        for user in users:
            with self.subTest(user=user.login):
                self.assertEqual(user.sale_team_id, team)
                self.assertEqual(self._my_pipeline(user)["context"].get("default_team_id"), team.id)
                self.assertEqual(self._columns(user), self.team_stages)
