"""Any Odoo client reads the figures: the read-only entry points answer the
same over XML-RPC (which cannot carry None), JSON-RPC and in-process, and run
on a read-only cursor (where Odoo sends @api.readonly methods, and a read
replica when one is configured)."""

import json

from odoo import api
from odoo.tests import HttpCase, tagged

from .common import AnchorCase

# (model, method, args): every read-only entry point of the add-on. An empty
# past period: every rate has nothing to divide.
ENTRY_POINTS = [
    ("crm.anchor.dashboard", "get_data", ["2020-01-01", "2020-01-31"]),
    ("crm.anchor.morning", "get_data", ["2020-01-01", "2020-01-31"]),
    ("crm.anchor.pilot", "get_comparison", ["2020-01-01", "2020-01-31"]),
    ("crm.anchor.mobile", "get_home", []),
    ("crm.anchor.visit", "parse_quick_note", ["客户痛点：安装太慢。约定明天下午3点电话沟通。"]),
    ("crm.anchor.template", "get_published_templates", [False]),
]


def contains_none(value):
    if value is None:
        return True
    if isinstance(value, dict):
        return any(contains_none(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(contains_none(item) for item in value)
    return False


@tagged("post_install", "-at_install")
class TestAnalysisClients(AnchorCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.groups_id |= cls.env.ref("sales_team.group_sale_salesman_all_leads")

    def _jsonrpc(self, model, method, args):
        self.authenticate(self.manager.login, self.manager.login)
        payload = {"model": model, "method": method, "args": args, "kwargs": {}}
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": payload}),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertNotIn("error", response, f"{model}.{method}")
        return response["result"]

    def test_every_entry_point_answers_over_xmlrpc_and_jsonrpc(self):
        for model, method, args in ENTRY_POINTS:
            with self.subTest(method=f"{model}.{method}"):
                by_xmlrpc = self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, self.manager.id, self.manager.login, model, method, args
                )
                in_process = getattr(self.env[model].with_user(self.manager), method)(*args)
                self.assertFalse(contains_none(in_process), "no None where XML-RPC cannot carry it")
                self.assertEqual(
                    json.loads(json.dumps(by_xmlrpc, default=str)), self._jsonrpc(model, method, args)
                )
        rates = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.manager.id, self.manager.login, *ENTRY_POINTS[0]
        )["penetration"]
        self.assertTrue(rates)
        self.assertTrue(all(row["rate"] is False and row["expected"] == 0 for row in rates))

    def test_every_entry_point_is_read_only_and_runs_on_a_read_only_cursor(self):
        self.env.flush_all()
        for model, method, args in ENTRY_POINTS:
            with self.subTest(method=f"{model}.{method}"):
                self.assertTrue(getattr(getattr(type(self.env[model]), method), "_readonly", False))
                with self.env.registry.cursor(readonly=True) as cr:
                    self.assertTrue(cr.readonly)
                    env = api.Environment(cr, self.manager.id, {})
                    getattr(env[model], method)(*args)
