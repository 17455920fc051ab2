from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    anchor_busy_min_visits = fields.Integer(
        "Busy-for-show: Minimum Visits",
        config_parameter="sales_action_anchor.busy_min_visits",
        default=10,
        help="A salesperson with at least this many visits in the period…",
    )
    anchor_busy_max_summary_chars = fields.Integer(
        "Busy-for-show: Summary Under (characters)",
        config_parameter="sales_action_anchor.busy_max_summary_chars",
        default=15,
        help="…whose pain-point summaries average fewer characters than this is flagged as busy for show.",
    )
    anchor_real_progress_rate = fields.Integer(
        "Real Progress: Completion Above (%)",
        config_parameter="sales_action_anchor.real_progress_rate",
        default=92,
        help="A salesperson completing more of the agreed actions than this share really advances deals.",
    )
    anchor_newcomer_days = fields.Integer(
        "Newcomer For (days)",
        config_parameter="sales_action_anchor.newcomer_days",
        default=180,
        help="A team member who joined less than this many days ago counts as a newcomer.",
    )
