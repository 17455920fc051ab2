from odoo import api, fields, models


class ResPartner(models.Model):
    """The customer master file: where each customer stands and who follows it."""

    _inherit = "res.partner"

    # The customer's visits, each checked by crm.anchor.visit (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset({"anchor_visit_ids"})

    anchor_visit_ids = fields.One2many("crm.anchor.visit", "partner_id", string="Visits")
    anchor_visit_count = fields.Integer("Visit Count", compute="_compute_anchor_pipeline")
    anchor_stage_id = fields.Many2one(
        "crm.stage",
        string="Most Advanced Stage",
        compute="_compute_anchor_pipeline",
        help="Stage of the customer's most advanced open opportunity.",
    )
    anchor_date_last_followup = fields.Datetime("Last Follow-up", compute="_compute_anchor_pipeline")
    anchor_salesperson_id = fields.Many2one(
        "res.users",
        string="Responsible Salesperson",
        compute="_compute_anchor_pipeline",
        help="Salesperson of the most advanced open opportunity, else the customer's salesperson.",
    )

    @api.depends("anchor_visit_ids")
    def _compute_anchor_pipeline(self):
        # Opportunities may hang on the commercial partner or on a contact of it.
        leads = self.env["crm.lead"].search(
            [("partner_id", "child_of", self.commercial_partner_id.ids), ("probability", "<", 100)],
            order="id",
        )
        best = {}
        for lead in leads:
            key = lead.partner_id.commercial_partner_id
            if key not in best or (lead.stage_id.sequence, lead.id) > (
                best[key].stage_id.sequence,
                best[key].id,
            ):
                best[key] = lead
        last_followup = dict(
            self.env["crm.lead"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["date_last_followup:max"],
            )
        )
        visit_counts = dict(
            self.env["crm.anchor.visit"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            family = partner.commercial_partner_id
            lead = best.get(family, self.env["crm.lead"])
            partner.anchor_stage_id = lead.stage_id
            partner.anchor_salesperson_id = lead.user_id or partner.user_id
            dates = [d for p, d in last_followup.items() if d and p.commercial_partner_id == family]
            partner.anchor_date_last_followup = max(dates) if dates else False
            partner.anchor_visit_count = sum(
                count for p, count in visit_counts.items() if p.commercial_partner_id == family
            )

    def action_view_anchor_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_action_anchor.crm_anchor_visit_action")
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
