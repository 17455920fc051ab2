from odoo import api, fields, models


class ResPartner(models.Model):
    """The customer master file: where each customer stands and who follows it.

    Its figures are shown by the CRM's own customer list and the contact's form,
    not by the contact list every other application uses (Invoicing,
    Purchase…): see views/res_partner_views.xml."""

    _inherit = "res.partner"

    # The customer's visits, each checked by crm.anchor.visit (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset({"anchor_visit_ids"})

    anchor_visit_ids = fields.One2many("crm.anchor.visit", "partner_id", string="Visits")
    anchor_visit_count = fields.Integer("Visit Count", compute="_compute_anchor_visit_count")
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

    def _compute_anchor_pipeline(self):
        # Opportunities may hang on the commercial partner or on a contact of it:
        # one grouped query for the whole list, folded per commercial partner.
        groups = self.env["crm.lead"]._read_group(
            [("partner_id.commercial_partner_id", "in", self.commercial_partner_id.ids)],
            ["partner_id", "stage_id", "user_id"],
            ["id:max", "probability:min", "date_last_followup:max"],
        )
        best, last_followup = {}, {}
        for partner, stage, user, newest_id, lowest_probability, followup in groups:
            family = partner.commercial_partner_id
            if followup and (family not in last_followup or followup > last_followup[family]):
                last_followup[family] = followup
            # A group holding an open opportunity (under 100 %: not won): the
            # most advanced stage, then the group of the newest opportunity.
            is_open = lowest_probability is not None and lowest_probability < 100
            rank = (stage.sequence, newest_id)
            if is_open and (family not in best or rank > best[family][0]):
                best[family] = (rank, stage, user)
        for partner in self:
            family = partner.commercial_partner_id
            _rank, stage, user = best.get(family, (None, self.env["crm.stage"], self.env["res.users"]))
            partner.anchor_stage_id = stage
            partner.anchor_salesperson_id = user or partner.user_id
            partner.anchor_date_last_followup = last_followup.get(family, False)

    @api.depends("anchor_visit_ids")
    def _compute_anchor_visit_count(self):
        counts = {}
        for visited, count in self.env["crm.anchor.visit"]._read_group(
            [("partner_id.commercial_partner_id", "in", self.commercial_partner_id.ids)],
            ["partner_id"],
            ["__count"],
        ):
            family = visited.commercial_partner_id
            counts[family] = counts.get(family, 0) + count
        for partner in self:
            partner.anchor_visit_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_anchor_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_action_anchor.crm_anchor_visit_action")
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
