from odoo import api, fields, models

from ..lib.anchor_constants import ANCHOR_STAGES


class CrmAnchorStageEntry(models.Model):
    """An opportunity of an anchor-enforced team entered a stage: its stage
    history, and the event the stage-driven automated actions
    (data/base_automation_data.xml) are triggered by.

    The rules live on this model, not on crm.lead: any create/write rule on a
    model makes base_automation wrap that model's create, write and
    recomputations and look its rules up on each call, and on crm.lead that made
    crm's lead assignment and mass conversion run 47-74% more queries. Only
    anchor-enforced teams' stage changes create a row here."""

    _name = "crm.anchor.stage.entry"
    _description = "Stage Entry"
    _inherit = ["crm.anchor.input.guard"]
    _order = "date desc, id desc"

    # Recorded by the lead's stage change itself: nobody enters one.
    _anchor_server_fields = frozenset(
        {"lead_id", "stage_id", "previous_stage_id", "anchor_code", "previous_anchor_code"}
        | {"team_id", "user_id", "company_id", "date"}
    )

    lead_id = fields.Many2one("crm.lead", string="Opportunity", required=True, index=True, ondelete="cascade")
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade")
    previous_stage_id = fields.Many2one("crm.stage", ondelete="set null")
    # The stages' meanings when it was entered: what the automations filter on.
    anchor_code = fields.Selection(ANCHOR_STAGES, string="Anchor Stage")
    previous_anchor_code = fields.Selection(ANCHOR_STAGES, string="Previous Anchor Stage")
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True, ondelete="set null")
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, ondelete="set null")
    company_id = fields.Many2one("res.company", index=True, ondelete="cascade")
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    @api.model
    def _anchor_record(self, leads, previous_stages):
        """Record that ``leads`` entered their current stage, coming from
        ``previous_stages`` ({lead: stage}, empty for new leads): one create()."""
        now = fields.Datetime.now()
        vals_list = []
        for lead in leads.filtered("stage_id"):
            previous = previous_stages.get(lead, lead.stage_id.browse())
            vals_list.append(
                {
                    "lead_id": lead.id,
                    "stage_id": lead.stage_id.id,
                    "previous_stage_id": previous.id,
                    "anchor_code": lead.stage_id.anchor_code,
                    "previous_anchor_code": previous.anchor_code,
                    "team_id": lead.team_id.id,
                    "user_id": lead.user_id.id,
                    "company_id": lead.company_id.id,
                    "date": now,
                }
            )
        return self.sudo().create(vals_list)
