"""Uninstalling the add-on removes what it added and nothing else, and CRM still works.

On a throwaway copy of a database with the add-on: prints what Odoo's
uninstall dialog lists, uninstalls the add-on as the dialog does
(``button_immediate_uninstall``), then checks that

- nothing is logged as an error, and the add-on's demo users go with its
  demo data;
- the opportunities, customers, sales teams, stages and users are all still
  there, and so are the activities and messages that are not the add-on's;
- the add-on's tables and its columns on other models are gone;
- CRM still works: opportunities are searched and read, the pipeline action
  and its views load, and so do the menus and the team, stage and customer
  forms;

then installs the add-on again (``button_immediate_install``) and checks that
it takes back the team and the six stages it left, instead of creating
another team and six more stages, and that the customer's opportunities are
on the same stages, now the add-on's again.

Exits 1 on the first failed check.

    check_uninstall.py ODOO_CONF DATABASE
"""

import logging
import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

ADDON = "sales_action_anchor"
# What must outlive the add-on: every row that is not the add-on's own data
# (its demo records go with it) nor attached to it. Archived rows count too.
NOT_ADDON_DATA = """
    NOT EXISTS (SELECT 1 FROM ir_model_data d
                 WHERE d.module = %(addon)s AND d.model = {model} AND d.res_id = {res_id})
"""
KEPT = {
    label: f"SELECT count(*) FROM {table} t WHERE " + NOT_ADDON_DATA.format(model=f"'{model}'", res_id="t.id")
    for label, table, model in (
        ("opportunities", "crm_lead", "crm.lead"),
        ("customers", "res_partner", "res.partner"),
        ("users", "res_users", "res.users"),
    )
}
# The add-on's own teams and stages stay too (uninstall_hook): they hold the pipeline.
# The six stages of the add-on's team, by external id (data/crm_stage_data.xml).
STAGES = ("lead", "visit", "proposal", "quote", "signed", "delivery")
KEPT["sales teams"] = "SELECT count(*) FROM crm_team"
KEPT["stages"] = "SELECT count(*) FROM crm_stage"
KEPT["opportunities in a sales team"] = KEPT["opportunities"] + " AND t.team_id IS NOT NULL"
KEPT["activities of other types"] = (
    "SELECT count(*) FROM mail_activity t"
    " WHERE t.res_model NOT LIKE 'crm.anchor.%%' AND COALESCE(t.activity_type_id, 0) NOT IN %(types)s AND "
    + NOT_ADDON_DATA.format(model="'mail.activity'", res_id="t.id")
    + " AND "
    + NOT_ADDON_DATA.format(model="t.res_model", res_id="t.res_id")
)
# Agreed actions and reminders stay as ordinary activities (their types are kept while used).
KEPT["the add-on's activities on opportunities"] = (
    "SELECT count(*) FROM mail_activity t"
    " WHERE t.res_model = 'crm.lead' AND t.activity_type_id IN %(types)s AND "
    + NOT_ADDON_DATA.format(model="'crm.lead'", res_id="t.res_id")
)
KEPT["messages on opportunities"] = (
    "SELECT count(*) FROM mail_message t WHERE t.model = 'crm.lead' AND "
    + NOT_ADDON_DATA.format(model="'crm.lead'", res_id="t.res_id")
)


def count_kept(cr, addon_types):
    return {
        label: query_one(cr, query, {"addon": ADDON, "types": addon_types}) for label, query in KEPT.items()
    }


def query_one(cr, query, params=None):
    cr.execute(query, params)
    return cr.fetchone()[0]


def addon_footprint(env):
    """(tables, {table: [columns]}) the add-on created: the tables of the
    models only it defines, its many2many tables, and the columns of its
    stored fields on other models."""
    models = env["ir.model"].search([])
    xids = models._get_external_ids()
    own_models = {
        model.model
        for model in models
        if xids.get(model.id) and all(xid.split(".")[0] == ADDON for xid in xids[model.id])
    }
    tables = {env[model]._table for model in own_models if not env[model]._abstract}
    tables |= set(env["ir.model.relation"].search([("module.name", "=", ADDON)]).mapped("name"))
    data = env["ir.model.data"].search([("model", "=", "ir.model.fields")])
    others = set(data.filtered(lambda d: d.module != ADDON).mapped("res_id"))
    fields = env["ir.model.fields"].browse(data.filtered(lambda d: d.module == ADDON).mapped("res_id"))
    columns = {}
    for field in fields:
        if (
            field.store
            and field.ttype not in ("one2many", "many2many")
            and field.model not in own_models
            and field.id not in others
        ):
            columns.setdefault(env[field.model]._table, []).append(field.name)
    return sorted(tables), columns


class ErrorCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage()[:300])


def anchor_pipeline(env):
    """{"team": id, stage code: id} of the add-on's team and stages, by external id."""
    ids = {"team": env.ref(f"{ADDON}.crm_team_anchor").id}
    ids.update((code, env.ref(f"{ADDON}.stage_anchor_{code}").id) for code in STAGES)
    return ids


def customer_leads_by_stage(cr, pipeline):
    """{stage id: count} of the opportunities that are not the add-on's data, on its stages."""
    stage_ids = tuple(pipeline[code] for code in STAGES)
    cr.execute(
        "SELECT t.stage_id, count(*) FROM crm_lead t WHERE t.stage_id IN %(stages)s AND "
        + NOT_ADDON_DATA.format(model="'crm.lead'", res_id="t.id")
        + " GROUP BY t.stage_id",
        {"stages": stage_ids, "addon": ADDON},
    )
    return dict(cr.fetchall())


def module(env):
    return env["ir.module.module"].search([("name", "=", ADDON)])


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message)
    if not condition:
        sys.exit(1)


def main(conf, dbname):
    odoo.tools.config.parse_config(["-c", conf, "-d", dbname, "--log-level=warn"])
    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        check(module(env).state == "installed", f"{ADDON} is installed in {dbname}")
        wizard = env["base.module.uninstall"].new({"module_id": module(env).id})
        print("Odoo's uninstall dialog lists these documents to delete:")
        for model in wizard.model_ids:
            print(f"  {model.name} ({model.model}): {model.count}")
        tables, columns = addon_footprint(env)
        addon_types = tuple(
            env["ir.model.data"]
            .search([("module", "=", ADDON), ("model", "=", "mail.activity.type")])
            .mapped("res_id")
        ) or (0,)
        # A customer's own opportunity (not demo data) with an open agreed action.
        lead = env["crm.lead"].create({"name": "Uninstall check", "type": "opportunity"})
        agreed_type = env.ref(f"{ADDON}.mail_activity_type_anchor_agreed_action")
        agreed = lead.activity_schedule(activity_type_id=agreed_type.id, summary="Send the quote")
        pipeline = anchor_pipeline(env)
        # And one in the add-on's pipeline: it must be there again after a new install.
        env["crm.lead"].create(
            {
                "name": "Uninstall check, anchor pipeline",
                "type": "opportunity",
                "team_id": pipeline["team"],
                "stage_id": pipeline["lead"],
            }
        )
        leads_by_stage = customer_leads_by_stage(cr, pipeline)
        before = count_kept(cr, addon_types)
        demo_users = (
            env["ir.model.data"]
            .search([("module", "=", ADDON), ("model", "=", "res.users")])
            .mapped("res_id")
        )
        # Odoo logs an ERROR, and then skips it, for each of the add-on's records it cannot delete.
        errors = ErrorCounter()
        logging.getLogger("odoo").addHandler(errors)
        try:
            module(env).button_immediate_uninstall()  # commits, and loads a new registry
        finally:
            logging.getLogger("odoo").removeHandler(errors)
        check(
            not errors.messages,
            "no error logged while uninstalling"
            + "".join(f"\n  {message}" for message in errors.messages[:5]),
        )

    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        check(module(env).state == "uninstalled", f"{ADDON} is uninstalled")
        after = count_kept(cr, addon_types)
        left = env["res.users"].with_context(active_test=False).search_count([("id", "in", demo_users)])
        check(not left, f"the add-on's {len(demo_users)} demo users are deleted with its demo data")
        for label, count in before.items():
            check(after[label] == count, f"{label}: {count} before, {after[label]} after")
        kept = env["mail.activity"].browse(agreed.id).exists()
        check(
            kept.activity_type_id.id == agreed_type.id,
            "an open agreed action stays as an ordinary activity, with its type",
        )
        left = [table for table in tables if query_one(cr, "SELECT to_regclass(%s) IS NOT NULL", [table])]
        check(
            not left, f"the add-on's {len(tables)} tables are dropped" + (f"; left: {left}" if left else "")
        )
        left = []
        for table, names in sorted(columns.items()):
            cr.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = %s AND column_name IN %s",
                [table, tuple(names)],
            )
            left += [f"{table}.{row[0]}" for row in cr.fetchall()]
        dropped = ", ".join(f"{table} ({len(names)})" for table, names in sorted(columns.items()))
        check(
            not left,
            f"its columns on other tables are dropped: {dropped}" + (f"; left: {left}" if left else ""),
        )
        check(
            not env["ir.cron"].with_context(active_test=False).search([("code", "ilike", "anchor")]),
            "the add-on's scheduled jobs are gone",
        )
        check(
            not env["base.automation"].with_context(active_test=False).search([("name", "ilike", "anchor")]),
            "the add-on's automations are gone",
        )

        # CRM still works, as an ordinary sales manager would use it.
        admin = env(user=env.ref("base.user_admin").id)
        leads = admin["crm.lead"].search([("type", "=", "opportunity")], limit=80)
        rows = leads.read(["name", "stage_id", "user_id", "team_id", "partner_id", "activity_ids"])
        check(len(rows) == len(leads) > 0, f"{len(rows)} opportunities searched and read")
        action = admin["ir.actions.act_window"]._for_xml_id("crm.crm_lead_action_pipeline")
        views = [(False, mode) for mode in action["view_mode"].split(",")] + [(False, "search")]
        loaded = admin["crm.lead"].get_views(views, {"action_id": action["id"]})
        check(set(loaded["views"]) >= {"kanban", "list", "form"}, "the pipeline action and its views load")
        groups = admin["crm.lead"].web_read_group([("type", "=", "opportunity")], ["stage_id"], ["stage_id"])
        check(groups["length"] > 0, "the pipeline groups opportunities by stage")
        for model in ("crm.team", "crm.stage", "res.partner", "crm.team.member"):
            admin[model].get_views([(False, "form"), (False, "list")])  # raises when broken
        print("ok: the team, stage, customer and team member views load")
        menus = admin["ir.ui.menu"].load_menus(debug=False)
        check(any(menu.get("xmlid") == "crm.crm_menu_root" for menu in menus.values()), "the CRM menus load")
        cr.rollback()  # the checks change nothing
        teams, stages = (
            query_one(cr, "SELECT count(*) FROM crm_team"),
            query_one(cr, "SELECT count(*) FROM crm_stage"),
        )

        # Installed again, the add-on takes back its team and stages.
        errors = ErrorCounter()
        logging.getLogger("odoo").addHandler(errors)
        try:
            module(env).button_immediate_install()  # commits, and loads a new registry
        finally:
            logging.getLogger("odoo").removeHandler(errors)
        check(
            not errors.messages,
            "no error logged while installing again"
            + "".join(f"\n  {message}" for message in errors.messages[:5]),
        )

    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        check(module(env).state == "installed", f"{ADDON} is installed again")
        team_count = query_one(cr, "SELECT count(*) FROM crm_team")
        stage_count = query_one(cr, "SELECT count(*) FROM crm_stage")
        check(
            (team_count, stage_count) == (teams, stages),
            f"no team nor stage created: {teams} teams and {stages} stages before, "
            f"{team_count} and {stage_count} after",
        )
        anchor_teams = (
            env["crm.team"].with_context(active_test=False).search([("anchor_enforced", "=", True)])
        )
        anchor_stages = env["crm.stage"].search([("anchor_code", "!=", False)])
        check(
            (len(anchor_teams), len(anchor_stages)) == (1, len(STAGES)),
            f"one anchor team and {len(STAGES)} anchor stages: {len(anchor_teams)} and {len(anchor_stages)}",
        )
        check(
            anchor_pipeline(env) == pipeline
            and anchor_teams.id == pipeline["team"]
            and set(anchor_stages.mapped("anchor_code")) == set(STAGES)
            and anchor_stages.team_id == anchor_teams,
            "they are the team and stages of the first install, the add-on's again",
        )
        leads_after = customer_leads_by_stage(cr, pipeline)
        check(
            leads_after == leads_by_stage,
            "the customer's opportunities are on the same stages: "
            f"{leads_by_stage} before, {leads_after} after",
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
