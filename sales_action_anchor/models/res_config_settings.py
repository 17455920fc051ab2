from markupsafe import Markup

from odoo import _, fields, models

# The Action Anchors settings, each stored in an ir.config_parameter.
ANCHOR_SETTINGS = (
    "anchor_busy_min_visits",
    "anchor_busy_max_summary_chars",
    "anchor_real_progress_rate",
    "anchor_newcomer_days",
)


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

    def set_values(self):
        """Log changed thresholds in the chatter of every anchor-enforced team:
        they decide how each team's salespeople are judged on the dashboards.
        The settings themselves are parameters, which keep no history."""
        before = self._anchor_settings()
        super().set_values()
        after = self._anchor_settings()
        changes = [
            Markup("<li>%s: %s → %s</li>")
            % (self._fields[name].get_description(self.env)["string"], old, new)
            for name, old in before.items()
            if (new := after[name]) != old
        ]
        if not changes:
            return
        body = Markup("%s<ul>%s</ul>") % (
            _("Action Anchors settings changed by %(user)s:", user=self.env.user.name),
            Markup().join(changes),
        )
        for team in self.env["crm.team"].sudo().search([("anchor_enforced", "=", True)]):
            team.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _anchor_settings(self):
        """The stored value of each setting as text, or its default when never saved."""
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for name in ANCHOR_SETTINGS:
            field = self._fields[name]
            values[name] = str(params.get_param(field.config_parameter) or field.default(self))
        return values
