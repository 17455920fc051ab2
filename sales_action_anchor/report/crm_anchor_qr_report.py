from odoo import api, models


class ReportAnchorMobileQrUser(models.AbstractModel):
    """The QR sheet of salespeople: checked before rendering, so that a refusal
    is a clear AccessError (HTTP 403), never a half-rendered page."""

    _name = "report.sales_action_anchor.report_anchor_mobile_qr_user"
    _description = "Quick Visit Entry QR Sheet per Salesperson"

    @api.model
    def _get_report_values(self, docids, data=None):
        users = self.env["res.users"].browse(docids).exists()
        self.env["crm.anchor.mobile"]._check_qr_sheet_access(users)
        return {"doc_ids": users.ids, "doc_model": "res.users", "docs": users}


class ReportAnchorMobileQrTeam(models.AbstractModel):
    """The QR sheets of the members of sales teams the manager may read."""

    _name = "report.sales_action_anchor.report_anchor_mobile_qr_team"
    _description = "Quick Visit Entry QR Sheets per Sales Team"

    @api.model
    def _get_report_values(self, docids, data=None):
        teams = self.env["crm.team"].browse(docids).exists()
        teams.check_access("read")
        self.env["crm.anchor.mobile"]._check_qr_sheet_access(teams.member_ids)
        return {"doc_ids": teams.ids, "doc_model": "crm.team", "docs": teams}
