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
    """Keep the sales teams and stages the add-on created: they hold the
    customer's pipeline, and Odoo would otherwise delete them with the add-on's
    data (clearing the team of its opportunities). And leave in the server log
    what goes: Odoo's uninstall dialog lists the add-on's own documents, not
    the facts it recorded on opportunities, teams and stages."""
    env["ir.model.data"].search(
        [("module", "=", "sales_action_anchor"), ("model", "in", ("crm.team", "crm.stage"))]
    ).unlink()
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
