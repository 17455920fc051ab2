import re
from unittest import SkipTest

from odoo.osv import expression
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext

MODULE = "sales_action_anchor"
# Han characters: what a Chinese text has and an English one has not.
CJK = re.compile(r"[\u4e00-\u9fff]")
# Latin words: in the demo's Chinese texts, only names of its own (products, the bot).
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@tagged("post_install", "-at_install")
class TestDemoLanguage(TransactionCase):
    """The demo is a Chinese team's: its people work in Chinese, and what the
    server wrote for them while the demo was created (inbox notices, activities,
    chatter) is in Chinese, as if they had worked in it all along. Its amounts
    are in yuan. Run on a database installed with demo data and without
    --load-language, as CI installs it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data = cls.env["ir.model.data"].search([("module", "=", MODULE)])
        by_model = {}
        for row in data:
            by_model.setdefault(row.model, []).append(row.res_id)
        cls.users = cls.env["res.users"].browse(by_model.get("res.users", []))
        if not cls.users:
            raise SkipTest("the database has no demo data")
        cls.leads = cls.env["crm.lead"].with_context(active_test=False).browse(by_model["crm.lead"])
        cls.customers = cls.env["res.partner"].browse(by_model["res.partner"])
        # The demo's own names may hold Latin letters (PPR给水管, YJV电力电缆…), as may the bot's.
        cls.own_words = set(LATIN_WORD.findall(" ".join(cls.leads.mapped("name")))) | {
            cls.env.ref("base.partner_root").name
        }
        # The demo's records with a chatter: its own, and the check-ins its jobs opened.
        cls.records = {
            model: by_model.get(model, [])
            for model in (
                "crm.lead",
                "crm.anchor.visit",
                "crm.anchor.touch",
                "crm.team.member",
                "res.partner",
            )
        }
        cls.records["crm.anchor.checkin"] = (
            cls.env["crm.anchor.checkin"].search([("user_id", "in", cls.users.ids)]).ids
        )

    def assertChinese(self, text, what):
        self.assertRegex(text, CJK, f"{what} is not in Chinese: {text!r}")
        english = set(LATIN_WORD.findall(text)) - self.own_words
        self.assertFalse(english, f"{what} has English words {sorted(english)}: {text!r}")

    def test_the_team_and_its_customers_speak_chinese(self):
        self.assertEqual(len(self.users), 9)
        self.assertEqual(set(self.users.mapped("lang")), {"zh_CN"})
        self.assertEqual(set(self.customers.mapped("lang")), {"zh_CN"})

    def test_inbox_notices_are_in_chinese(self):
        notices = self.env["mail.notification"].search(
            [("res_partner_id", "in", self.users.partner_id.ids), ("notification_type", "=", "inbox")]
        )
        self.assertGreater(len(notices), 100)
        for message in notices.mail_message_id:
            self.assertChinese(message.subject, f"subject of inbox message {message.id}")
            self.assertChinese(html2plaintext(message.body), f"inbox message {message.id}")

    def test_activities_are_in_chinese(self):
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.leads.ids)]
        )
        self.assertGreater(len(activities), 100)
        for activity in activities:
            self.assertChinese(activity.summary, f"summary of activity {activity.id}")
        with_note = activities.filtered("note")
        # The agreed actions of the submitted visits still open.
        self.assertGreater(len(with_note), 20)
        for activity in with_note:
            self.assertChinese(html2plaintext(activity.note), f"note of activity {activity.id}")

    def test_chatter_is_in_chinese(self):
        domain = expression.OR(
            [[("model", "=", model), ("res_id", "in", ids)] for model, ids in self.records.items()]
        )
        messages = self.env["mail.message"].search(domain).filtered(lambda m: html2plaintext(m.body).strip())
        # Among them: "Customer Visit created", "Agreed Action done", "A new lead has been created…"
        self.assertGreater(len(messages), 500)
        self.assertEqual(set(messages.mapped("model")), set(self.records))
        for message in messages:
            self.assertChinese(html2plaintext(message.body), f"{message.model} message {message.id}")

    def test_amounts_are_in_yuan(self):
        cny = self.env.ref("base.CNY")
        self.assertEqual(self.env.ref("base.main_company").currency_id, cny)
        self.assertEqual(self.leads.company_currency, cny)
