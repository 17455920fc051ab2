from odoo.tools import SQL


def migrate(cr, version):
    """18.0.1.2.0 records when the server received each logged touch. For the
    touches logged before, the best the database knows is when the touch was
    created, and never before the contact it claims."""
    cr.execute(
        SQL(
            "UPDATE crm_anchor_touch SET date_logged = GREATEST(date, create_date)"
            " WHERE state = 'done' AND date_logged IS NULL"
        )
    )
