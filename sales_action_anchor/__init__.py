import logging

from odoo.tools import SQL

from . import controllers
from . import models
from . import report
from . import wizard

_logger = logging.getLogger(__name__)

# The records of the salespeople's work, in an order that deletes cleanly.
ANCHOR_RECORDS = ("crm.anchor.expectation", "crm.anchor.checkin", "crm.anchor.visit", "crm.anchor.touch")


def post_init_hook(env):
    """Build the ledger of expected key actions from what is already recorded."""
    env["crm.anchor.expectation"]._anchor_backfill()


def uninstall_hook(env):
    """Keep the sales teams (and their e-mail alias) and stages the add-on
    created: they hold the customer's pipeline, and Odoo would otherwise delete
    them with the add-on's data (clearing the team of its opportunities). And
    leave in the server log what goes: Odoo's uninstall dialog lists the
    add-on's own documents, not the facts it recorded on opportunities, teams
    and stages."""
    own_data = env["ir.model.data"].search([("module", "=", "sales_action_anchor")])
    pipeline = own_data.filtered(lambda data: data.model in ("crm.team", "crm.stage", "mail.alias"))
    types = own_data.filtered(lambda data: data.model == "mail.activity.type")
    pipeline.unlink()
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
