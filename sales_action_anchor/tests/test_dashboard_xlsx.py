import io
from datetime import timedelta
from urllib.parse import urlencode

import openpyxl
from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from ..lib.anchor_constants import STAGE_CODES

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAGE_NAMES = ("Lead", "Visit", "Proposal", "Quote", "Signed", "Delivery")
SHEETS = ["Stages", "Overdue", "Penetration", "Ranking", "Business figures", "Before-After"]
# 1-based row of the column headers in every sheet (rows 1-2: title and filters).
HEADER_ROW = 4


@tagged("post_install", "-at_install")
class TestDashboardXlsx(HttpCase):
    """The dashboard's Excel export, downloaded over HTTP as each user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        cls.stage = {code: cls.env.ref(f"sales_action_anchor.stage_anchor_{code}") for code in STAGE_CODES}
        cls.manager = new_test_user(
            cls.env, "xlsx_manager", groups="sales_team.group_sale_manager", name="Xlsx Manager"
        )
        cls.rep_a = new_test_user(
            cls.env,
            "xlsx_rep_a",
            groups="sales_team.group_sale_salesman",
            name="Xlsx Rep A",
            tz="Asia/Shanghai",
        )
        cls.rep_b = new_test_user(
            cls.env,
            "xlsx_rep_b",
            groups="sales_team.group_sale_salesman",
            name="Xlsx Rep B",
            tz="Asia/Shanghai",
        )
        cls.team.member_ids |= cls.manager | cls.rep_a | cls.rep_b
        cls.customer = cls.env["res.partner"].create({"name": "华东建材有限公司", "is_company": True})

        # Rep A: two leads, one opportunity in each of Visit, Proposal, Quote, Signed.
        cls._opportunity(cls.rep_a, "lead")
        cls._opportunity(cls.rep_a, "lead")
        cls._opportunity(cls.rep_a, "visit")
        proposal = cls._opportunity(cls.rep_a, "visit")
        # During the visit, the customer asked for a second quote (demand heat).
        cls._submitted_visit(
            proposal, signal_ids=[(6, 0, cls.env.ref("sales_action_anchor.signal_second_quote").ids)]
        )
        proposal.stage_id = cls.stage["proposal"]
        cls._opportunity(cls.rep_a, "quote")
        signed = cls._opportunity(cls.rep_a, "signed")
        # The customer who signed asks about delivery the same day (trust).
        cls.env["crm.anchor.touch"].with_user(cls.rep_a).create(
            {
                "lead_id": signed.id,
                "method": "phone",
                "customer_words": "什么时候能发货？",
                "evidence_attachment_ids": [
                    (0, 0, {"name": "call.png", "raw": b"call", "res_model": "crm.anchor.touch"})
                ],
                "signal_ids": [(6, 0, cls.env.ref("sales_action_anchor.signal_delivery_question").ids)],
                "state": "done",
            }
        )
        # Rep B: an opportunity in Quote, and a lead whose first-touch deadline passed.
        quote_b = cls._opportunity(cls.rep_b, "quote")
        missed = cls._opportunity(cls.rep_b, "lead")
        cls.env["crm.anchor.expectation"].search(
            [("lead_id", "=", missed.id), ("kpi_code", "=", "first_touch")]
        ).date_deadline = fields.Datetime.now() - timedelta(hours=1)
        # Both of Rep B's, and only they, were left without a follow-up past the team's limit.
        cls.team.anchor_overdue_days = 3
        with freeze_time(fields.Datetime.now() + timedelta(days=4)):
            (quote_b | missed)._anchor_refresh_overdue()
        cls.counts_a = [2, 1, 1, 1, 1, 0]
        cls.counts_both = [3, 1, 1, 2, 1, 0]

        # The period holds today and the first-touch deadlines (48 h) of the new leads.
        today = fields.Date.today()
        cls.date_from = today - timedelta(days=30)
        cls.date_to = today + timedelta(days=3)

    @classmethod
    def _opportunity(cls, user, stage):
        """An opportunity of the anchor team in ``stage``, with the evidence its gate
        asks for (written as superuser, as the facts recorded by earlier events)."""
        now = fields.Datetime.now()
        evidence = {
            "lead": {},
            "visit": {"date_first_touch": now},
            "quote": {"date_first_touch": now, "date_proposal_sent": now},
            "signed": {"date_first_touch": now, "date_proposal_sent": now, "date_quote_sent": now},
        }[stage]
        return cls.env["crm.lead"].create(
            {
                "name": f"门窗五金集采 {user.name} {stage}",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
                "user_id": user.id,
                "stage_id": cls.stage[stage].id,
                **evidence,
            }
        )

    @classmethod
    def _submitted_visit(cls, lead, **vals):
        return (
            cls.env["crm.anchor.visit"]
            .with_user(lead.user_id)
            .create(
                {
                    "lead_id": lead.id,
                    "user_id": lead.user_id.id,
                    "pain_category_id": cls.env.ref("sales_action_anchor.pain_category_price").id,
                    "pain_summary": "客户说安装太慢，影响交付",
                    "value_point": "预装配方案，安装时间减半",
                    "agreed_action": "send_proposal",
                    "date_next_followup": fields.Datetime.now() + timedelta(days=2),
                    "followup_channel": "onsite",
                    "state": "submitted",
                    **vals,
                }
            )
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _download(self, login, **params):
        self.authenticate(login, login)
        query = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat(), **params}
        return self.url_open(f"/sales_action_anchor/dashboard/xlsx?{urlencode(query)}")

    def _workbook(self, login, **params):
        response = self._download(login, **params)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.headers["Content-Type"], XLSX_CONTENT_TYPE)
        return openpyxl.load_workbook(io.BytesIO(response.content))

    def _stage_rows(self, workbook):
        """[(stage name, count)] of the Stages sheet, in pipeline order."""
        sheet = workbook.worksheets[0]
        return [
            (sheet.cell(row, 1).value, sheet.cell(row, 2).value)
            for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(STAGE_CODES))
        ]

    def _expected_stage_rows(self, counts):
        return list(zip(STAGE_NAMES, counts, strict=True))

    def _kpi_rows(self, workbook, kpi_xmlid):
        """The Penetration rows of one KPI: its six months, then the period."""
        name = self.env.ref(kpi_xmlid).name
        rows = workbook["Penetration"].iter_rows(min_row=HEADER_ROW + 1, max_col=7)
        return [row for row in rows if row[0].value == name]

    def _ids(self, *users):
        return ",".join(str(user.id) for user in users)

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_manager_downloads_the_workbook(self):
        response = self._download(self.manager.login, user_ids=self._ids(self.rep_a, self.rep_b))
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.headers["Content-Type"], XLSX_CONTENT_TYPE)
        self.assertIn(
            f"action-anchors-{self.date_from}-{self.date_to}.xlsx", response.headers["Content-Disposition"]
        )
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(workbook.sheetnames, SHEETS)

        stages = workbook["Stages"]
        header = stages.cell(HEADER_ROW, 1)
        self.assertEqual((header.value, stages.cell(HEADER_ROW, 2).value), ("Stage", "Opportunities"))
        self.assertTrue(header.font.b)
        self.assertEqual(self._stage_rows(workbook), self._expected_stage_rows(self.counts_both))
        total_row = HEADER_ROW + 1 + len(STAGE_CODES)
        self.assertEqual(stages.cell(total_row, 2).value, sum(self.counts_both))
        share = stages.cell(HEADER_ROW + 1, 3)
        self.assertAlmostEqual(share.value, 3 / 8)
        self.assertEqual(share.number_format, "0.0%")
        self.assertEqual(len(stages._charts), 1)

        overdue = workbook["Overdue"]
        self.assertEqual(
            [overdue.cell(HEADER_ROW + 1, col).value for col in (1, 2)],
            ["Opportunities not followed up in time", 2],
        )

        # Penetration: one row per KPI and month of the trend, then the KPI's period row.
        penetration = workbook["Penetration"]
        self.assertEqual(
            [penetration.cell(HEADER_ROW, col).value for col in range(1, 8)],
            ["Key action", "Month", "Expected", "Done on time", "Rate", "Target", "Habit formed"],
        )
        first_touch = self._kpi_rows(workbook, "sales_action_anchor.kpi_first_touch")
        self.assertEqual(len(first_touch), 7, "six months of trend and the period")
        self.assertEqual(first_touch[5][1].value, self.date_to.strftime("%Y-%m"))
        period = first_touch[-1]
        self.assertEqual(period[1].value, "Period total")
        # Six new leads are due: five touched in time, one past its deadline untouched.
        self.assertEqual((period[2].value, period[3].value), (6, 5))
        self.assertEqual(sum(row[2].value for row in first_touch[:6]), 6)
        month = next(row for row in first_touch[:6] if row[2].value)
        for cell in (period[4], period[5], month[4]):
            self.assertIsInstance(cell.value, float)
            self.assertEqual(cell.number_format, "0.0%")
        self.assertAlmostEqual(period[4].value, 5 / 6, places=3)
        self.assertAlmostEqual(period[5].value, 0.85)
        # 83.3 % done on time, short of the 85 % target: not a habit yet.
        self.assertEqual(period[6].value, "No")
        self.assertEqual(len(penetration._charts), 1)

        # Only Rep A submitted a visit in the period.
        ranking = workbook["Ranking"]
        self.assertEqual(
            [ranking.cell(HEADER_ROW + 1, col).value for col in (1, 2, 3)], [1, self.rep_a.name, 1]
        )
        self.assertIsNone(ranking.cell(HEADER_ROW + 2, 2).value)
        self.assertEqual(ranking.cell(HEADER_ROW + 1, 7).number_format, "0.0%")
        texts = [cell.value for cell in ranking["B"] if isinstance(cell.value, str)]
        self.assertTrue(any(text.startswith("Ranked on ") for text in texts), texts)
        self.assertTrue(any("never reach the TOP 3" in text for text in texts), texts)

        # The customer asked for a second quote during Rep A's visit, and about delivery
        # on the day it signed Rep A's one contract. No one is in the TOP 3 yet (no agreed
        # action is due), so only the newcomers' average is known: Rep A's one summary.
        business = workbook["Business figures"]
        self.assertEqual(
            [[cell.value for cell in row] for row in business.iter_rows(min_row=HEADER_ROW + 1, max_col=3)],
            [
                ["Demand heat: customers asking for a second quote", 1, "华东建材有限公司"],
                ["Trust: customers asking about delivery within 7 days of signing", 1, "华东建材有限公司"],
                ["Trust: contracts signed", 1, None],
                ["Method transfer: top performers' average summary length (characters)", None, None],
                [
                    "Method transfer: newcomers' average summary length (characters)",
                    len("客户说安装太慢，影响交付"),
                    None,
                ],
                ["Method transfer: top performers / newcomers", None, None],
            ],
        )

        before_after = workbook["Before-After"]
        self.assertEqual(before_after.cell(HEADER_ROW, 1).value, "Indicator")
        self.assertEqual(before_after.max_row, HEADER_ROW + 4)
        for row in range(HEADER_ROW + 1, HEADER_ROW + 4):
            self.assertEqual(before_after.cell(row, 3).number_format, "0.0%")

    def test_salesperson_gets_only_own_figures(self):
        # Asking for the other salesperson's figures too changes nothing.
        workbook = self._workbook(self.rep_a.login, user_ids=self._ids(self.rep_a, self.rep_b))
        self.assertEqual(self._stage_rows(workbook), self._expected_stage_rows(self.counts_a))
        period = self._kpi_rows(workbook, "sales_action_anchor.kpi_first_touch")[-1]
        self.assertEqual((period[2].value, period[3].value, period[4].value), (4, 4, 1))
        # Without a filter, none of Rep B's opportunities are counted either: the
        # manager, who sees all Rep A sees, counts at least Rep B's on top.
        own = [count for _name, count in self._stage_rows(self._workbook(self.rep_a.login))]
        everyone = [count for _name, count in self._stage_rows(self._workbook(self.manager.login))]
        counts_b = [both - a for both, a in zip(self.counts_both, self.counts_a, strict=True)]
        for stage_all, stage_own, stage_b in zip(everyone, own, counts_b, strict=True):
            self.assertGreaterEqual(stage_all - stage_own, stage_b)

    def test_bad_parameters_are_refused_with_a_message(self):
        cases = [
            ({"date_from": "2026-13-01"}, "Invalid date_from “2026-13-01”"),
            ({"date_to": "30/11/2026"}, "Invalid date_to “30/11/2026”"),
            ({"date_from": ""}, "Missing parameter date_from"),
            ({"team_ids": "1,x"}, "Invalid team_ids “1,x”"),
            ({"user_ids": "1;2"}, "Invalid user_ids “1;2”"),
            ({"date_from": "2026-12-01", "date_to": "2026-11-01"}, "must not be after"),
        ]
        for params, message in cases:
            with self.subTest(params=params):
                response = self._download(self.manager.login, **params)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertNotIn("Traceback", response.text)

    def test_headers_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sales_action_anchor"], ["zh_CN"], overwrite=True)
        self.manager.lang = "zh_CN"
        workbook = self._workbook(self.manager.login, user_ids=self._ids(self.rep_a, self.rep_b))
        self.assertEqual(workbook.sheetnames[0], "阶段分布")
        stages = workbook.worksheets[0]
        self.assertEqual(stages.cell(HEADER_ROW, 1).value, "阶段")
        # Stage names come translated from the data.
        self.assertEqual(
            self._stage_rows(workbook),
            list(zip(("线索", "拜访", "方案", "报价", "签约", "交付"), self.counts_both, strict=True)),
        )
