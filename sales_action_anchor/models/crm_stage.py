from odoo import api, fields, models

from ..lib.anchor_constants import ANCHOR_STAGES


class CrmStage(models.Model):
    # A thread, so that changes to a stage's gate are logged in its chatter:
    # who changed which evidence it requires, and when; a gate decides which
    # opportunities may move, so it is audited where managers edit it. Its
    # cost: no column (mail.thread's fields are not stored on crm.stage), a
    # tracking comparison on stage writes, a tracking message when one of the
    # two fields changes, nothing more (see create).
    _name = "crm.stage"
    _inherit = ["crm.stage", "mail.thread"]

    # Configuration, entered by sales managers (see crm.anchor.input.guard).
    _anchor_entered_fields = frozenset({"anchor_code", "anchor_gate_ids"})

    anchor_code = fields.Selection(
        ANCHOR_STAGES,
        string="Anchor Stage",
        tracking=True,
        help="Stable meaning of the stage, used by gates, automations and reports "
        "whatever the stage is called.",
    )
    anchor_gate_ids = fields.Many2many(
        "crm.anchor.gate",
        string="Gate Evidence",
        tracking=True,
        help="Evidence an opportunity of an anchor-enforced team must have before it can enter this stage.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # Pipelines create stages in numbers (crm, data files, tests): a stage's
        # creation is no audit event, only its gate's values are (tracked).
        quiet = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
        return super(CrmStage, quiet).create(vals_list).with_env(self.env)
