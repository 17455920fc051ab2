from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """18.0.1.1.0 adds the ledger of expected key actions: fill it from the
    touches, visits and stage history recorded with 18.0.1.0.0."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.anchor.expectation"]._anchor_backfill()
