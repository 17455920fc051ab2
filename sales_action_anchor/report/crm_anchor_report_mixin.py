from odoo import models, tools
from odoo.tools import SQL


class CrmAnchorReportMixin(models.AbstractModel):
    """A report that is a PostgreSQL view built from ``_select``, ``_from`` and
    ``_where``, so that other modules can extend each part (as crm's reports)."""

    _name = "crm.anchor.report.mixin"
    _description = "Action Anchors SQL Report"

    def _select(self):
        raise NotImplementedError

    def _from(self):
        raise NotImplementedError

    def _where(self):
        return SQL()

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s %s %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._where(),
            )
        )
