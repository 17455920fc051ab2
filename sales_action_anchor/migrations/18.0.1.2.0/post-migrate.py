from odoo.tools import SQL

from odoo.addons.sales_action_anchor.models.crm_anchor_expectation import month_sql


def migrate(cr, version):
    """18.0.1.2.0 records when the server received each logged touch. For the
    touches logged before, the best the database knows is when the touch was
    created, and never before the contact it claims. And the ledger's months
    are counted in the team's time zone (they were UTC months)."""
    cr.execute(
        SQL(
            "UPDATE crm_anchor_touch SET date_logged = GREATEST(date, create_date)"
            " WHERE state = 'done' AND date_logged IS NULL"
        )
    )
    # An agreed action due on a day was due at the next midnight, which every
    # daily figure counts in the next day: it is now due at the day's last second.
    cr.execute(
        SQL(
            """UPDATE crm_anchor_expectation ledger
                  SET date_deadline = date_deadline - interval '1 second'
                 FROM res_users salesperson
                 JOIN res_partner partner ON partner.id = salesperson.partner_id
                WHERE salesperson.id = ledger.user_id AND ledger.kpi_code = 'agreed_action'
                  AND ((ledger.date_deadline AT TIME ZONE 'UTC')
                       AT TIME ZONE COALESCE(partner.tz, 'UTC'))::time = '00:00'"""
        )
    )
    cr.execute(SQL("UPDATE crm_anchor_expectation ledger SET month = %s", month_sql("ledger")))
