from unittest.mock import patch

from odoo import api, fields
from odoo.tests import new_test_user, tagged

from .tour_case import TourCase


@tagged("post_install", "-at_install", "anchor_tour")
class TestMobileTour(TourCase):
    """The quick visit entry on a phone-sized, touch browser."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tours read English labels, whatever the database's languages.
        cls.env["res.lang"]._activate_lang("en_US")
        team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        cls.rep = new_test_user(
            cls.env,
            "anchor_mobile_tour_rep",
            groups="sales_team.group_sale_salesman",
            name="Mobile Tour Rep",
            tz="Asia/Shanghai",
            lang="en_US",
        )
        cls.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": cls.rep.id})
        customer = cls.env["res.partner"].create({"name": "常州幕墙工程有限公司", "is_company": True})
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "幕墙门窗年度集采",
                "type": "opportunity",
                "partner_id": customer.id,
                "team_id": team.id,
                "user_id": cls.rep.id,
            }
        )

    def _visit(self):
        return self.env["crm.anchor.visit"].search([("lead_id", "=", self.lead.id)])

    def test_log_a_visit_from_a_quick_note(self):
        """Needs crm.anchor.visit.parse_quick_note (the "Fill from note" step)."""
        self.start_tour("/odoo/anchor-mobile", "sales_action_anchor_mobile_entry", login=self.rep.login)
        visit = self._visit()
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.state, "submitted")
        self.assertEqual(visit.user_id, self.rep)
        self.assertTrue(visit.client_uuid)
        self.assertEqual(visit.pain_category_id, self.env.ref("sales_action_anchor.pain_category_lead_time"))
        self.assertIn("安装", visit.pain_summary)
        self.assertIn("预装配", visit.value_point)
        self.assertEqual(visit.agreed_action, "arrange_demo")
        self.assertEqual(visit.followup_channel, "phone")
        self.assertGreater(visit.date_next_followup, fields.Datetime.now())
        self.assertTrue(visit.activity_id)
        self.assertIn("安排演示", "".join(visit.message_ids.mapped("body")))

    def _due_today(self):
        # A follow-up due today puts the opportunity at the top of the page.
        self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": self.lead.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "summary": "回访样品",
                "date_deadline": fields.Date.context_today(self.lead.with_user(self.rep)),
                "user_id": self.rep.id,
            }
        )

    def test_refused_then_offline_visit_is_sent_when_back_online(self):
        self._due_today()
        self.start_tour("/odoo/anchor-mobile", "sales_action_anchor_mobile_offline", login=self.rep.login)
        visit = self._visit()
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.state, "submitted")
        self.assertEqual(visit.value_point, "预装配方案，安装时间减半")
        self.assertEqual(visit.agreed_action, "arrange_demo")
        self.assertEqual(visit.followup_channel, "phone")
        # The photo taken before the refusal, and the note typed after it, came
        # through with the correction.
        self.assertEqual(visit.message_ids.attachment_ids.mapped("mimetype"), ["image/jpeg"])
        self.assertIn("客户要样品", "".join(visit.message_ids.mapped("body")))
        # 2099-01-06 10:00 in Shanghai.
        self.assertEqual(fields.Datetime.to_string(visit.date_next_followup), "2099-01-06 02:00:00")
        event = self.env["calendar.event"].search([("opportunity_id", "=", self.lead.id)])
        self.assertEqual(event.start, visit.date_next_followup)
        self.assertEqual(event.alarm_ids, self.env.ref("calendar.alarm_notif_1"))

    def test_a_visit_just_sent_shows_while_the_replica_lags(self):
        """Read-your-writes: the home page is read-only, served by a read
        replica when there is one, which may not have applied the visit yet."""
        self._due_today()
        mobile_class = type(self.env["crm.anchor.mobile"])
        get_home = mobile_class.get_home
        first = {}

        @api.readonly
        @api.model
        def lagging_replica(model, client_uuids=None):
            """A replica that has applied nothing since the page opened."""
            if not first:
                first.update(get_home(model, client_uuids))
            return dict(first, received_uuids=[])

        with patch.object(mobile_class, "get_home", lagging_replica):
            self.start_tour(
                "/odoo/anchor-mobile", "sales_action_anchor_mobile_replica_lag", login=self.rep.login
            )
        self.assertEqual(len(self._visit()), 1)
        self.assertFalse(first["due"][0]["visited_today"])
