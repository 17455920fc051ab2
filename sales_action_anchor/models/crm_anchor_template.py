from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import mining, text_quality
from ..lib.anchor_constants import AGREED_ACTIONS, VALUE_MAX_CHARS

# Visits mined per company and pain category: the most recent ones. Mining
# compares summaries pairwise, so this bounds the nightly job whatever the
# history (what wins deals now matters more than three years ago).
MINING_SAMPLE = 1500

TEMPLATE_STATES = [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")]


class CrmAnchorTemplate(models.Model):
    """A talk template: for this kind of pain point, say this and propose that
    next step. Mined from the visits of won and lost opportunities, reviewed and
    published by a sales manager, shown to salespeople when they log a visit."""

    _name = "crm.anchor.template"
    _description = "Talk Template"
    _inherit = ["mail.thread", "crm.anchor.input.guard"]
    _order = "state desc, evidence_count desc, win_rate desc, id"
    _check_company_auto = True

    _anchor_entered_fields = frozenset(
        {
            "name",
            "active",
            "company_id",
            "pain_category_id",
            "pain_point",
            "keywords",
            "what_to_say",
            "next_step",
        }
    )
    # Mined by the daily job; the state moves by the managers' review actions.
    _anchor_server_fields = frozenset(
        {"state", "what_to_say_key", "evidence_count", "win_rate", "visit_ids", "date_mined"}
    )

    name = fields.Char(compute="_compute_name", store=True, readonly=False, required=True, precompute=True)
    active = fields.Boolean(default=True)
    state = fields.Selection(
        TEMPLATE_STATES, default="draft", required=True, tracking=True, copy=False, index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", index=True)
    pain_category_id = fields.Many2one(
        "crm.anchor.pain.category", string="Pain Point Category", index=True, tracking=True
    )
    pain_point = fields.Text(help="A typical wording of the customer's pain point.")
    keywords = fields.Char(help="Comma-separated keywords of the pain point.")
    what_to_say = fields.Text("What to Say", tracking=True, help="The value statement that most often won.")
    what_to_say_key = fields.Char(compute="_compute_what_to_say_key", store=True, index=True, precompute=True)
    next_step = fields.Selection(AGREED_ACTIONS, tracking=True)
    evidence_count = fields.Integer("Evidence", readonly=True, help="Won visits that used this statement.")
    win_rate = fields.Float(
        "Win Rate (%)",
        readonly=True,
        digits=(5, 1),
        aggregator=None,  # a sum of rates means nothing, a plain mean misleads: no group total
        help="Won opportunities among the opportunities whose visits used this statement.",
    )
    visit_ids = fields.Many2many(
        "crm.anchor.visit",
        "crm_anchor_template_visit_rel",
        "template_id",
        "visit_id",
        string="Visits",
        readonly=True,
    )
    visit_count = fields.Integer(compute="_compute_visit_count")
    date_mined = fields.Datetime("Last Mined", readonly=True, copy=False)

    @api.depends("pain_category_id", "pain_point")
    def _compute_name(self):
        for template in self:
            pain = (template.pain_point or "").strip().splitlines()[0:1]
            pain = pain[0][:40] if pain else ""
            parts = [template.pain_category_id.name or "", pain]
            template.name = " / ".join(p for p in parts if p) or _("New Talk Template")

    @api.depends("what_to_say")
    def _compute_what_to_say_key(self):
        for template in self:
            template.what_to_say_key = text_quality.summary_key(template.what_to_say) or False

    def _compute_visit_count(self):
        for template in self:
            template.visit_count = len(template.visit_ids)

    # ------------------------------------------------------------------
    # Review
    # ------------------------------------------------------------------

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales managers can publish or unpublish talk templates."))

    def action_publish(self):
        self._check_manager()
        self.check_access("write")
        self.filtered(lambda t: t.state != "published").sudo().write({"state": "published", "active": True})
        return True

    def action_unpublish(self):
        self._check_manager()
        self.check_access("write")
        self.filtered(lambda t: t.state == "published").sudo().write({"state": "draft"})
        return True

    def action_archive(self):
        self._check_manager()
        result = super().action_archive()
        self.sudo().write({"state": "archived"})
        return result

    def action_unarchive(self):
        self._check_manager()
        result = super().action_unarchive()
        self.sudo().write({"state": "draft"})
        return result

    def action_use_in_visit(self):
        """Insert this template into the draft visit it was opened from: what to
        say becomes the value offered (when it fits), the next step the agreed
        action. The salesperson still reviews and submits."""
        self.ensure_one()
        # Harmless from a client: it names the visit to fill, which is written as
        # the caller (access rules, the lock of submitted visits) below.
        visit = self.env["crm.anchor.visit"].browse(self.env.context.get("anchor_visit_id")).exists()
        if not visit or visit.state != "draft":
            raise UserError(_("Open the talk templates from a draft visit to use one."))
        values = {"agreed_action": self.next_step}
        if len(self.what_to_say or "") <= VALUE_MAX_CHARS:
            values["value_point"] = self.what_to_say
        visit.write(values)
        visit.message_post(body=_("Talk template used: %(template)s", template=self.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.anchor.visit",
            "res_id": visit.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_visits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Visits"),
            "res_model": "crm.anchor.visit",
            "view_mode": "list,form",
            "domain": [("id", "in", self.visit_ids.ids)],
        }

    # ------------------------------------------------------------------
    # Mining
    # ------------------------------------------------------------------

    def _anchor_mined_visits(self):
        """FROM and WHERE of the visits to mine: submitted visits of
        anchor-enforced teams' won or lost opportunities (flushed first)."""
        self.env["crm.anchor.visit"].flush_model()
        self.env["crm.lead"].flush_model()
        self.env["crm.stage"].flush_model(["is_won"])
        self.env["crm.team"].flush_model(["anchor_enforced"])
        return SQL(
            """
              FROM crm_anchor_visit v
              JOIN crm_lead l ON l.id = v.lead_id
              JOIN crm_team t ON t.id = l.team_id
         LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE v.state = 'submitted'
               AND t.anchor_enforced
               AND ((l.active AND (l.probability = 100 OR COALESCE(s.is_won, FALSE)))
                    OR (NOT l.active AND COALESCE(l.probability, 0) = 0))
            """
        )

    @api.model
    def _anchor_mining_batches(self):
        """The (company id, pain category id) pairs with visits to mine, in one
        query. Templates are mined per category, so one pair is one batch."""
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT l.company_id, v.pain_category_id %s ORDER BY 1, 2",
                self._anchor_mined_visits(),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _anchor_visit_facts(self, company_id, category_id):
        """The VisitFacts of one batch (its MINING_SAMPLE latest visits), in one query."""
        self.env.cr.execute(
            SQL(
                """
                SELECT v.id, v.lead_id, v.pain_summary, v.value_point, v.agreed_action,
                       (l.active AND (l.probability = 100 OR COALESCE(s.is_won, FALSE))) AS won
                %(visits)s
                   AND l.company_id IS NOT DISTINCT FROM %(company)s
                   AND v.pain_category_id IS NOT DISTINCT FROM %(category)s
              ORDER BY v.date_visit DESC, v.id DESC
                 LIMIT %(sample)s
                """,
                visits=self._anchor_mined_visits(),
                company=company_id,
                category=category_id,
                sample=MINING_SAMPLE,
            )
        )
        return [
            mining.VisitFact(
                visit_id=vid,
                lead_id=lead_id,
                category_id=category_id,
                pain_summary=summary or "",
                value_point=value or "",
                agreed_action=action or "",
                won=bool(won),
            )
            for vid, lead_id, summary, value, action, won in self.env.cr.fetchall()
        ]

    @api.model
    def _anchor_mine(self, min_evidence=2, company_ids=None):
        """Mine the visits and upsert draft templates; returns the templates
        created or updated. A template already there for the same company,
        category and statement (compared normalised) is updated, whatever its
        state: published ones stay published, archived (rejected) ones stay
        archived and are not proposed again. One company and category at a
        time: memory holds one batch's visits, not all of them. ``company_ids``:
        only these companies' visits (False: those of no company); default:
        every company."""
        Template = self.sudo().with_context(active_test=False, tracking_disable=True)
        now = fields.Datetime.now()
        touched = Template.browse()
        for company_id, category_id in self._anchor_mining_batches():
            if company_ids is not None and (company_id or False) not in company_ids:
                continue
            proposals = mining.mine_templates(
                self._anchor_visit_facts(company_id, category_id), min_evidence=min_evidence
            )
            if not proposals:
                continue
            # With what the upsert reads and rewrites, for all of them at once.
            existing = Template.search_fetch(
                [("company_id", "=", company_id or False), ("pain_category_id", "=", category_id or False)],
                ["what_to_say_key", "state", "visit_ids"],
            )
            by_key = {t.what_to_say_key: t for t in existing}
            for proposal in proposals:
                key = text_quality.summary_key(proposal.what_to_say) or False
                stats = {
                    "evidence_count": proposal.evidence_count,
                    "win_rate": round(proposal.win_rate * 100, 1),
                    "visit_ids": [(6, 0, proposal.visit_ids)],
                    "keywords": ", ".join(proposal.keywords),
                    "date_mined": now,
                }
                template = by_key.get(key)
                if template:
                    if template.state == "draft":
                        stats.update(pain_point=proposal.pain_point, next_step=proposal.next_step or False)
                    template.write(stats)
                else:
                    template = Template.create(
                        {
                            "company_id": company_id or False,
                            "pain_category_id": category_id or False,
                            "pain_point": proposal.pain_point,
                            "what_to_say": proposal.what_to_say,
                            "next_step": proposal.next_step or False,
                            **stats,
                        }
                    )
                    by_key[key] = template
                touched |= template
        return touched

    @api.model
    def _cron_anchor_mine_templates(self):
        templates = self._anchor_mine()
        self.env["ir.cron"]._notify_progress(done=len(templates), remaining=0)
        return True

    @api.model
    def action_mine_templates(self):
        self._check_manager()
        # The manager's own companies: another company's visits are not theirs to mine, nor to count.
        templates = self._anchor_mine(company_ids=[*self.env.companies.ids, False])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s talk template(s) mined.", count=len(templates)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # For the visit form and the mobile page
    # ------------------------------------------------------------------

    @api.readonly
    @api.model
    def get_published_templates(self, category_id):
        """Published templates of a pain point category, best first."""
        templates = self.search(
            [
                ("state", "=", "published"),
                ("pain_category_id", "=", int(category_id) if category_id else False),
                ("company_id", "in", [*self.env.companies.ids, False]),
            ],
            order="evidence_count desc, win_rate desc, id",
        )
        return [
            {
                "id": t.id,
                "pain_point": t.pain_point or "",
                "what_to_say": t.what_to_say or "",
                "next_step": t.next_step or False,
                "win_rate": t.win_rate,
                "evidence_count": t.evidence_count,
            }
            for t in templates
        ]
