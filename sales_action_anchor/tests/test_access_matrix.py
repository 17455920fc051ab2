"""The access matrix (tests/access_matrix.py), asserted cell by cell.

Seven personas, one record of each model owned by salesperson A in company 1
and one owned by the other company's user (access_fixture.py); each persona
tries every operation on both. One test per model and persona, generated from
the tables; the routes and RPC methods are tried in test_route_access.py."""

import inspect
from contextlib import closing

from odoo import http, models
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .access_fixture import WRITES, AccessFixture, _create_values
from .access_matrix import DOC_PATH, MODELS, NO_ACCESS, PERSONAS, ROUTES, render

# Fields that an export cannot take as they are, or that are not data.
NOT_EXPORTED = ("one2many", "binary", "properties", "properties_definition")


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
