"""The fixture of the access matrix's tests (test_access_matrix.py,
test_route_access.py, test_integrity.py): two companies, the personas, and
each owner's records; and the writes and creations each model is tried with."""

from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

GROUPS = {
    "rep_a": "sales_team.group_sale_salesman",
    "rep_b": "sales_team.group_sale_salesman",
    "all_docs": "sales_team.group_sale_salesman_all_leads",
    "manager": "sales_team.group_sale_manager",
    "foreign": "sales_team.group_sale_salesman_all_leads",
    "portal": "base.group_portal",
}
# What each persona is called; the owners' names are looked for in every answer.
NAMES = {
    "rep_a": "Matrix Rep A",
    "rep_b": "Matrix Rep B",
    "all_docs": "Matrix All Documents",
    "manager": "Matrix Manager",
    "foreign": "Matrix Foreign Rep",
    "portal": "Matrix Portal",
}
OWNERS = {"a": "rep_a", "x": "foreign"}


class AccessFixture:
    """Two companies; teams 1 and 2 in company 1, team X in company 2; the
    personas; and for each owner (A, the other company's user) an opportunity
    with a touch, a draft and a submitted visit, its ledger, a check-in and a
    published talk template of their company."""

    @classmethod
    def _build_fixture(cls):
        env = cls.env
        cls.company_1 = env.ref("base.main_company")
        cls.company_2 = env["res.company"].create({"name": "Matrix Company 2"})
        cls.stage_lead = env.ref("sales_action_anchor.stage_anchor_lead")
        cls.category = env.ref("sales_action_anchor.pain_category_price")
        cls.teams = {
            key: env["crm.team"].create({"name": name, "company_id": company.id, "anchor_enforced": True})
            for key, name, company in (
                ("a", "Matrix Team 1", cls.company_1),
                ("b", "Matrix Team 2", cls.company_1),
                ("x", "Matrix Team X", cls.company_2),
            )
        }
        cls.users = {}
        for persona, groups in GROUPS.items():
            company = cls.company_2 if persona == "foreign" else cls.company_1
            cls.users[persona] = new_test_user(
                env,
                f"matrix_{persona}",
                groups=f"{groups},base.group_allow_export",
                name=NAMES[persona],
                company_id=company.id,
                company_ids=[company.id],
                tz="Asia/Shanghai",
            )
        cls.users["public"] = env.ref("base.public_user")
        cls.users["public"].groups_id |= env.ref("base.group_allow_export")
        env["crm.team.member"].create(
            [
                {"crm_team_id": cls.teams["a"].id, "user_id": cls.users["rep_a"].id},
                {"crm_team_id": cls.teams["b"].id, "user_id": cls.users["rep_b"].id},
                {"crm_team_id": cls.teams["x"].id, "user_id": cls.users["foreign"].id},
            ]
        )
        cls.records = {target: cls._owned_records(target) for target in OWNERS}
        shared = {
            "crm.anchor.pain.category": cls.category,
            "crm.anchor.gate": env.ref("sales_action_anchor.crm_anchor_gate_quote_sent"),
            "crm.anchor.kpi": env.ref("sales_action_anchor.kpi_quote_sent"),
            "crm.anchor.signal": env.ref("sales_action_anchor.signal_second_quote"),
        }
        cls.records["a"].update(shared)

    @classmethod
    def _owned_records(cls, target):
        """The records of one owner, created as the owner where a salesperson would."""
        env = cls.env
        owner = cls.users[OWNERS[target]]
        team = cls.teams[target]
        now = fields.Datetime.now()
        customer = env["res.partner"].create(
            {"name": f"Matrix Customer {target.upper()}", "is_company": True}
        )
        lead = (
            env["crm.lead"]
            .with_user(owner)
            .create(
                {
                    "name": f"Matrix Opportunity {target.upper()}",
                    "type": "opportunity",
                    "partner_id": customer.id,
                    "team_id": team.id,
                    "user_id": owner.id,
                    "stage_id": cls.stage_lead.id,
                }
            )
        )
        evidence = env["ir.attachment"].with_user(owner).create({"name": "wechat.txt", "raw": b"ok"})
        touch = (
            env["crm.anchor.touch"]
            .with_user(owner)
            .create(
                {
                    "lead_id": lead.id,
                    "user_id": owner.id,
                    "method": "wechat",
                    "customer_words": "现在的供应商老是延期交货",
                    "evidence_attachment_ids": [fields.Command.set(evidence.ids)],
                    "state": "done",
                }
            )
        )
        Visit = env["crm.anchor.visit"].with_user(owner)
        submitted = Visit.create(
            {
                "lead_id": lead.id,
                "user_id": owner.id,
                "date_visit": now - timedelta(hours=2),
                "pain_category_id": cls.category.id,
                "pain_summary": f"矩阵客户{target.upper()}说安装太慢，影响交付",
                "value_point": "预装配方案，安装时间减半",
                "agreed_action": "arrange_demo",
                "date_next_followup": now + timedelta(days=2),
                "followup_channel": "onsite",
                "state": "submitted",
            }
        )
        draft = Visit.create({"lead_id": lead.id, "user_id": owner.id, "pain_summary": "草稿"})
        expectation = env["crm.anchor.expectation"].search(
            [("lead_id", "=", lead.id), ("kpi_code", "=", "first_touch")]
        )
        checkin = env["crm.anchor.checkin"].create(
            {
                "user_id": owner.id,
                "team_id": team.id,
                "date": fields.Date.context_today(lead.with_user(owner)),
                "morning_partner_id": customer.id,
                "morning_need": "要样品",
            }
        )
        template = env["crm.anchor.template"].create(
            {
                "company_id": team.company_id.id,
                "pain_category_id": cls.category.id,
                "pain_point": "安装太慢",
                "what_to_say": f"预装配方案{target.upper()}",
                "next_step": "provide_samples",
                "state": "published",
            }
        )
        return {
            "owner": owner,
            "team": team,
            "customer": customer,
            "submitted_visit": submitted,
            "crm.lead": lead,
            "crm.anchor.touch": touch,
            "crm.anchor.visit": draft,
            "crm.anchor.expectation": expectation,
            "crm.anchor.stage.entry": env["crm.anchor.stage.entry"].search(
                [("lead_id", "=", lead.id)], limit=1
            ),
            # The first touch was logged: its obligation is settled, counted in its day.
            "crm.anchor.ledger.day": env["crm.anchor.ledger.day"].search(
                [("user_id", "=", owner.id), ("grain", "=", "day")], limit=1
            ),
            "crm.anchor.checkin": checkin,
            "crm.anchor.template": template,
            "crm.anchor.penetration.report": env["crm.anchor.penetration.report"].browse(expectation.id),
            "crm.anchor.visit.report": env["crm.anchor.visit.report"].browse(submitted.id),
        }

    def _markers(self, target, persona):
        """Strings that only the target's data contains; the team's name too when
        the persona is of another company (team names are no secret within one)."""
        records = self.records[target]
        markers = [
            records["owner"].name,
            records["crm.lead"].name,
            records["customer"].name,
            records["submitted_visit"].pain_summary,
        ]
        if records["team"].company_id not in self.users[persona].company_ids:
            markers.append(records["team"].name)
        return markers


