from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmTeam(models.Model):
    _inherit = "crm.team"

    # The team's settings, entered by sales managers (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset(
        {
            "anchor_enforced",
            "anchor_first_touch_hours",
            "anchor_overdue_days",
            "anchor_summary_min_chars",
            "anchor_summary_min_words",
            "anchor_morning_deadline",
            "anchor_visit_report_minutes",
            "anchor_evening_deadline",
            "anchor_delivery_offset_days",
            "anchor_invoice_offset_days",
            "anchor_payment_offset_days",
        }
    )

    # Every anchor setting is tracked: changing one is logged in the team's chatter.
    anchor_enforced = fields.Boolean(
        "Enforce Action Anchors",
        tracking=True,
        help="Visits and touches of this team must be complete to be submitted, "
        "and its opportunities pass stage gates.",
    )
    anchor_first_touch_hours = fields.Integer("First Touch SLA (hours)", default=48, tracking=True)
    anchor_overdue_days = fields.Integer("Overdue After (days)", default=3, tracking=True)
    anchor_summary_min_chars = fields.Integer(
        "Pain Point Min. Chinese Characters",
        default=4,
        help="A Chinese pain-point summary must have at least this many characters.",
        tracking=True,
    )
    anchor_summary_min_words = fields.Integer(
        "Pain Point Min. Words",
        default=3,
        help="A pain-point summary in another language must have at least this many words.",
        tracking=True,
    )
    anchor_morning_deadline = fields.Float(
        "Morning Check-in Before",
        default=8 + 50 / 60,
        help="Time of day, before the daily meeting.",
        tracking=True,
    )
    anchor_visit_report_minutes = fields.Integer(
        "Report a Visit Within (minutes)",
        default=30,
        help="After the visit's end.",
        tracking=True,
    )
    anchor_evening_deadline = fields.Float(
        "Evening Check-in Before", default=18.0, help="Time of day.", tracking=True
    )
    anchor_delivery_offset_days = fields.Integer("Schedule Delivery Within (days)", default=3, tracking=True)
    anchor_invoice_offset_days = fields.Integer("Invoice Within (days)", default=7, tracking=True)
    anchor_payment_offset_days = fields.Integer("Payment Reminder After (days)", default=30, tracking=True)

    @api.constrains(
        "anchor_first_touch_hours",
        "anchor_overdue_days",
        "anchor_summary_min_chars",
        "anchor_summary_min_words",
        "anchor_delivery_offset_days",
        "anchor_invoice_offset_days",
        "anchor_payment_offset_days",
    )
    def _check_anchor_settings(self):
        for team in self:
            if team.anchor_first_touch_hours <= 0 or team.anchor_overdue_days <= 0:
                raise ValidationError(_("The first touch SLA and the overdue delay must be positive."))
            if (
                min(
                    team.anchor_summary_min_chars,
                    team.anchor_summary_min_words,
                    team.anchor_delivery_offset_days,
                    team.anchor_invoice_offset_days,
                    team.anchor_payment_offset_days,
                )
                < 0
            ):
                raise ValidationError(_("Anchor thresholds and offsets cannot be negative."))

    @api.model
    def action_your_pipeline(self):
        """ "My Pipeline" opens on the user's own team when it works with
        anchors: the kanban then shows all of that team's stages, those still
        empty for the user too (crm.lead._read_group_stage_ids), and what is
        created there belongs to the team. crm's own action names no team."""
        action = super().action_your_pipeline()
        team = self.env.user.sale_team_id
        if team.anchor_enforced:
            action["context"] = {**action["context"], "default_team_id": team.id}
        return action
