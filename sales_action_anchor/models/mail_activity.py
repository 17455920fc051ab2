from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking an agreed action's activity done is what completes it."""
        visits = self.env["crm.anchor.visit"].sudo().search([("activity_id", "in", self.ids)])
        # Read before super(): the activities are deleted once done.
        user_by_visit = {visit: visit.activity_id.user_id for visit in visits}
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        visits._anchor_register_action_done(user_by_visit)
        return result
