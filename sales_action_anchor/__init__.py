import logging

from odoo.tools import SQL

from . import controllers
from . import models
from . import report
from . import wizard

_logger = logging.getLogger(__name__)

# The records of the salespeople's work, in an order that deletes cleanly.
ANCHOR_RECORDS = ("crm.anchor.expectation", "crm.anchor.checkin", "crm.anchor.visit", "crm.anchor.touch")
# What the add-on creates that outlives it: the customer's pipeline.
PIPELINE_MODELS = ("crm.team", "crm.stage", "mail.alias")
# Where the pipeline's external ids wait between an uninstall and the next
# install: Odoo's namespace of records that no module owns (it deletes, with a
# module, every record that still has one of the module's external ids).
KEPT_MODULE = "__export__"
KEPT_PREFIX = "sales_action_anchor_"


def pre_init_hook(env):
    """Take back the sales team and stages a previous install left behind
    (see uninstall_hook): with their external ids back, installing updates
    them instead of creating a second team and six more stages, and their
    opportunities are in the add-on's pipeline again."""
    kept = env["ir.model.data"].search([("module", "=", KEPT_MODULE), ("model", "in", PIPELINE_MODELS)])
    for data in kept.filtered(lambda data: data.name.startswith(KEPT_PREFIX)):
        data.write({"module": "sales_action_anchor", "name": data.name.removeprefix(KEPT_PREFIX)})


def post_init_hook(env):
    """Build the ledger of expected key actions from what is already recorded."""
    env["crm.anchor.expectation"]._anchor_backfill()


def uninstall_hook(env):
    """Keep the sales teams (and their e-mail alias) and stages the add-on
    created: they hold the customer's pipeline, and Odoo would otherwise delete
    them with the add-on's data (clearing the team of its opportunities). Their
    external ids move out of the add-on's namespace, so that installing it again
    takes them back (pre_init_hook). And leave in the server log what goes:
    Odoo's uninstall dialog lists the add-on's own documents, not the facts it
    recorded on opportunities, teams and stages."""
    own_data = env["ir.model.data"].search([("module", "=", "sales_action_anchor")])
    pipeline = own_data.filtered(lambda data: data.model in PIPELINE_MODELS)
    types = own_data.filtered(lambda data: data.model == "mail.activity.type")
    for data in pipeline:
        data.write({"module": KEPT_MODULE, "name": KEPT_PREFIX + data.name})
    counts = ", ".join(
        f"{env[model].sudo().with_context(active_test=False).search_count([])} {model}"
        for model in ANCHOR_RECORDS
    )
    leads = env["crm.lead"].sudo().with_context(active_test=False)
    _logger.warning(
        "Uninstalling sales_action_anchor deletes its records (%s, templates, KPIs...) and the anchor "
        "fields of %s opportunities, of the sales teams and of the stages (first touch, follow-up, "
        "proposal, quote and signature dates, forced gates, thresholds, gate evidence): see README.md.",
        counts,
        leads.search_count([("team_id.anchor_enforced", "=", True)]),
    )
    # These rows go with their tables anyway. Deleted first (as bare rows: no
    # side effect), they no longer hold on to the salespeople they name, so
    # that Odoo can delete the add-on's demo users with its demo data.
    for model in ANCHOR_RECORDS:
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(env[model]._table)))
    # The activities of the add-on's records go with them; its activity types
    # stay while an opportunity's activity still uses them (open agreed actions
    # and reminders remain ordinary to-dos).
    env.cr.execute(SQL("DELETE FROM mail_activity WHERE res_model LIKE %s", "crm.anchor.%"))
    used = env["mail.activity"].sudo().search([("activity_type_id", "in", types.mapped("res_id"))])
    types.filtered(lambda data: data.res_id in used.activity_type_id.ids).unlink()