# Per model: a harmless write, and the values of "one like it, as oneself".
WRITES = {
    "crm.lead": {"description": "Matrix"},
    # The target touch is logged: what it reported is locked, its signals are not.
    "crm.anchor.touch": {"signal_ids": [(5, 0, 0)]},
    "crm.anchor.visit": {"pain_summary": "客户说交期太长"},
    "crm.anchor.expectation": {"state": "missed"},
    "crm.anchor.stage.entry": {"date": "2026-01-01 08:00:00"},
    "crm.anchor.ledger.day": {"expected_count": 99},
    "crm.anchor.checkin": {"morning_need": "要报价"},
    "crm.anchor.template": {"keywords": "交期"},
    "crm.anchor.penetration.report": {"state": "missed"},
    "crm.anchor.visit.report": {"summary_chars": 1},
    "crm.anchor.pain.category": {"sequence": 99},
    "crm.anchor.gate": {"sequence": 99},
    "crm.anchor.kpi": {"target": 90},
    "crm.anchor.signal": {"sequence": 99},
}


def _create_values(model, record, user):
    lead = record if model == "crm.lead" else record.lead_id if "lead_id" in record._fields else None
    values = {
        "crm.lead": lambda: {
            "name": "Matrix New Opportunity",
            "type": "opportunity",
            "team_id": record.team_id.id,
            "company_id": record.company_id.id,
            "user_id": user.id,
        },
        "crm.anchor.touch": lambda: {"lead_id": lead.id, "user_id": user.id, "method": "phone"},
        "crm.anchor.visit": lambda: {"lead_id": lead.id, "user_id": user.id},
        "crm.anchor.expectation": lambda: {
            "kpi_id": record.kpi_id.id,
            "lead_id": lead.id,
            "user_id": user.id,
            "company_id": record.company_id.id,
            "date_deadline": fields.Datetime.now(),
        },
        "crm.anchor.stage.entry": lambda: {
            "lead_id": lead.id,
            "stage_id": record.stage_id.id,
            "user_id": user.id,
            "company_id": record.company_id.id,
        },
        "crm.anchor.ledger.day": lambda: {
            "grain": "day",
            "kpi_id": record.kpi_id.id,
            "user_id": user.id,
            "company_id": record.company_id.id,
            "day": record.day,
        },
        "crm.anchor.checkin": lambda: {
            "user_id": user.id,
            "team_id": record.team_id.id,
            "date": record.date + timedelta(days=1),
        },
        "crm.anchor.template": lambda: {
            "company_id": record.company_id.id,
            "pain_category_id": record.pain_category_id.id,
            "what_to_say": "新说法",
        },
        "crm.anchor.penetration.report": dict,
        "crm.anchor.visit.report": dict,
        "crm.anchor.pain.category": lambda: {"name": f"Matrix category {user.id}"},
        "crm.anchor.gate": lambda: {"name": "Matrix gate", "code": "signed"},
        "crm.anchor.kpi": lambda: {"name": "Matrix KPI", "code": "first_touch"},
        "crm.anchor.signal": lambda: {"name": f"Matrix signal {user.id}"},
    }
    return values[model]()
