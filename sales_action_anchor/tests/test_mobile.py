import base64
from datetime import datetime
from urllib.parse import quote_plus

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import NoErrorLogged

NOW = datetime(2026, 3, 2, 9, 0, 0)  # a Monday; 17:00 in Shanghai
# A 1×1 PNG: the smallest real image.
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMobile(NoErrorLogged, TransactionCase):
    """The mobile quick entry's server side: crm.anchor.mobile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are compared in English, whatever the database's languages.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        cls.rep = new_test_user(
            cls.env,
            "anchor_mobile_rep",
            groups="sales_team.group_sale_salesman",
            name="Mobile Rep",
            tz="Asia/Shanghai",
            lang="en_US",
        )
        cls.other_rep = new_test_user(
            cls.env,
            "anchor_mobile_other",
            groups="sales_team.group_sale_salesman",
            name="Other Rep",
            tz="Asia/Shanghai",
            lang="en_US",
        )
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.team.id, "user_id": cls.rep.id},
                {"crm_team_id": cls.team.id, "user_id": cls.other_rep.id},
            ]
        )
        cls.customer = cls.env["res.partner"].create({"name": "无锡幕墙科技有限公司", "is_company": True})
        cls.lead = cls._opportunity("幕墙五金年度集采", cls.rep)
        cls.other_lead = cls._opportunity("幕墙配件试单", cls.other_rep)
        cls.category = cls.env.ref("sales_action_anchor.pain_category_price")
        cls.mobile = cls.env["crm.anchor.mobile"].with_user(cls.rep)

    @classmethod
    def _opportunity(cls, name, user, team=None):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": (team or cls.team).id,
                "user_id": user.id,
                "stage_id": cls.env.ref("sales_action_anchor.stage_anchor_lead").id,
            }
        )

    def _entry(self, uuid, lead=None, **values):
        return {
            "client_uuid": uuid,
            "lead_id": (lead or self.lead).id,
            "date_visit": "2026-03-02 08:30:00",
            "pain_category_id": self.category.id,
            "pain_summary": "客户说安装太慢，影响交付",
            "value_point": "预装配方案，安装时间减半",
            "agreed_action": "arrange_demo",
            "agreed_action_note": "",
            # Tomorrow 10:00 UTC, 18:00 in Shanghai.
            "date_next_followup": "2026-03-03 10:00:00",
            "followup_channel": "onsite",
            "quick_note": "客户嫌安装慢，约明天现场演示",
            "photo": None,
            "remind": False,
            **values,
        }

    def _visits(self, uuid):
        return self.env["crm.anchor.visit"].search([("client_uuid", "=", uuid)])

    # ------------------------------------------------------------------
    # sync_entries
    # ------------------------------------------------------------------

    def test_sync_creates_a_submitted_visit_with_its_agreed_action(self):
        [result] = self.mobile.sync_entries([self._entry("uuid-created")])
        self.assertEqual(result["status"], "created")
        self.assertEqual(result["client_uuid"], "uuid-created")
        visit = self._visits("uuid-created")
        self.assertEqual(visit.id, result["visit_id"])
        self.assertEqual(visit.state, "submitted")
        self.assertEqual(visit.user_id, self.rep)
        self.assertEqual(visit.lead_id, self.lead)
        self.assertEqual(visit.date_visit, datetime(2026, 3, 2, 8, 30))
        self.assertEqual(visit.date_next_followup, datetime(2026, 3, 3, 10, 0))
        self.assertEqual(visit.value_point, "预装配方案，安装时间减半")
        activity = visit.activity_id
        self.assertEqual((activity.res_model, activity.res_id), ("crm.lead", self.lead.id))
        self.assertEqual(activity.user_id, self.rep)
        self.assertEqual(str(activity.date_deadline), "2026-03-03")
        # The quick note is kept in the visit's chatter.
        self.assertIn("约明天现场演示", "".join(visit.message_ids.mapped("body")))

    def test_resending_an_entry_creates_nothing(self):
        entry = self._entry("uuid-twice")
        [first] = self.mobile.sync_entries([entry])
        [again] = self.mobile.sync_entries([dict(entry, value_point="另一个价值")])
        self.assertEqual(first["status"], "created")
        self.assertEqual(again["status"], "duplicate")
        self.assertEqual(again["visit_id"], first["visit_id"])
        visit = self._visits("uuid-twice")
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.value_point, "预装配方案，安装时间减半")
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", self.lead.id)]
        )
        self.assertEqual(activities, visit.activity_id)

    def test_a_refused_entry_does_not_lose_the_others(self):
        results = self.mobile.sync_entries(
            [
                self._entry("uuid-refused", value_point=""),
                self._entry("uuid-valid", pain_summary="样品交期太长，客户项目等不起"),
            ]
        )
        self.assertEqual([r["status"] for r in results], ["refused", "created"])
        refused, valid = results
        self.assertIn("Action loop not closed", refused["message"])
        self.assertIn("value offered", refused["message"])
        self.assertFalse(refused["visit_id"])
        self.assertFalse(self._visits("uuid-refused"))
        self.assertEqual(self._visits("uuid-valid").state, "submitted")
        # Corrected and resent with the same identifier, it is received.
        [resent] = self.mobile.sync_entries([self._entry("uuid-refused")])
        self.assertEqual(resent["status"], "created")

    def test_a_refusal_names_the_fields_to_mark(self):
        results = self.mobile.sync_entries(
            [
                self._entry("uuid-incomplete", value_point=" ", date_next_followup=False),
                self._entry("uuid-gone", lead_id=0),
                self._entry("uuid-complete"),
            ]
        )
        self.assertEqual([r["status"] for r in results], ["refused", "refused", "created"])
        self.assertEqual(
            [r["invalid_fields"] for r in results], [["value_point", "date_next_followup"], [], []]
        )

    def test_refusal_is_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.rep.lang = "zh_CN"
        [result] = self.mobile.with_context(lang="zh_CN").sync_entries(
            [self._entry("uuid-zh", value_point="")]
        )
        self.assertEqual(result["status"], "refused")
        self.assertIn("动作未闭环，请补全", result["message"])

    def test_malformed_entries_are_refused_one_by_one(self):
        results = self.mobile.sync_entries(
            [
                self._entry(""),
                self._entry("uuid-bad-date", date_next_followup="tomorrow"),
                self._entry("uuid-no-lead", lead_id=0),
                self._entry("uuid-bad-photo", photo={"name": "x.jpg", "data": "not base64!"}),
                self._entry("uuid-ok-after", pain_summary="报价流程太长，客户急着下单"),
            ]
        )
        self.assertEqual([r["status"] for r in results], ["refused"] * 4 + ["created"])
        self.assertTrue(all(r["message"] for r in results[:4]))
        self.assertFalse(self.env["crm.anchor.visit"].search([("client_uuid", "like", "uuid-bad")]))

    def test_photo_becomes_an_attachment_of_the_visit(self):
        [result] = self.mobile.sync_entries(
            [self._entry("uuid-photo", photo={"name": "签收单.png", "data": PNG_1PX})]
        )
        self.assertEqual(result["status"], "created")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.anchor.visit"), ("res_id", "=", result["visit_id"])]
        )
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.name, "签收单.png")
        self.assertEqual(attachment.mimetype, "image/png")
        self.assertEqual(attachment.raw, base64.b64decode(PNG_1PX))
        # Shown in the visit's chatter too.
        self.assertIn(attachment, self._visits("uuid-photo").message_ids.attachment_ids)

    def test_remind_creates_a_calendar_event_with_an_alarm(self):
        [result] = self.mobile.sync_entries([self._entry("uuid-remind", remind=True)])
        self.assertEqual(result["status"], "created")
        event = self.env["calendar.event"].search([("opportunity_id", "=", self.lead.id)])
        self.assertEqual(len(event), 1)
        self.assertEqual(event.start, datetime(2026, 3, 3, 10, 0))
        self.assertEqual(event.stop, datetime(2026, 3, 3, 10, 30))
        self.assertEqual(event.user_id, self.rep)
        self.assertIn(self.rep.partner_id, event.partner_ids)
        self.assertEqual(event.alarm_ids, self.env.ref("calendar.alarm_notif_1"))
        self.assertEqual(event.alarm_ids.duration_minutes, 15)
        self.assertEqual((event.res_model, event.res_id), ("crm.lead", self.lead.id))
        # The agreed action stays the one activity on the opportunity.
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", self.lead.id)]
        )
        self.assertEqual(activities, self._visits("uuid-remind").activity_id)

    def test_no_reminder_unless_asked(self):
        self.mobile.sync_entries([self._entry("uuid-no-remind")])
        self.assertFalse(self.env["calendar.event"].search([("opportunity_id", "=", self.lead.id)]))

    def test_salespeople_stay_within_their_own_visits(self):
        [theirs] = (
            self.env["crm.anchor.mobile"]
            .with_user(self.other_rep)
            .sync_entries([self._entry("uuid-theirs", lead=self.other_lead)])
        )
        self.assertEqual(theirs["status"], "created")
        visit = self.env["crm.anchor.visit"].browse(theirs["visit_id"])
        with self.assertRaises(AccessError) as caught:
            visit.with_user(self.rep).read(["pain_summary"])
        self.assertIn(
            f"Sorry, Mobile Rep (id={self.rep.id}) doesn't have 'read' access to:\n"
            "- Customer Visit (crm.anchor.visit)",
            str(caught.exception),
        )
        # Their identifier neither reveals their visit nor creates a second one.
        [replay] = self.mobile.sync_entries([self._entry("uuid-theirs")])
        self.assertEqual(replay["status"], "refused")
        self.assertFalse(replay["visit_id"])
        self.assertEqual(len(self._visits("uuid-theirs")), 1)
        # An opportunity the salesperson cannot read is refused.
        [foreign] = self.mobile.sync_entries([self._entry("uuid-foreign", lead=self.other_lead)])
        self.assertEqual(foreign["status"], "refused")
        self.assertFalse(self._visits("uuid-foreign"))

    # ------------------------------------------------------------------
    # get_home
    # ------------------------------------------------------------------

    def test_home_lists_the_followups_due_and_open_opportunities(self):
        # Agreed today for 18:00 in Shanghai (10:00 UTC): due today.
        self.mobile.sync_entries(
            [self._entry("uuid-due", date_next_followup="2026-03-02 10:00:00", followup_channel="phone")]
        )
        overdue_lead = self._opportunity("门窗配件补单", self.rep)
        self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": overdue_lead.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "summary": "电话确认样品",
                "date_deadline": "2026-02-27",
                "user_id": self.rep.id,
            }
        )
        later_lead = self._opportunity("展厅改造", self.rep)
        self.mobile.sync_entries(
            [
                self._entry(
                    "uuid-later",
                    lead=later_lead,
                    pain_summary="展厅灯光太暗，客户看不清样品",
                    date_next_followup="2026-03-05 02:00:00",
                )
            ]
        )
        plain_team = self.env["crm.team"].create({"name": "Plain", "anchor_enforced": False})
        plain_lead = self._opportunity("普通团队商机", self.rep, team=plain_team)
        self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": plain_lead.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "date_deadline": "2026-03-01",
                "user_id": self.rep.id,
            }
        )

        home = self.mobile.get_home()
        due = {row["id"]: row for row in home["due"]}
        self.assertEqual(set(due), {self.lead.id, overdue_lead.id})
        self.assertEqual([row["id"] for row in home["due"]], [overdue_lead.id, self.lead.id])
        today = due[self.lead.id]
        self.assertFalse(today["overdue"])
        self.assertEqual(today["date_followup"], "2026-03-02 10:00:00")
        self.assertEqual(today["channel"], "Phone")
        self.assertEqual(today["partner_name"], "无锡幕墙科技有限公司")
        self.assertTrue(due[overdue_lead.id]["overdue"])
        self.assertEqual(due[overdue_lead.id]["activity_summary"], "电话确认样品")
        # The visit logged today on the first one is shown; the call stays due until done.
        self.assertTrue(today["visited_today"])
        self.assertFalse(due[overdue_lead.id]["visited_today"])

        opportunities = {row["id"] for row in home["opportunities"]}
        self.assertEqual(opportunities, {self.lead.id, overdue_lead.id, later_lead.id, plain_lead.id})
        self.assertNotIn(self.other_lead.id, opportunities)
        self.assertIn({"id": self.category.id, "name": self.category.name}, home["pain_categories"])
        self.assertIn(["onsite", "On-site"], [list(c) for c in home["channels"]])
        self.assertIn(["arrange_demo", "Arrange demo"], [list(a) for a in home["agreed_actions"]])
        self.assertEqual(home["today"], "2026-03-02")
        self.assertEqual(home["value_max_chars"], 50)

    def test_home_says_which_sent_entries_it_includes(self):
        """A read replica may answer before it has applied a visit just sent:
        the page asks about the entries it sent and shows the others itself."""
        self.mobile.sync_entries([self._entry("uuid-mine")])
        self.env["crm.anchor.mobile"].with_user(self.other_rep).sync_entries(
            [self._entry("uuid-theirs", lead=self.other_lead)]
        )
        sent = ["uuid-mine", "uuid-not-applied-yet", "uuid-theirs", 42, "x" * 100]
        self.assertEqual(self.mobile.get_home(client_uuids=sent)["received_uuids"], ["uuid-mine"])
        self.assertEqual(self.mobile.get_home()["received_uuids"], [])
        self.assertEqual(self.mobile.get_home(client_uuids="uuid-mine")["received_uuids"], [])

    # ------------------------------------------------------------------
    # QR sheet
    # ------------------------------------------------------------------

    def _render_qr(self, report_xmlid, res_ids):
        report = self.env["ir.actions.report"]
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok":
            pdf, report_type = report._render_qweb_pdf(report_xmlid, res_ids)
            self.assertEqual(report_type, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))
        html, report_type = report._render_qweb_html(report_xmlid, res_ids)
        self.assertEqual(report_type, "html")
        return html.decode()

    def test_qr_sheet_per_salesperson(self):
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://crm.example.com")
        mobile = self.env["crm.anchor.mobile"]
        self.assertEqual(mobile.get_entry_url(), "https://crm.example.com/odoo/anchor-mobile")
        html = self._render_qr("sales_action_anchor.action_report_anchor_mobile_qr_user", self.rep.ids)
        qr_value = quote_plus("https://crm.example.com/odoo/anchor-mobile")
        self.assertIn(f"/report/barcode/?barcode_type=QR&amp;value={qr_value}&amp;width=600", html)
        self.assertIn("Mobile Rep", html)
        self.assertIn("扫码记录拜访 / Scan to log a visit", html)
        # The route draws it: a PNG.
        png = self.env["ir.actions.report"].barcode("QR", mobile.get_entry_url(), width=600, height=600)
        self.assertTrue(png.startswith(b"\x89PNG"))

    def test_qr_sheet_per_team_member(self):
        html = self._render_qr("sales_action_anchor.action_report_anchor_mobile_qr_team", self.team.ids)
        self.assertIn("Mobile Rep", html)
        self.assertIn("Other Rep", html)
        self.assertEqual(html.count('class="o_anchor_qr_code"'), len(self.team.member_ids))
        # The Print menu's route finds the report by its name, not its xmlid.
        report_name = self.env.ref("sales_action_anchor.action_report_anchor_mobile_qr_team").report_name
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report_name, self.team.ids)
        self.assertIn("Other Rep", html.decode())

    def test_qr_print_actions_are_in_the_print_menus(self):
        for xmlid, model in (
            ("sales_action_anchor.action_report_anchor_mobile_qr_user", "res.users"),
            ("sales_action_anchor.action_report_anchor_mobile_qr_team", "crm.team"),
        ):
            report = self.env.ref(xmlid)
            self.assertEqual(report.report_type, "qweb-pdf")
            self.assertEqual(report.binding_model_id.model, model)
            self.assertEqual(report.binding_type, "report")
