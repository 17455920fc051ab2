"""The access matrix (tests/access_matrix.py), asserted cell by cell.

Seven personas, one record of each model owned by salesperson A in company 1
and one owned by the other company's user; each persona tries every operation
on both, then every route and RPC method about both, over HTTP. One test per
model or route and persona, generated from the tables."""

import inspect
import io
import json
from contextlib import closing
from datetime import timedelta
from urllib.parse import urlencode

import openpyxl

from odoo import fields, http, models
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .access_matrix import DOC_PATH, MODELS, NO_ACCESS, NOT_APPLICABLE, PERSONAS, ROUTES, render

GROUPS = {
    "rep_a": "sales_team.group_sale_salesman",
    "rep_b": "sales_team.group_sale_salesman",
    "all_docs": "sales_team.group_sale_salesman_all_leads",
    "manager": "sales_team.group_sale_manager",
    "foreign": "sales_team.group_sale_salesman_all_leads",
    "portal": "base.group_portal",
}
# What each persona is called; the owners' names are looked for in every answer.
NAMES = {
    "rep_a": "Matrix Rep A",
    "rep_b": "Matrix Rep B",
    "all_docs": "Matrix All Documents",
    "manager": "Matrix Manager",
    "foreign": "Matrix Foreign Rep",
    "portal": "Matrix Portal",
}
OWNERS = {"a": "rep_a", "x": "foreign"}
# Fields that an export cannot take as they are, or that are not data.
NOT_EXPORTED = ("one2many", "binary", "properties", "properties_definition")
RPC_ERRORS = {
    "odoo.exceptions.AccessError": "denied",
    "odoo.http.SessionExpiredException": "login",
}


