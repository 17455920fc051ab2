from odoo import api, fields, models


class CrmAnchorLeadEventMixin(models.AbstractModel):
    """An event a salesperson logs on an opportunity (a touch, a visit): the
    opportunity, its customer, who logged it, and the team and company it
    belongs to, which follow from the opportunity."""

    _name = "crm.anchor.lead.event.mixin"
    _description = "Action Anchors: event logged on an opportunity"

    _check_company_auto = True

    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, default=lambda self: self.env.user
    )
    team_id = fields.Many2one(related="lead_id.team_id", store=True, string="Sales Team")
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)

    @api.depends("lead_id")
    def _compute_partner_id(self):
        for event in self:
            event.partner_id = event.lead_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        self._anchor_check_loggable(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._anchor_check_loggable([vals])
        return super().write(vals)

    @api.model
    def _anchor_check_loggable(self, vals_list):
        """Events are logged on opportunities their author may read: one on
        another salesperson's would show its name and move its dates."""
        # Other values than ids are left to the ORM, which refuses them.
        lead_ids = {vals["lead_id"] for vals in vals_list if type(vals.get("lead_id")) is int}
        if lead_ids:
            self.env["crm.lead"].browse(lead_ids).check_access("read")
