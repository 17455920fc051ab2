from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """18.0.1.3.0 sums the settled obligations of the ledger per day
    (crm.anchor.ledger.day): counted once from the existing ledger."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.anchor.ledger.day"]._anchor_rebuild()