class AccessFixture:
    """Two companies; teams 1 and 2 in company 1, team X in company 2; the
    personas; and for each owner (A, the other company's user) an opportunity
    with a touch, a draft and a submitted visit, its ledger, a check-in and a
    published talk template of their company."""

    @classmethod
    def _build_fixture(cls):
        env = cls.env
        cls.company_1 = env.ref("base.main_company")
        cls.company_2 = env["res.company"].create({"name": "Matrix Company 2"})
        cls.stage_lead = env.ref("sales_action_anchor.stage_anchor_lead")
        cls.category = env.ref("sales_action_anchor.pain_category_price")
        cls.teams = {
            key: env["crm.team"].create({"name": name, "company_id": company.id, "anchor_enforced": True})
            for key, name, company in (
                ("a", "Matrix Team 1", cls.company_1),
                ("b", "Matrix Team 2", cls.company_1),
                ("x", "Matrix Team X", cls.company_2),
            )
        }
        cls.users = {}
        for persona, groups in GROUPS.items():
            company = cls.company_2 if persona == "foreign" else cls.company_1
            cls.users[persona] = new_test_user(
                env,
                f"matrix_{persona}",
                groups=f"{groups},base.group_allow_export",
                name=NAMES[persona],
                company_id=company.id,
                company_ids=[company.id],
                tz="Asia/Shanghai",
            )
        cls.users["public"] = env.ref("base.public_user")
        cls.users["public"].groups_id |= env.ref("base.group_allow_export")
        env["crm.team.member"].create(
            [
                {"crm_team_id": cls.teams["a"].id, "user_id": cls.users["rep_a"].id},
                {"crm_team_id": cls.teams["b"].id, "user_id": cls.users["rep_b"].id},
                {"crm_team_id": cls.teams["x"].id, "user_id": cls.users["foreign"].id},
            ]
        )
        cls.records = {target: cls._owned_records(target) for target in OWNERS}
        shared = {
            "crm.anchor.pain.category": cls.category,
            "crm.anchor.gate": env.ref("sales_action_anchor.crm_anchor_gate_quote_sent"),
            "crm.anchor.kpi": env.ref("sales_action_anchor.kpi_quote_sent"),
            "crm.anchor.signal": env.ref("sales_action_anchor.signal_second_quote"),
        }
        cls.records["a"].update(shared)

    @classmethod
    def _owned_records(cls, target):
        """The records of one owner, created as the owner where a salesperson would."""
        env = cls.env
        owner = cls.users[OWNERS[target]]
        team = cls.teams[target]
        now = fields.Datetime.now()
        customer = env["res.partner"].create(
            {"name": f"Matrix Customer {target.upper()}", "is_company": True}
        )
        lead = (
            env["crm.lead"]
            .with_user(owner)
            .create(
                {
                    "name": f"Matrix Opportunity {target.upper()}",
                    "type": "opportunity",
                    "partner_id": customer.id,
                    "team_id": team.id,
                    "user_id": owner.id,
                    "stage_id": cls.stage_lead.id,
                }
            )
        )
        evidence = env["ir.attachment"].with_user(owner).create({"name": "wechat.txt", "raw": b"ok"})
        touch = (
            env["crm.anchor.touch"]
            .with_user(owner)
            .create(
                {
                    "lead_id": lead.id,
                    "user_id": owner.id,
                    "method": "wechat",
                    "customer_words": "现在的供应商老是延期交货",
                    "evidence_attachment_ids": [fields.Command.set(evidence.ids)],
                    "state": "done",
                }
            )
        )
        Visit = env["crm.anchor.visit"].with_user(owner)
        submitted = Visit.create(
            {
                "lead_id": lead.id,
                "user_id": owner.id,
                "date_visit": now - timedelta(hours=2),
                "pain_category_id": cls.category.id,
                "pain_summary": f"矩阵客户{target.upper()}说安装太慢，影响交付",
                "value_point": "预装配方案，安装时间减半",
                "agreed_action": "arrange_demo",
                "date_next_followup": now + timedelta(days=2),
                "followup_channel": "onsite",
                "state": "submitted",
            }
        )
        draft = Visit.create({"lead_id": lead.id, "user_id": owner.id, "pain_summary": "草稿"})
        expectation = env["crm.anchor.expectation"].search(
            [("lead_id", "=", lead.id), ("kpi_code", "=", "first_touch")]
        )
        checkin = env["crm.anchor.checkin"].create(
            {
                "user_id": owner.id,
                "team_id": team.id,
                "date": fields.Date.context_today(lead.with_user(owner)),
                "morning_partner_id": customer.id,
                "morning_need": "要样品",
            }
        )
        template = env["crm.anchor.template"].create(
            {
                "company_id": team.company_id.id,
                "pain_category_id": cls.category.id,
                "pain_point": "安装太慢",
                "what_to_say": f"预装配方案{target.upper()}",
                "next_step": "provide_samples",
                "state": "published",
            }
        )
        return {
            "owner": owner,
            "team": team,
            "customer": customer,
            "submitted_visit": submitted,
            "crm.lead": lead,
            "crm.anchor.touch": touch,
            "crm.anchor.visit": draft,
            "crm.anchor.expectation": expectation,
            # The first touch was logged: its obligation is settled, counted in its day.
            "crm.anchor.ledger.day": env["crm.anchor.ledger.day"].search(
                [("user_id", "=", owner.id), ("grain", "=", "day")], limit=1
            ),
            "crm.anchor.checkin": checkin,
            "crm.anchor.template": template,
            "crm.anchor.penetration.report": env["crm.anchor.penetration.report"].browse(expectation.id),
            "crm.anchor.visit.report": env["crm.anchor.visit.report"].browse(submitted.id),
        }

    def _markers(self, target, persona):
        """Strings that only the target's data contains; the team's name too when
        the persona is of another company (team names are no secret within one)."""
        records = self.records[target]
        markers = [
            records["owner"].name,
            records["crm.lead"].name,
            records["customer"].name,
            records["submitted_visit"].pain_summary,
        ]
        if records["team"].company_id not in self.users[persona].company_ids:
            markers.append(records["team"].name)
        return markers


# ----------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------

