from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AnchorCase


@tagged("post_install", "-at_install")
class TestPilotGroup(AnchorCase):
    """A (pilot) wins two deals, one from a returning customer; B (not a pilot)
    wins one from a new customer and loses one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.east = cls.env["crm.team"].create({"name": "East", "anchor_enforced": True})
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.east.id, "user_id": cls.salesman.id, "anchor_pilot": True},
                {"crm_team_id": cls.east.id, "user_id": cls.salesman_b.id},
            ]
        )
        evidence = {
            "date_proposal_sent": "2026-01-01",
            "date_quote_sent": "2026-01-01",
        }
        with freeze_time(datetime(2026, 1, 15)):
            earlier = cls._lead(user=cls.salesman, team=cls.east, name="老单")
            earlier.sudo().write(evidence)
            earlier.action_set_won()
        with freeze_time(datetime(2026, 3, 5)):
            leads = {}
            for name, user in (
                ("A1", cls.salesman),
                ("A2", cls.salesman),
                ("B1", cls.salesman_b),
                ("B2", cls.salesman_b),
            ):
                leads[name] = cls._lead(user=user, team=cls.east, name=name)
                leads[name].sudo().write(evidence)
            leads["A2"].partner_id = cls.env["res.partner"].create({"name": "新客户"})
            leads["B1"].partner_id = cls.env["res.partner"].create({"name": "另一家新客户"})
            for name in ("A1", "A2", "B1"):
                leads[name].action_set_won()
            leads["B2"].action_set_lost()
            # The pilot's ledger: 2 first touches on time; B: 2 expected, none on time.
            for name in ("A1", "A2"):
                cls._touch(leads[name], user=cls.salesman)

    def test_pilot_group_against_everyone_else(self):
        with freeze_time(datetime(2026, 3, 31)):
            data = (
                self.env["crm.anchor.pilot"]
                .with_user(self.manager)
                .get_comparison("2026-03-01", "2026-03-31", team_ids=[self.east.id])
            )
        self.assertEqual(data["pilot"]["users"], [self.salesman.id])
        self.assertEqual(data["others"]["users"], [self.salesman_b.id])
        self.assertEqual((data["pilot"]["win_rate"], data["others"]["win_rate"]), (1.0, 0.5))
        self.assertEqual((data["pilot"]["renewal_rate"], data["others"]["renewal_rate"]), (0.5, 0.0))
        self.assertEqual((data["pilot"]["penetration"], data["others"]["penetration"]), (1.0, 0.0))
        self.assertEqual((data["pilot"]["checkin_rate"], data["others"]["checkin_rate"]), (False, False))

    def test_checkin_completion(self):
        Checkin = self.env["crm.anchor.checkin"]
        Checkin.create({"user_id": self.salesman.id, "team_id": self.east.id, "date": "2026-03-02"}).write(
            {"visit_state": "on_time"}
        )
        Checkin.create({"user_id": self.salesman_b.id, "team_id": self.east.id, "date": "2026-03-02"})
        with freeze_time(datetime(2026, 3, 31)):
            data = self.env["crm.anchor.pilot"].get_comparison(
                "2026-03-01", "2026-03-31", team_ids=[self.east.id]
            )
        # The pilot did one part of three (visits); B had no visit, which counts as done.
        self.assertEqual(data["pilot"]["checkin_rate"], round(1 / 3, 4))
        self.assertEqual(data["others"]["checkin_rate"], round(1 / 3, 4))
