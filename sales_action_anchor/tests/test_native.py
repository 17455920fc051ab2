from odoo.tests import TransactionCase, tagged

# Internals of the ORM and of base_automation that the add-on must not
# override: they change how every model reads, groups or triggers rules.
CORE_INTERNALS = {
    "_read_group",
    "_read_group_orderby",
    "_read_group_groupby",
    "_read_group_select",
    "_search",
    "_fetch_query",
    "_flush",
    "_compute_field_value",
    "_get_actions",
    "_process",
    "_filter_pre",
    "_filter_post",
}


@tagged("post_install", "-at_install")
class TestNative(TransactionCase):
    def test_no_core_internal_is_overridden(self):
        overridden = set()
        for name, model_class in self.env.registry.items():
            for cls in model_class.__mro__:
                if cls.__module__.startswith("odoo.addons.sales_action_anchor."):
                    overridden |= {(name, method) for method in CORE_INTERNALS.intersection(vars(cls))}
        self.assertEqual(overridden, set())