# Per model: a harmless write, and the values of "one like it, as oneself".
WRITES = {
    "crm.lead": {"description": "Matrix"},
    # The target touch is logged: what it reported is locked, its signals are not.
    "crm.anchor.touch": {"signal_ids": [(5, 0, 0)]},
    "crm.anchor.visit": {"pain_summary": "客户说交期太长"},
    "crm.anchor.expectation": {"state": "missed"},
    "crm.anchor.ledger.day": {"expected_count": 99},
    "crm.anchor.checkin": {"morning_need": "要报价"},
    "crm.anchor.template": {"keywords": "交期"},
    "crm.anchor.penetration.report": {"state": "missed"},
    "crm.anchor.visit.report": {"summary_chars": 1},
    "crm.anchor.pain.category": {"sequence": 99},
    "crm.anchor.gate": {"sequence": 99},
    "crm.anchor.kpi": {"target": 90},
    "crm.anchor.signal": {"sequence": 99},
}


def _create_values(model, record, user):
    lead = record if model == "crm.lead" else record.lead_id if "lead_id" in record._fields else None
    values = {
        "crm.lead": lambda: {
            "name": "Matrix New Opportunity",
            "type": "opportunity",
            "team_id": record.team_id.id,
            "company_id": record.company_id.id,
            "user_id": user.id,
        },
        "crm.anchor.touch": lambda: {"lead_id": lead.id, "user_id": user.id, "method": "phone"},
        "crm.anchor.visit": lambda: {"lead_id": lead.id, "user_id": user.id},
        "crm.anchor.expectation": lambda: {
            "kpi_id": record.kpi_id.id,
            "lead_id": lead.id,
            "user_id": user.id,
            "company_id": record.company_id.id,
            "date_deadline": fields.Datetime.now(),
        },
        "crm.anchor.ledger.day": lambda: {
            "grain": "day",
            "kpi_id": record.kpi_id.id,
            "user_id": user.id,
            "company_id": record.company_id.id,
            "day": record.day,
        },
        "crm.anchor.checkin": lambda: {
            "user_id": user.id,
            "team_id": record.team_id.id,
            "date": record.date + timedelta(days=1),
        },
        "crm.anchor.template": lambda: {
            "company_id": record.company_id.id,
            "pain_category_id": record.pain_category_id.id,
            "what_to_say": "新说法",
        },
        "crm.anchor.penetration.report": dict,
        "crm.anchor.visit.report": dict,
        "crm.anchor.pain.category": lambda: {"name": f"Matrix category {user.id}"},
        "crm.anchor.gate": lambda: {"name": "Matrix gate", "code": "signed"},
        "crm.anchor.kpi": lambda: {"name": "Matrix KPI", "code": "first_touch"},
        "crm.anchor.signal": lambda: {"name": f"Matrix signal {user.id}"},
    }
    return values[model]()


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessFixture, TransactionCase):
    """Each persona × model: read, write, create, unlink and export of the
    company 1 record (A's) and of the company 2 record, exactly as the table says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_fixture()

    def test_document_is_up_to_date(self):
        self.assertEqual(
            DOC_PATH.read_text(encoding="utf-8"),
            render(),
            "docs/access-matrix.md is out of date: run python3 sales_action_anchor/tests/access_matrix.py",
        )

    def test_every_model_of_the_addon_is_in_the_matrix(self):
        # Abstract models have no records (their methods are in ROUTES), nor wizards.
        ours = {
            name
            for name, model in self.env.registry.items()
            if model._original_module == "sales_action_anchor"
            and not model._abstract
            and not model._transient
        }
        self.assertEqual(ours - set(MODELS), set())

    def test_every_route_and_rpc_method_is_in_the_matrix(self):
        titles = " ".join(spec["title"] for spec in ROUTES.values())
        routes = {
            path
            for controller in http.Controller.children_classes.get("sales_action_anchor", [])
            for _name, method in inspect.getmembers(controller, inspect.isfunction)
            for path in getattr(method, "original_routing", {}).get("routes", [])
        }
        self.assertTrue(routes)
        # The public methods of the add-on's abstract models are their RPC interface.
        methods = {
            f"{name}.{attribute}"
            for name, model in self.env.registry.items()
            if model._original_module == "sales_action_anchor" and model._abstract
            for cls in model.__mro__
            if cls.__module__.startswith("odoo.addons.sales_action_anchor.")
            for attribute, value in vars(cls).items()
            # ORM overrides (a mixin's create/write) are the models' own matrix rows.
            if callable(value) and not attribute.startswith("_") and not hasattr(models.BaseModel, attribute)
        }
        self.assertIn("crm.anchor.dashboard.get_data", methods)
        self.assertEqual({item for item in routes | methods if item not in titles}, set())

    def _assert_cell(self, model, target, persona):
        expected = MODELS[model][target][persona]
        user = self.users[persona]
        record = self.records[target][model]
        label = f"{PERSONAS[persona]} on {model} ({target})"
        self.env.invalidate_all()
        if expected is NO_ACCESS:
            self._assert_no_access(model, record, user, label)
            return
        Model = self.env[model].with_user(user)
        domain = [("id", "=", record.id)]
        names = self._exported_fields(Model)
        visible = "R" in expected
        self.assertEqual(Model.search(domain).ids, record.ids if visible else [], label)
        self.assertEqual(Model.search_count(domain), int(visible), label)
        self.assertEqual(Model._read_group(domain, [], ["__count"]), [(int(visible),)], label)
        self._assert_allowed(visible, lambda: Model.browse(record.id).read(names), label + ": read")
        self._assert_allowed(
            "W" in expected, lambda: Model.browse(record.id).write(WRITES[model]), label + ": write"
        )
        self._assert_allowed(
            "C" in expected, lambda: Model.create(_create_values(model, record, user)), label + ": create"
        )
        self._assert_allowed("U" in expected, lambda: Model.browse(record.id).unlink(), label + ": unlink")
        exported = "E" in expected
        self._assert_allowed(exported, lambda: Model.browse(record.id).export_data(names), label + ": export")
        self.assertEqual(len(Model.search_read(domain, names)), int(exported), label + ": search_read")

    def _assert_allowed(self, allowed, operation, label):
        """Run ``operation`` in a savepoint that is always rolled back: it must
        succeed (and flush) when allowed, else raise AccessError."""
        with closing(self.env.cr.savepoint()):
            if allowed:
                operation()
                self.env.flush_all()
            else:
                with self.assertRaises(AccessError, msg=label):
                    operation()
        self.env.invalidate_all()

    def _assert_no_access(self, model, record, user, label):
        Model = self.env[model].with_user(user)
        domain = [("id", "=", record.id)]
        calls = {
            "search": lambda: Model.search(domain),
            "search_count": lambda: Model.search_count(domain),
            "read_group": lambda: Model._read_group(domain, [], ["__count"]),
            "read": lambda: Model.browse(record.id).read(["display_name"]),
            "write": lambda: Model.browse(record.id).write(WRITES[model]),
            "create": lambda: Model.create(_create_values(model, record, user)),
            "unlink": lambda: Model.browse(record.id).unlink(),
            "export": lambda: Model.browse(record.id).export_data(["display_name"]),
            "search_read": lambda: Model.search_read(domain, ["display_name"]),
        }
        for name, call in calls.items():
            self._assert_allowed(False, call, f"{label}: {name}")

    @staticmethod
    def _exported_fields(Model):
        """The stored fields the user may see (fields_get hides the others); "id"
        would export an external id, which SQL views cannot have."""
        return sorted(
            name
            for name, info in Model.fields_get(attributes=["type", "store"]).items()
            if info.get("store") and info["type"] not in NOT_EXPORTED and name != "id"
        )


def _model_test(model, persona):
    def test(self):
        for target in ("a", "x"):
            if target in MODELS[model]:
                self._assert_cell(model, target, persona)

    test.__doc__ = f"{PERSONAS[persona]}: {MODELS[model]['title']}, as docs/access-matrix.md says."
    return test


for _model in MODELS:
    for _persona in PERSONAS:
        setattr(
            TestAccessMatrix,
            f"test_model_{_model.replace('.', '_')}_{_persona}",
            _model_test(_model, _persona),
        )


# ----------------------------------------------------------------------
# Routes and RPC methods, over HTTP
# ----------------------------------------------------------------------


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
        self.assertEqual(parsed["channel"], "phone")
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
