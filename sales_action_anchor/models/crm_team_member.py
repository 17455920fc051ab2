from odoo import fields, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    # Entered by sales managers (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset({"anchor_date_joined", "anchor_pilot"})

    anchor_date_joined = fields.Date(
        "Joined On",
        default=fields.Date.context_today,
        help="When the salesperson started in the team: newcomers are measured from this date.",
    )
    anchor_pilot = fields.Boolean(
        "Pilot Group",
        help="Member of the pilot group (动作先锋组) that managers compare with everyone else.",
    )
