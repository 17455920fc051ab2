"""The access matrix (tests/access_matrix.py), its routes and RPC methods:
each persona calls every route and RPC method about salesperson A's records
(company 1) and about the other company's, logged in over HTTP. One test per
route and persona, generated from the tables."""

import io
import json
from datetime import timedelta
from urllib.parse import urlencode

import openpyxl

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .access_fixture import AccessFixture
from .access_matrix import NOT_APPLICABLE, PERSONAS, ROUTES

RPC_ERRORS = {
    "odoo.exceptions.AccessError": "denied",
    "odoo.http.SessionExpiredException": "login",
}


@tagged("post_install", "-at_install")
class TestRouteAccess(AccessFixture, HttpCase):
    """Each persona × route or RPC method, about the company 1 target (team 1,
    salesperson A, A's records) and the company 2 target, logged in over HTTP.
    Each call is classified by what it answers; the table says which answer is right."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_fixture()
        today = fields.Date.today()
        cls.period = [(today - timedelta(days=30)).isoformat(), (today + timedelta(days=3)).isoformat()]

    # -- transport -------------------------------------------------------

    def _login(self, persona):
        if persona == "public":
            self.authenticate(None, None)
        else:
            login = self.users[persona].login
            self.authenticate(login, login)

    def _rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw", {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        )

    def _page(self, url):
        """("login" | "denied" | None, response) for a GET."""
        response = self.url_open(url, allow_redirects=False)
        if response.status_code in (301, 302, 303) and "/web/login" in response.headers.get("Location", ""):
            return "login", response
        if response.status_code == 403:
            return "denied", response
        self.assertEqual(response.status_code, 200, response.text[:500])
        return None, response

    def _route_outcome(self, route, target, persona):
        try:
            return getattr(self, f"_call_{route}")(target, persona)
        except JsonRpcException as error:
            if str(error) in RPC_ERRORS:
                return RPC_ERRORS[str(error)]
            raise

    def _traceless(self, answer, target, persona):
        """True when no name or text of the target appears in the answer."""
        text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False, default=str)
        leaked = [marker for marker in self._markers(target, persona) if marker in text]
        self.assertFalse(leaked, f"{PERSONAS[persona]} sees traces of target {target}: {leaked}")
        return True

    def _scope(self, target):
        return {"team_ids": self.records[target]["team"].ids, "user_ids": self.records[target]["owner"].ids}

    # -- one method per route: call it, classify the answer ----------------

    def _call_dashboard_xlsx(self, target, persona):
        scope = self._scope(target)
        query = {
            "date_from": self.period[0],
            "date_to": self.period[1],
            "team_ids": ",".join(map(str, scope["team_ids"])),
            "user_ids": ",".join(map(str, scope["user_ids"])),
        }
        refused, response = self._page(f"/sales_action_anchor/dashboard/xlsx?{urlencode(query)}")
        if refused:
            return refused
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
        text = "\n".join(str(cell.value) for cell in cells if cell.value is not None)
        stages = workbook["Stages"]
        opportunities = sum(stages.cell(row, 2).value for row in range(5, 11))
        if opportunities and self.records[target]["owner"].name in text:
            return "rows"
        self.assertEqual(opportunities, 0)
        expected = [row[2].value for row in workbook["Penetration"].iter_rows(min_row=5) if row[1].value]
        self.assertFalse(any(isinstance(value, int | float) and value for value in expected))
        return "none" if self._traceless(text, target, persona) else "leak"

    def _call_dashboard_get_data(self, target, persona):
        data = self._rpc("crm.anchor.dashboard", "get_data", *self.period, **self._scope(target))
        owner = self.records[target]["owner"]
        if any(row["user_id"] == owner.id for row in data["ranking"]["rows"]):
            self.assertTrue(sum(stage["count"] for stage in data["stages"]))
            return "rows"
        figures = [stage["count"] for stage in data["stages"]] + [data["overdue"]["count"]]
        for kpi in data["penetration"]:
            figures += [kpi["expected"], *(point["expected"] for point in kpi["trend"])]
        figures += [data["business"]["demand_heat"]["count"], data["business"]["trust"]["signed"]]
        self.assertFalse(any(figures), figures)
        self.assertFalse([row for row in data["before_after"] if row["before"] or row["after"]])
        self.assertNotIn(owner.id, [user["id"] for user in data["filters"]["users"]])
        return "none" if self._traceless(data, target, persona) else "leak"

    def _call_morning_get_data(self, target, persona):
        data = self._rpc("crm.anchor.morning", "get_data", *self.period, **self._scope(target))
        owner = self.records[target]["owner"]
        if any(cell["user_id"] == owner.id for cell in data["heatmap"]["cells"]):
            return "rows"
        self.assertFalse(data["heatmap"]["cells"] or data["heatmap"]["users"] or data["words"])
        self.assertFalse(data["trend"]["daily"] or data["trend"]["by_user"])
        self.assertFalse(data["newcomers"]["rows"])
        self._assert_no_pilot_figures(data["pilot"], owner)
        return "none" if self._traceless(data, target, persona) else "leak"

    def _call_pilot_get_comparison(self, target, persona):
        scope = self._scope(target)
        data = self._rpc("crm.anchor.pilot", "get_comparison", *self.period, team_ids=scope["team_ids"])
        owner = self.records[target]["owner"]
        if owner.id in data["others"]["users"] and data["others"]["checkin_rate"] is not False:
            return "rows"
        self._assert_no_pilot_figures(data, owner)
        return "none" if self._traceless(data, target, persona) else "leak"

    def _assert_no_pilot_figures(self, pilot, owner):
        for group in pilot.values():
            self.assertNotIn(owner.id, group["users"])
            rates = [group[key] for key in ("checkin_rate", "penetration", "win_rate", "renewal_rate")]
            self.assertEqual(rates, [False] * 4)

    def _call_mobile_get_home(self, target, persona):
        data = self._rpc("crm.anchor.mobile", "get_home")
        lead = self.records[target]["crm.lead"]
        if lead.id in [row["id"] for row in data["opportunities"] + data["due"]]:
            return "rows"
        return "none" if self._traceless(data, target, persona) else "leak"

    def _call_mobile_sync_entries(self, target, persona):
        uuid = f"matrix-{persona}-{target}"
        lead = self.records[target]["crm.lead"]
        entry = {
            "client_uuid": uuid,
            "lead_id": lead.id,
            "pain_category_id": self.category.id,
            "pain_summary": f"{PERSONAS[persona]}记录：客户嫌交期太长{target}",
            "value_point": "本地仓48小时到货",
            "agreed_action": "send_quote",
            "date_next_followup": fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=2)),
            "followup_channel": "phone",
        }
        [result] = self._rpc("crm.anchor.mobile", "sync_entries", [entry])
        self.env.invalidate_all()
        created = self.env["crm.anchor.visit"].search([("client_uuid", "=", uuid)])
        if result["status"] == "created":
            self.assertEqual((created.lead_id, created.user_id), (lead, self.users[persona]))
            return "done"
        self.assertEqual(result["status"], "refused")
        self.assertFalse(created)
        return "refused" if self._traceless(result, target, persona) else "leak"

    def _call_mobile_get_entry_url(self, target, persona):
        self.assertTrue(self._rpc("crm.anchor.mobile", "get_entry_url").endswith("/odoo/anchor-mobile"))
        self.assertIn("barcode_type=QR", self._rpc("crm.anchor.mobile", "get_qr_src"))
        return "done"

    def _call_visit_by_id(self, target, persona):
        visit = self.records[target]["submitted_visit"]
        count = self._rpc("crm.anchor.visit", "search_count", [("id", "=", visit.id)])
        outcomes = set()
        for method, spec in (("read", ["pain_summary"]), ("web_read", {"pain_summary": {}})):
            try:
                [row] = self._rpc("crm.anchor.visit", method, visit.ids, spec)
                self.assertEqual(row["pain_summary"], visit.pain_summary)
                outcomes.add("rows")
            except JsonRpcException as error:
                outcomes.add(RPC_ERRORS.get(str(error), str(error)))
        self.assertEqual(len(outcomes), 1, outcomes)
        self.assertEqual(count, int(outcomes == {"rows"}))
        return outcomes.pop()

    def _call_visit_parse_quick_note(self, target, persona):
        parsed = self._rpc("crm.anchor.visit", "parse_quick_note", "客户嫌交期长，明天下午3点电话")
        self.assertEqual(parsed["followup_channel"], "phone")
        return "done"

    def _call_template_get_published(self, target, persona):
        templates = self._rpc("crm.anchor.template", "get_published_templates", self.category.id)
        template = self.records[target]["crm.anchor.template"]
        if template.id in [row["id"] for row in templates]:
            return "rows"
        self.assertNotIn(template.what_to_say, json.dumps(templates, ensure_ascii=False))
        return "none" if self._traceless(templates, target, persona) else "leak"

    def _call_template_unpublish(self, target, persona):
        template = self.records[target]["crm.anchor.template"]
        self._rpc("crm.anchor.template", "action_unpublish", template.ids)
        self.env.invalidate_all()
        self.assertEqual(template.state, "draft")
        return "done"

    def _call_template_mine(self, target, persona):
        action = self._rpc("crm.anchor.template", "action_mine_templates")
        self.assertEqual(action["tag"], "display_notification")
        return "done"

    def _call_template_use_in_visit(self, target, persona):
        template = self.records[target]["crm.anchor.template"]
        visit = self.records[target]["crm.anchor.visit"]
        self._rpc(
            "crm.anchor.template",
            "action_use_in_visit",
            template.ids,
            context={"anchor_visit_id": visit.id},
        )
        self.env.invalidate_all()
        self.assertEqual(visit.value_point, template.what_to_say)
        return "done"

    def _call_visit_reopen_wizard(self, target, persona):
        visit = self.records[target]["submitted_visit"]
        wizard = self._rpc("crm.anchor.visit.reopen", "create", {"visit_id": visit.id, "reason": "写错了"})
        self._rpc("crm.anchor.visit.reopen", "action_confirm", [wizard])
        self.env.invalidate_all()
        self.assertEqual(visit.state, "draft")
        return "done"

    def _call_stage_force_wizard(self, target, persona):
        lead = self.records[target]["crm.lead"]
        quote = self.env.ref("sales_action_anchor.stage_anchor_quote")
        wizard = self._rpc(
            "crm.anchor.stage.force", "create", {"lead_id": lead.id, "stage_id": quote.id, "reason": "客户催"}
        )
        self._rpc("crm.anchor.stage.force", "action_confirm", [wizard])
        self.env.invalidate_all()
        self.assertEqual(lead.stage_id, quote)
        return "done"

    def _call_checkin_morning(self, target, persona):
        checkin = self.records[target]["crm.anchor.checkin"]
        self._rpc("crm.anchor.checkin", "action_checkin_morning", checkin.ids)
        self.env.invalidate_all()
        self.assertTrue(checkin.date_morning_done)
        return "done"

    def _call_qr_report_user(self, target, persona):
        owner = self.records[target]["owner"]
        return self._qr_page("report_anchor_mobile_qr_user", owner.id, target, persona)

    def _call_qr_report_team(self, target, persona):
        team = self.records[target]["team"]
        return self._qr_page("report_anchor_mobile_qr_team", team.id, target, persona)

    def _qr_page(self, report, record_id, target, persona):
        refused, response = self._page(f"/report/html/sales_action_anchor.{report}/{record_id}")
        if refused:
            return refused
        self.assertIn(self.records[target]["owner"].name, response.text)
        return "rows"

    def test_qr_pdf_is_refused_like_the_html(self):
        self._login("rep_b")
        owner = self.records["a"]["owner"]
        refused, _response = self._page(
            f"/report/pdf/sales_action_anchor.report_anchor_mobile_qr_user/{owner.id}"
        )
        self.assertEqual(refused, "denied")


def _route_test(route, persona):
    def test(self):
        self._login(persona)
        for target in ("a", "x"):
            expected = ROUTES[route][target][persona]
            if expected is not NOT_APPLICABLE:
                self.assertEqual(
                    self._route_outcome(route, target, persona),
                    expected,
                    f"{PERSONAS[persona]}: {ROUTES[route]['title']} about target {target}",
                )

    test.__doc__ = f"{PERSONAS[persona]}: {ROUTES[route]['title']}, as docs/access-matrix.md says."
    return test


for _route in ROUTES:
    for _persona in PERSONAS:
        setattr(TestRouteAccess, f"test_route_{_route}_{_persona}", _route_test(_route, _persona))
