"""Facts no one can forge: the integrity matrix.

Every stored field the add-on defines is either entered by a person or
established by the server (``_anchor_entered_fields`` / ``_anchor_server_fields``,
see crm.anchor.input.guard). The matrix is generated from those definitions:
every server-established field × every persona (salesperson, "All Documents"
user, sales manager, another company's user, each on a record they may write)
× every path (create, write, import with ``load``, and write with every context
key that ever unlocked something) is refused and changes nothing."""

import json
from contextlib import closing
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from .access_fixture import AccessFixture, _create_values
from .access_matrix import SERVER_FACTS

# Each persona on the record it owns or may write: the field check, not a record rule, refuses.
PERSONA_TARGETS = {"rep_a": "a", "all_docs": "a", "manager": "a", "foreign": "x"}
# Context keys a client could send; some once unlocked, forced or backdated.
CONTEXT_KEYS = {
    "anchor_visit_reopen": True,
    "anchor_force_reason": "trust me",
    "anchor_history_import": True,
    "install_mode": True,
    "import_file": True,
    "tracking_disable": True,
    "active_test": False,
}
# Not fields of a table: Odoo's own columns and computed names.
ODOO_FIELDS = {*models.MAGIC_COLUMNS, "display_name"}


def classified_models(env):
    """The add-on's models and the models it extends, with the stored fields it defines."""
    result = {}
    for name, model in env.registry.items():
        if model._transient or model._abstract or not model._auto:
            continue
        own = {
            field_name
            for field_name, field in model._fields.items()
            if field.store and field._module == "sales_action_anchor" and field_name not in ODOO_FIELDS
        }
        if own:
            result[name] = own
    return result


def forged_value(env, field, current):
    """A value of the field's type that is neither its current value nor its
    default: what someone forging the fact would send."""
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 7
    if field.type == "date":
        return "2021-06-01"
    if field.type == "datetime":
        return "2021-06-01 08:00:00"
    if field.type == "selection":
        default = field.default(env[field.model_name]) if field.default else None
        values = [value for value, _label in field._description_selection(env)]
        return next(value for value in values if value not in (current, default))
    if field.type in ("many2one", "many2many"):
        comodel = env[field.comodel_name].sudo().with_context(active_test=False)
        other = comodel.search([("id", "not in", current.ids)], limit=1, order="id desc")
        return other.id if field.type == "many2one" else [fields.Command.set(other.ids)]
    return "forged"


def load_cell(field, value):
    """The import header and cell of ``value``."""
    if field.type == "many2one":
        return f"{field.name}/.id", str(value)
    if field.type == "many2many":
        return f"{field.name}/.id", ",".join(str(record_id) for record_id in value[0][2])
    if field.type == "boolean":
        return field.name, "1" if value else "0"
    return field.name, str(value)


@tagged("post_install", "-at_install")
class TestFieldClassification(TransactionCase):
    def test_every_stored_field_is_classified(self):
        models_fields = classified_models(self.env)
        self.assertIn("crm.lead", models_fields)
        self.assertIn("crm.anchor.visit", models_fields)
        for name, own in models_fields.items():
            Model = self.env[name]
            entered = getattr(Model, "_anchor_entered_fields", frozenset())
            server = getattr(Model, "_anchor_server_fields", frozenset())
            with self.subTest(model=name):
                self.assertEqual(own - entered - server, set(), f"{name}: classify these fields")
                self.assertEqual(entered & server, set(), f"{name}: entered and established at once")
                self.assertEqual((entered | server) - own, set(), f"{name}: classified but not stored here")
                # A stored value computed from others is the server's, whoever could write it.
                computed = {
                    field_name
                    for field_name in own
                    if Model._fields[field_name].compute and Model._fields[field_name].readonly
                }
                self.assertEqual(computed - server, set(), f"{name}: computed, hence established")
                # docs/access-matrix.md says which event establishes each of them.
                self.assertEqual(set(SERVER_FACTS.get(name, {})), set(server), f"{name}: SERVER_FACTS")


