from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..exceptions import InvalidFieldsError
from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestVisitAnchor(AnchorCase):
    def _assert_refused(self, visit, *fragments):
        with self.assertRaises(ValidationError) as caught:
            visit.action_submit()
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        self.assertEqual(visit.state, "draft")
        return str(caught.exception)

    def test_complete_visit_is_submitted_and_schedules_the_agreed_action(self):
        lead = self._lead()
        visit = self._visit(lead, agreed_action="send_proposal", agreed_action_note="含安装节点")
        visit.action_submit()
        self.assertEqual(visit.state, "submitted")
        self.assertEqual(visit.date_submitted, NOW)
        activity = visit.activity_id
        self.assertEqual(activity.res_model, "crm.lead")
        self.assertEqual(activity.res_id, lead.id)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("sales_action_anchor.mail_activity_type_anchor_agreed_action"),
        )
        # 2026-03-03 10:00 UTC is 18:00 the same day in Shanghai.
        self.assertEqual(str(activity.date_deadline), "2026-03-03")
        self.assertEqual(visit.action_deadline, activity.date_deadline)
        self.assertIn("含安装节点", activity.summary)
        self.assertEqual(lead.date_last_followup, visit.date_visit)

    def test_missing_elements_are_listed_in_one_message(self):
        lead = self._lead()
        visit = self._visit(lead, pain_summary=False, date_next_followup=False, followup_channel=False)
        message = self._assert_refused(
            visit,
            "Action loop not closed, please complete:",
            "pain point",
            "next follow-up time",
            "follow-up channel",
        )
        self.assertNotIn("value offered", message)
        self.assertNotIn("agreed action", message)

    def test_each_element_is_required(self):
        lead = self._lead()
        for field, label in [
            ("pain_category_id", "pain point category"),
            ("pain_summary", "pain point"),
            ("value_point", "value offered"),
            ("agreed_action", "agreed action"),
            ("date_next_followup", "next follow-up time"),
            ("followup_channel", "follow-up channel"),
        ]:
            with self.subTest(field=field):
                visit = self._visit(lead, **{field: False})
                message = self._assert_refused(visit)
                self.assertEqual(message, f"Action loop not closed, please complete: {label}")

    def test_refusal_names_the_fields_to_correct(self):
        visit = self._visit(
            self._lead(),
            pain_summary=False,
            followup_channel=False,
            value_point="省" * 51,
            date_next_followup=NOW - timedelta(minutes=1),
        )
        with self.assertRaises(InvalidFieldsError) as caught:
            visit.action_submit()
        self.assertEqual(
            caught.exception.field_names,
            ["pain_summary", "followup_channel", "value_point", "date_next_followup"],
        )
        # A ValidationError whose only argument is the message, as clients read it.
        self.assertIsInstance(caught.exception, ValidationError)
        self.assertEqual(len(caught.exception.args), 1)
        self.assertIn("50 characters", caught.exception.args[0])
        self.assertNotIn("value_point", str(caught.exception))

    def test_other_action_needs_its_details(self):
        visit = self._visit(self._lead(), agreed_action="other")
        self._assert_refused(visit, "agreed action details")
        visit.agreed_action_note = "帮客户对接物流公司"
        visit.action_submit()
        self.assertEqual(visit.state, "submitted")

    def test_message_is_translated_to_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sales_action_anchor"], ["zh_CN"], overwrite=True)
        self.salesman.lang = "zh_CN"
        visit = self._visit(self._lead(), pain_summary=False, date_next_followup=False)
        self._assert_refused(visit, "动作未闭环，请补全：", "客户痛点", "下次跟进时间")

    def test_short_summary_is_refused(self):
        lead = self._lead()
        self._assert_refused(
            self._visit(lead, pain_summary="太慢"), "too short", "4 Chinese characters", "3 words"
        )
        self._assert_refused(self._visit(lead, pain_summary="too slow"), "too short")
        self._visit(lead, pain_summary="installation is too slow").action_submit()

    def test_threshold_is_configured_on_the_team(self):
        self.team.anchor_summary_min_chars = 8
        self._assert_refused(
            self._visit(self._lead(), pain_summary="安装太慢影响交付"[:6]), "8 Chinese characters"
        )

    def test_repeated_summary_of_the_same_salesperson_is_refused(self):
        lead = self._lead()
        self._visit(lead, pain_summary="价格比同行高一成").action_submit()
        self._assert_refused(
            self._visit(lead, pain_summary="价格比同行高一成！"), "repeats one of your earlier visits"
        )
        # Another salesperson may meet the same pain point.
        lead_b = self._lead(user=self.salesman_b)
        visit_b = self._visit(lead_b, pain_summary="价格比同行高一成")
        visit_b.action_submit()
        self.assertEqual(visit_b.state, "submitted")

    def test_follow_up_must_be_in_the_future(self):
        visit = self._visit(self._lead(), date_next_followup=NOW - timedelta(minutes=1))
        self._assert_refused(visit, "must be in the future")

    def test_a_visit_cannot_be_submitted_before_it_happened(self):
        plan = self._visit(
            self._lead(), date_visit=NOW + timedelta(days=2), date_next_followup=NOW + timedelta(days=3)
        )
        self._assert_refused(plan, "cannot be in the future")
        # Within the phone's clock tolerance it is now.
        soon = self._visit(
            self._lead(), date_visit=NOW + timedelta(minutes=9), pain_summary="客户说交期总是拖一周"
        )
        soon.action_submit()
        self.assertEqual(soon.state, "submitted")

    def test_a_visit_reported_late_says_so(self):
        visit = self._visit(self._lead(), date_visit=NOW - timedelta(days=2), visit_duration=1.0)
        visit.action_submit()
        self.assertEqual(visit.date_submitted, NOW)
        self.assertEqual(visit.logged_after, "Logged 2 days after")
        on_time = self._visit(
            self._lead(),
            date_visit=NOW - timedelta(hours=1),
            visit_duration=1.0,
            pain_summary="客户说交期总是拖一周",
        )
        on_time.action_submit()
        self.assertFalse(on_time.logged_after)

    def test_value_must_fit_in_fifty_characters(self):
        visit = self._visit(self._lead(), value_point="省" * 51)
        self._assert_refused(visit, "50 characters", "51")
        visit.value_point = "省" * 50
        visit.action_submit()
        self.assertEqual(visit.state, "submitted")

    def test_rpc_create_as_submitted_goes_through_the_same_check(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.anchor.visit"].with_user(self.salesman).create(
                self._visit_vals(self._lead(), state="submitted", value_point=False)
            )
        self.assertEqual(str(caught.exception), "Action loop not closed, please complete: value offered")

    def test_form_submission(self):
        lead = self._lead()
        form = Form(self.env["crm.anchor.visit"].with_user(self.salesman))
        form.lead_id = lead
        self.assertEqual(form.partner_id, self.customer)
        form.pain_category_id = self.category_price
        form.pain_summary = "仓库盘点总是对不上"
        form.value_point = "扫码入库，日清日结"
        form.agreed_action = "send_quote"
        form.date_next_followup = NOW + timedelta(days=2)
        form.followup_channel = "phone"
        visit = form.save()
        visit.action_submit()
        self.assertEqual(visit.state, "submitted")

    def test_team_without_anchors_is_not_checked(self):
        free_team = self.env["crm.team"].create({"name": "Legacy team"})
        lead = self._lead(team=free_team, stage="lead")
        visit = self._visit(lead, pain_summary=False, value_point=False)
        visit.action_submit()
        self.assertEqual(visit.state, "submitted")

    def test_submitted_visit_is_locked_and_manager_reopens_with_reason(self):
        visit = self._visit(self._lead())
        visit.action_submit()
        with self.assertRaises(UserError) as caught:
            visit.with_user(self.salesman).pain_summary = "改一下痛点描述"
        self.assertEqual(
            str(caught.exception),
            "The visit “Visit 华东建材有限公司 2026-03-02” is submitted and locked. "
            "Ask a sales manager to reopen it.",
        )
        with self.assertRaises(AccessError) as caught:
            visit.with_user(self.salesman).action_reopen("typo")
        self.assertEqual(str(caught.exception), "Only sales managers can reopen a submitted visit.")
        with self.assertRaises(UserError) as caught:
            visit.with_user(self.manager).action_reopen("  ")
        self.assertEqual(str(caught.exception), "Give the reason for reopening the visit.")
        self.assertEqual(visit.state, "submitted")
        wizard = (
            self.env["crm.anchor.visit.reopen"]
            .with_user(self.manager)
            .create({"visit_id": visit.id, "reason": "客户名称写错"})
        )
        wizard.action_confirm()
        self.assertEqual(visit.state, "draft")
        self.assertIn("客户名称写错", visit.message_ids[0].body)
        self.assertIn("Manager", visit.message_ids[0].body)
        visit.with_user(self.salesman).pain_summary = "安装周期太长，工地等不起"
        visit.with_user(self.salesman).action_submit()
        self.assertEqual(len(self.env["mail.activity"].search([("res_id", "=", visit.lead_id.id)])), 1)

    def test_marking_the_activity_done_records_completion_on_time(self):
        visit = self._visit(self._lead(), agreed_action="send_proposal")
        visit.action_submit()
        visit.activity_id.with_user(self.salesman).action_feedback(feedback="方案已发")
        self.assertEqual(visit.date_action_done, NOW)
        self.assertTrue(visit.action_done_on_time)
        self.assertFalse(visit.activity_id)
        self.assertEqual(visit.lead_id.date_proposal_sent, NOW)

    def test_completion_field_is_labelled_as_a_date(self):
        # Issue 15: "Agreed Action Done" (约定动作已完成) read as a yes/no, over a date.
        field = self.env["crm.anchor.visit"].fields_get(["date_action_done"])["date_action_done"]
        self.assertEqual((field["type"], field["string"]), ("datetime", "Agreed Action Done On"))

    def test_marking_the_activity_done_late(self):
        visit = self._visit(self._lead(), agreed_action="send_quote")
        visit.action_submit()
        activity = visit.activity_id
        with freeze_time(NOW + timedelta(days=3)):
            activity.with_user(self.salesman).action_done()
            self.assertFalse(visit.action_done_on_time)
            self.assertEqual(visit.date_action_done, NOW + timedelta(days=3))
            self.assertEqual(visit.lead_id.date_quote_sent, NOW + timedelta(days=3))

    def test_two_visits_submitted_together_when_the_salesperson_does_not_follow_the_opportunity(self):
        lead = self._lead()
        lead.message_unsubscribe(partner_ids=self.salesman.partner_id.ids)
        visits = self._visit(lead, pain_summary="第一次拜访，确认需求") | self._visit(lead)
        visits.with_user(self.salesman).action_submit()
        self.assertEqual(visits.mapped("state"), ["submitted", "submitted"])
        self.assertEqual(len(visits.activity_id), 2)
        self.assertEqual(visits.activity_id.mapped("res_id"), [lead.id, lead.id])

    def test_history_import_checks_the_follow_up_against_the_visit_date(self):
        lead = self._lead()
        old = {"date_visit": NOW - timedelta(days=30), "date_next_followup": NOW - timedelta(days=28)}
        importer = self.env["crm.anchor.visit"].sudo()
        visit = importer.create(self._visit_vals(lead, state="submitted", **old))
        self.assertEqual(visit.state, "submitted")
        with self.assertRaises(ValidationError) as caught:
            importer.create(
                self._visit_vals(lead, state="submitted", pain_summary="补录：交期太长", **old)
                | {"date_next_followup": NOW - timedelta(days=31)}
            )
        self.assertEqual(str(caught.exception), "The next follow-up must be in the future.")
        # Only the superuser records history: a context key does not make a salesperson one.
        with self.assertRaisesRegex(ValidationError, "must be in the future"):
            self.env["crm.anchor.visit"].with_user(self.salesman).with_context(
                anchor_history_import=True
            ).create(self._visit_vals(lead, state="submitted", pain_summary="补录：价格偏高", **old))

    def test_parse_quick_note_over_rpc(self):
        Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
        parsed = Visit.parse_quick_note("客户王总说安装太慢，下周二演示新方案", now="2026-03-02 09:00:00")
        self.assertEqual(parsed["agreed_action"], "arrange_demo")
        self.assertEqual(parsed["date_next_followup"], "2026-03-10 09:00:00")
        self.assertIn("安装太慢", parsed["pain_summary"])
        parsed = Visit.parse_quick_note(
            "Buyer says inventory counts are wrong, call tomorrow 10am about the quote"
        )
        # Frozen at 2026-03-02 09:00 UTC, which is 17:00 in Shanghai: tomorrow is 3 March there.
        self.assertEqual(parsed["followup_channel"], "phone")
        self.assertEqual(parsed["date_next_followup"], "2026-03-03 10:00:00")
        with self.assertRaises(UserError) as caught:
            Visit.parse_quick_note("明天打电话", now="next week")
        # What follows the rule is Python's own wording of the parse error.
        self.assertRegex(str(caught.exception), r"^“now” must be written YYYY-MM-DD HH:MM:SS: \S")
