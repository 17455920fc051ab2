import base64
import logging
from datetime import datetime, timedelta

from odoo.tests import TransactionCase, new_test_user

NOW = datetime(2026, 3, 2, 9, 0, 0)  # a Monday, frozen in every test


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class NoErrorLogged:
    """Fail a test during which the add-on logged an error. Some paths catch
    and log instead of raising (the quick-note parser returns "nothing
    found"): without this guard, a crash there would pass the tests that
    expect nothing. A test that expects an error says so with
    ``mute_logger`` or ``assertLogs``."""

    def setUp(self):
        super().setUp()
        handler, logger = _Collect(), logging.getLogger("odoo.addons.sales_action_anchor")
        logger.addHandler(handler)
        self.addCleanup(self._assert_no_error_logged, handler)
        self.addCleanup(logger.removeHandler, handler)

    def _assert_no_error_logged(self, handler):
        messages = [f"{record.name}: {record.getMessage()}" for record in handler.records]
        self.assertFalse(messages, "the add-on logged an error during the test")


class AnchorCase(NoErrorLogged, TransactionCase):
    """An anchor-enforced team with two salespeople, a manager and a customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env["base"].with_context(tracking_disable=False, mail_notrack=False).env
        cls.team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        cls.stage = {
            code: cls.env.ref(f"sales_action_anchor.stage_anchor_{code}")
            for code in ("lead", "visit", "proposal", "quote", "signed", "delivery")
        }
        cls.category_price = cls.env.ref("sales_action_anchor.pain_category_price")
        cls.salesman = new_test_user(
            cls.env, "anchor_rep_a", groups="sales_team.group_sale_salesman", name="Rep A", tz="Asia/Shanghai"
        )
        cls.salesman_b = new_test_user(
            cls.env, "anchor_rep_b", groups="sales_team.group_sale_salesman", name="Rep B", tz="Asia/Shanghai"
        )
        cls.manager = new_test_user(
            cls.env,
            "anchor_manager",
            groups="sales_team.group_sale_manager",
            name="Manager",
            tz="Asia/Shanghai",
        )
        cls.team.member_ids = cls.salesman | cls.salesman_b
        cls.customer = cls.env["res.partner"].create({"name": "华东建材有限公司", "is_company": True})

    @classmethod
    def _lead(cls, stage="lead", user=None, team=None, **vals):
        """A salesperson's new opportunity. Facts only the server establishes
        (``date_first_touch``…) are given as the server gives them: sudo."""
        Lead = cls.env["crm.lead"].with_user(user or cls.salesman)
        if Lead._anchor_server_fields & set(vals):
            Lead = Lead.sudo()
        return Lead.create(
            {
                "name": "门窗五金集采",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": (team or cls.team).id,
                "stage_id": cls.stage[stage].id,
                "user_id": (user or cls.salesman).id,
                **vals,
            }
        ).sudo(False)

    @classmethod
    def _evidence(cls, name="wechat.txt"):
        return cls.env["ir.attachment"].create(
            {"name": name, "datas": base64.b64encode("客户：下周可以来看样品".encode())}
        )

    @classmethod
    def _touch(cls, lead, user=None, **vals):
        user = user or cls.salesman
        return (
            cls.env["crm.anchor.touch"]
            .with_user(user)
            .create(
                {
                    "lead_id": lead.id,
                    "user_id": user.id,
                    "method": "wechat",
                    "customer_words": "现在的供应商老是延期交货",
                    "evidence_attachment_ids": [(6, 0, cls._evidence().ids)],
                    "state": "done",
                    **vals,
                }
            )
        )

    @classmethod
    def _visit_vals(cls, lead, **vals):
        return {
            "lead_id": lead.id,
            "user_id": lead.user_id.id,
            "pain_category_id": cls.category_price.id,
            "pain_summary": "客户说安装太慢，影响交付",
            "value_point": "预装配方案，安装时间减半",
            "agreed_action": "arrange_demo",
            "date_next_followup": NOW + timedelta(days=1, hours=1),
            "followup_channel": "onsite",
            **vals,
        }

    @classmethod
    def _visit(cls, lead, user=None, **vals):
        return (
            cls.env["crm.anchor.visit"].with_user(user or lead.user_id).create(cls._visit_vals(lead, **vals))
        )
