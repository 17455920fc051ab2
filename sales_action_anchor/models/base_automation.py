from odoo import api, models, tools


class BaseAutomation(models.Model):
    """Remember which automation rules apply to a model.

    Once any create/write rule exists on a model, Odoo patches that model's
    create(), write() and stored-field recomputation, and every call searches
    base_automation again. With the add-on's two rules on crm.lead, crm's lead
    assignment and mass conversion ran 47-74% more queries (crm's own
    query-count tests failed); a rule with no condition and no action costs the
    same, so the cost is that search, not the rules' conditions. Its answer only
    changes when rules change: it is cached until a rule is created, edited or
    deleted."""

    _inherit = "base.automation"

    @api.model_create_multi
    def create(self, vals_list):
        automations = super().create(vals_list)
        self.env.registry.clear_cache()
        return automations

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def _get_actions(self, records, triggers):
        # As Odoo does: a fresh record of the rules already run in this call chain.
        automations = self if "__action_done" in self.env.context else self.with_context(__action_done={})
        return automations.browse(self._anchor_rule_ids(records._name, tuple(triggers)))

    @api.model
    @tools.ormcache("model_name", "triggers")
    def _anchor_rule_ids(self, model_name, triggers):
        """Ids of the active rules of ``model_name`` with one of ``triggers``.
        Odoo's search is sudo and company-independent: one answer for every user."""
        return tuple(super()._get_actions(self.env[model_name], list(triggers)).ids)
