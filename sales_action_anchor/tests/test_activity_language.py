from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
class TestActivityLanguage(AnchorCase):
    """What the add-on writes for a salesperson (a reminder's summary, an
    agreed action's summary and note) is in the salesperson's language, as
    mail writes the assignment notice, whoever writes it: a scheduled job,
    which has no language, or a manager working in English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["sales_action_anchor"], ["zh_CN"], overwrite=True)
        cls.salesman.lang = "zh_CN"
        cls.manager.lang = "en_US"

    def _summary_in(self, lang, xmlid):
        activity_type = self.env.ref(xmlid).with_context(lang=lang)
        return activity_type.summary

    def _activities(self, record, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def test_the_overdue_job_reminds_in_the_salesperson_language(self):
        overdue = "sales_action_anchor.mail_activity_type_anchor_overdue"
        with freeze_time(NOW):
            quiet = self._lead()
            self._touch(quiet)
        with freeze_time(NOW + timedelta(days=4)):
            self.env.ref("sales_action_anchor.ir_cron_anchor_overdue").method_direct_trigger()
        chinese = self._summary_in("zh_CN", overdue)
        self.assertNotEqual(chinese, self._summary_in("en_US", overdue))
        self.assertEqual(self._activities(quiet, overdue).summary, chinese)

    def test_the_checkin_job_reminds_in_the_salesperson_language(self):
        morning = "sales_action_anchor.mail_activity_type_anchor_checkin_morning"
        with freeze_time(datetime(2026, 3, 2, 0, 0)):  # 08:00 in Shanghai: the morning reminder
            self.env.ref("sales_action_anchor.ir_cron_anchor_checkins").method_direct_trigger()
        checkins = self.env["crm.anchor.checkin"].search([("date", "=", "2026-03-02")])
        summaries = {
            checkin.user_id: self._activities(checkin, morning).summary
            for checkin in checkins.filtered(lambda c: c.user_id in (self.salesman | self.salesman_b))
        }
        self.assertEqual(
            summaries,
            {
                self.salesman: self._summary_in("zh_CN", morning),
                self.salesman_b: self._summary_in("en_US", morning),
            },
        )

    @freeze_time(NOW)
    def test_an_agreed_action_reads_in_the_salesperson_language(self):
        """Reported by an English-speaking manager for a Chinese salesperson."""
        visit = self._visit(
            self._lead(), user=self.manager, agreed_action="send_quote", followup_channel="video"
        )
        visit.action_submit()
        activity = visit.activity_id
        self.assertEqual(activity.user_id, self.salesman)
        labels = dict(
            visit._fields["agreed_action"]._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(activity.summary, labels["send_quote"])
        self.assertNotEqual(activity.summary, "Send quote")
        # "Agreed during the visit of 2026-03-02. Follow up by Video at 2026-03-03 18:00."
        self.assertEqual(
            activity.note, "<p>2026-03-02 拜访时约定。请于 2026-03-03 18:00 跟进，跟进方式：视频。</p>"
        )