@tagged("post_install", "-at_install")
class TestIntegrityMatrix(AccessFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_fixture()
        for target in PERSONA_TARGETS.values():
            records = cls.records[target]
            records.setdefault("crm.anchor.kpi", cls.records["a"]["crm.anchor.kpi"])
            records.setdefault("crm.anchor.gate", cls.records["a"]["crm.anchor.gate"])

    def _cases(self):
        for model_name in sorted(classified_models(self.env)):
            Model = self.env[model_name]
            for field_name in sorted(getattr(Model, "_anchor_server_fields", ())):
                for persona, target in PERSONA_TARGETS.items():
                    record = self.records[target].get(model_name)
                    self.assertTrue(record, f"no {model_name} record to try")
                    yield Model._fields[field_name], persona, record

    def _assert_refused(self, field, user, mode, operation):
        """``operation`` raises: AccessError for who may not ``mode`` the
        model at all, else the translated refusal naming the field."""
        may = self.env["ir.model.access"].with_user(user).check(field.model_name, mode, False)
        with self.assertRaises(UserError) as caught:
            operation()
        if may:
            self.assertNotIsInstance(caught.exception, AccessError)
            message = str(caught.exception)
            self.assertIn(field.string, message)
            self.assertIn("established by the system", message)
        else:
            self.assertIsInstance(caught.exception, AccessError)

    def _stored(self, record, field):
        record.env.invalidate_all()
        return record.sudo()[field.name]

    def test_write_create_load_and_context_keys_are_refused(self):
        cases = 0
        for field, persona, record in self._cases():
            with self.subTest(case=f"{persona} {field.model_name}.{field.name}"):
                self._try_to_forge(field, self.users[persona], record)
                cases += 1
        # Every server field of every model, for each of the four personas.
        server_fields = sum(
            len(getattr(self.env[name], "_anchor_server_fields", ())) for name in classified_models(self.env)
        )
        self.assertEqual(cases, server_fields * len(PERSONA_TARGETS))
        self.assertGreaterEqual(cases, 200)

    def _try_to_forge(self, field, user, record):
        """Every path, each refused; then the field and the model's rows are as before."""
        Model = self.env[record._name].with_user(user)
        target = Model.browse(record.id)
        before = self._stored(record, field)
        count = Model.sudo().with_context(active_test=False).search_count([])
        value = forged_value(self.env, field, before)
        create_vals = {**_create_values(record._name, record, user), field.name: value}
        with closing(self.env.cr.savepoint()):
            self._assert_refused(field, user, "write", lambda: target.write({field.name: value}))
            self._assert_refused(
                field, user, "write", lambda: target.with_context(**CONTEXT_KEYS).write({field.name: value})
            )
            self._assert_refused(field, user, "create", lambda: Model.create(create_vals))
            self._assert_refused(
                field, user, "create", lambda: Model.with_context(**CONTEXT_KEYS).create(create_vals)
            )
            header, cell = load_cell(field, value)
            result = Model.load([".id", header], [[str(record.id), cell]])
            self.assertFalse(result["ids"])
            errors = " ".join(m["message"] for m in result["messages"] if m["type"] == "error")
            self.assertTrue(errors)
            if self.env["ir.model.access"].with_user(user).check(record._name, "write", False):
                self.assertIn(field.string, errors)
            self.assertEqual(self._stored(record, field), before)
            self.assertEqual(Model.sudo().with_context(active_test=False).search_count([]), count)

    def test_the_server_path_still_establishes_them(self):
        """Refusing the clients does not stop the add-on's own code path: a
        touch logged by the salesperson sets the lead's first-touch facts."""
        lead = self.records["a"]["crm.lead"]
        self.assertEqual(lead.first_touch_sla_status, "on_time")
        self.assertTrue(lead.date_first_touch)
        self.assertTrue(self.records["a"]["crm.anchor.touch"].date_logged)
        self.assertTrue(self.records["a"]["submitted_visit"].date_submitted)


@tagged("post_install", "-at_install")
class TestNoContextKeyGrantsPower(AccessFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_fixture()

    def test_a_submitted_visit_stays_locked_whatever_the_context(self):
        visit = self.records["a"]["submitted_visit"]
        for persona in ("rep_a", "manager"):
            with self.assertRaisesRegex(UserError, "submitted and locked"):
                visit.with_user(self.users[persona]).with_context(**CONTEXT_KEYS).write(
                    {"pain_summary": "改过的痛点，客户从没说过"}
                )
        self.assertEqual(visit.state, "submitted")
        self.assertNotIn("改过", visit.pain_summary)
        # The manager's explicit, audited action reopens it.
        visit.with_user(self.users["manager"]).action_reopen("客户补充了信息")
        self.assertEqual(visit.state, "draft")
        self.assertIn("客户补充了信息", visit.message_ids[0].body)

    def test_a_salesperson_cannot_reopen(self):
        visit = self.records["a"]["submitted_visit"]
        with self.assertRaises(AccessError) as caught:
            visit.with_user(self.users["rep_a"]).action_reopen("想改")
        self.assertEqual(str(caught.exception), "Only sales managers can reopen a submitted visit.")
        self.assertEqual(visit.state, "submitted")

    def test_history_import_key_does_not_skip_the_checks(self):
        lead = self.records["a"]["crm.lead"]
        rep = self.users["rep_a"]
        past = fields.Datetime.now() - timedelta(days=30)
        with self.assertRaisesRegex(ValidationError, "must be in the future"):
            self.env["crm.anchor.visit"].with_user(rep).with_context(anchor_history_import=True).create(
                {
                    "lead_id": lead.id,
                    "user_id": rep.id,
                    "date_visit": past,
                    "pain_category_id": self.category.id,
                    "pain_summary": "补录：客户嫌交期太长",
                    "value_point": "备货到本地仓",
                    "agreed_action": "send_quote",
                    "date_next_followup": past + timedelta(days=2),
                    "followup_channel": "phone",
                    "state": "submitted",
                }
            )

    def test_a_logged_touch_is_locked(self):
        touch = self.records["a"]["crm.anchor.touch"]
        for persona in ("rep_a", "manager"):
            with self.assertRaisesRegex(UserError, "logged and locked"):
                touch.with_user(self.users[persona]).with_context(**CONTEXT_KEYS).write(
                    {"date": fields.Datetime.now() - timedelta(days=5)}
                )


@tagged("post_install", "-at_install")
class TestIntegrityOverHttp(AccessFixture, HttpCase):
    """A sample of the matrix through Odoo's external APIs, as a script would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_fixture()

    def _xmlrpc(self, persona, model, method, args, kwargs=None):
        user = self.users[persona]
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, args, kwargs or {}
        )

    def _jsonrpc_error(self, persona, model, method, args, kwargs=None):
        """The error message a JSON-RPC call answers (as the web client gets it), or ""."""
        self.authenticate(self.users[persona].login, self.users[persona].login)
        payload = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": payload}),
            headers={"Content-Type": "application/json"},
        ).json()
        return response.get("error", {}).get("data", {}).get("message", "")

    def test_forged_facts_are_refused_over_xmlrpc_and_jsonrpc(self):
        records = self.records["a"]
        lead, visit = records["crm.lead"], records["submitted_visit"]
        checkin, touch = records["crm.anchor.checkin"], records["crm.anchor.touch"]
        future = fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=3))
        samples = [
            # A quote that was never sent, to pass the Quote gate.
            (
                "rep_a",
                "crm.lead",
                "write",
                [[lead.id], {"date_quote_sent": "2026-01-05 10:00:00"}],
                {},
                "Quote Sent",
            ),
            ("manager", "crm.lead", "write", [[lead.id], {"anchor_overdue": True}], {}, "Follow-up Overdue"),
            # A locked visit, "unlocked" by a context key.
            (
                "rep_a",
                "crm.anchor.visit",
                "write",
                [[visit.id], {"pain_summary": "改过的痛点"}],
                {"context": {"anchor_visit_reopen": True}},
                "submitted and locked",
            ),
            # A touch dated three days ahead.
            (
                "rep_a",
                "crm.anchor.touch",
                "create",
                [
                    {
                        "lead_id": lead.id,
                        "method": "phone",
                        "date": future,
                        "customer_words": "客户说下周签",
                        "evidence_attachment_ids": [[6, 0, touch.evidence_attachment_ids.ids]],
                        "state": "done",
                    }
                ],
                {},
                "cannot be in the future",
            ),
            (
                "rep_a",
                "crm.anchor.checkin",
                "write",
                [[checkin.id], {"morning_state": "on_time"}],
                {},
                "Morning",
            ),
            (
                "rep_a",
                "crm.anchor.touch",
                "write",
                [[touch.id], {"date_logged": "2020-01-01 00:00:00"}],
                {},
                "Logged On",
            ),
        ]
        for persona, model, method, args, kwargs, expected in samples:
            with self.subTest(api="xmlrpc", model=model, expected=expected):
                with self.assertRaises(Exception) as caught:
                    self._xmlrpc(persona, model, method, args, kwargs)
                self.assertIn(expected, str(caught.exception))
            with self.subTest(api="jsonrpc", model=model, expected=expected):
                self.assertIn(expected, self._jsonrpc_error(persona, model, method, args, kwargs))
        self.env.invalidate_all()
        self.assertFalse(lead.date_quote_sent)
        self.assertFalse(lead.anchor_overdue)
        self.assertEqual(visit.state, "submitted")
        self.assertNotIn("改过", visit.pain_summary)
        self.assertEqual(checkin.morning_state, "pending")
        self.assertFalse(self.env["crm.anchor.touch"].search_count([("date", ">", fields.Datetime.now())]))
