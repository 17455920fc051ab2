"""The operations bench/benchmark.py measures: each with the add-on's way,
its SQL floor (sql_floor.py) and, where there is one, the naive ORM way
(naive_orm.py), and how to tell that two of them computed the same figures."""

import sys
from datetime import datetime, timedelta

import naive_orm
import sql_floor
from dateutil.relativedelta import relativedelta

from odoo import fields


class Case:
    """One operation: ``ours(env)``, ``floor(cr)`` and optionally
    ``naive(env, budget)``, ``prepare(env)`` (state to create inside the
    rolled-back transaction, not timed), ``same(ours, floor)`` and
    ``figures(env)`` (what a run wrote, read after it, not timed: then the
    naive way's figures are compared too)."""

    def __init__(self, name, ours, floor, naive=None, prepare=None, same=None, figures=None):
        self.name, self.ours, self.floor, self.naive = name, ours, floor, naive
        self.prepare = prepare or (lambda env: None)
        self.figures = figures
        self.same = same or (lambda ours, floor: ours == floor)


def find_user(env, login, group):
    user = env["res.users"].search([("login", "=", login)], limit=1)
    return user or env["res.users"].search(
        [("groups_id", "in", env.ref(group).id), ("share", "=", False)], limit=1
    )


def cases(env):
    manager = find_user(env, "bench.manager.01@example.com", "sales_team.group_sale_manager")
    # A salesperson with a lead waiting in the Lead stage (the gate case moves it).
    rep = env["res.users"].search([("login", "=", "bench.rep.001@example.com")]) or (
        env["crm.lead"]
        .search(
            [
                ("anchor_enforced", "=", True),
                ("anchor_stage_code", "=", "lead"),
                ("date_first_touch", "!=", False),
            ],
            limit=1,
        )
        .user_id
    )
    analysis = env["crm.anchor.analysis"].with_user(manager)
    tz, today = analysis._tz(), analysis._today()  # the team's day, as the dashboard counts
    month_start = today.replace(day=1) - relativedelta(months=1)
    month = (month_start, today.replace(day=1) - timedelta(days=1))
    year = (today.replace(day=1) - relativedelta(months=12), month[1])
    model_id = env["ir.model"]._get_id("crm.lead")
    overdue_type = env.ref("sales_action_anchor.mail_activity_type_anchor_overdue").id
    first_touch_type = env.ref("sales_action_anchor.mail_activity_type_anchor_first_touch").id
    agreed_type = env.ref("sales_action_anchor.mail_activity_type_anchor_agreed_action").id
    kpi_ids = {kpi.code: kpi.id for kpi in env["crm.anchor.kpi"].search([])}
    Lead = env["crm.lead"]

    def dashboard_case(name, days):
        dashboard = env["crm.anchor.dashboard"].with_user(manager)
        period = dashboard._period(*days)
        trend_end = min(days[1], today).replace(day=1) + relativedelta(months=1)
        trend_start = trend_end - relativedelta(months=6)
        newcomer_days = dashboard._thresholds()["newcomer_days"]
        return Case(
            name,
            # As the manager: with_env(env) alone would run it as the superuser, in another time zone.
            lambda env, _state: (
                env["crm.anchor.dashboard"].with_user(manager).get_data(*[day.isoformat() for day in days])
            ),
            lambda cr, _state: sql_floor.dashboard(
                cr, period, trend_start, trend_end, newcomer_days, tz, today
            ),
            naive=lambda env, _state, budget: naive_orm.dashboard(env, period, budget),
            same=same_dashboard,
        )

    def between(days):
        return analysis._bounds(*days)

    penetration_measures = ["expected_count:sum", "on_time_count:sum", "on_time_rate:avg"]
    visit_measures = [
        "visit_count:sum",
        "summary_chars:avg",
        "action_done_rate:avg",
        "followup_kept_rate:avg",
    ]

    def penetration_pivot(web):
        """The pivot's cells by salesperson and KPI: the figures (``_read_group``)
        or the web client's call (``read_group``: names and a domain per cell)."""

        def run(env, _state):
            start, end = between(month)
            report = env["crm.anchor.penetration.report"].with_user(manager)
            domain = [("date_deadline", ">=", start), ("date_deadline", "<", end)]
            if not web:
                groups = report._read_group(domain, ["user_id", "kpi_id"], ["__count", "on_time_count:sum"])
                return {(user.id or False, kpi.id): (count, on_time) for user, kpi, count, on_time in groups}
            groups = report.read_group(domain, penetration_measures, ["user_id", "kpi_id"], lazy=False)
            return {
                (group["user_id"] and group["user_id"][0], group["kpi_id"][0]): (
                    group["expected_count"],
                    group["on_time_count"],
                )
                for group in groups
            }

        return run

    def visit_pivot(web):
        def run(env, _state):
            start, end = between(month)
            report = env["crm.anchor.visit.report"].with_user(manager)
            domain = [("date_visit", ">=", start), ("date_visit", "<", end)]
            if not web:
                groups = report._read_group(domain, ["user_id"], visit_measures)
                return {user.id: tuple(values) for user, *values in groups}
            groups = report.read_group(domain, visit_measures, ["user_id"], lazy=False)
            return {
                group["user_id"][0]: tuple(group[name.split(":")[0]] for name in visit_measures)
                for group in groups
            }

        return run

    def same_visit_pivot(ours, floor):
        return set(ours) == set(floor) and all(
            abs((a or 0) - (b or 0)) <= 0.1001
            for user in ours
            for a, b in zip(ours[user], floor[user], strict=True)
        )

    from odoo.addons.sales_action_anchor.models.crm_lead_overdue import CRON_BATCH_SIZE as BATCH

    def drain(step):
        """Run a batched job until nothing remains, as Odoo's cron runner does."""

        def run(env, _state):
            done = 0
            while True:
                batch, remaining = step(env)
                done += batch
                if not remaining:
                    return done

        return run

    def reset_overdue(env):
        env.cr.execute("UPDATE crm_lead SET anchor_overdue = FALSE WHERE anchor_overdue")
        env.cr.execute("DELETE FROM mail_activity WHERE activity_type_id = %s", (overdue_type,))

    def reset_sla(env):
        env.cr.execute(
            "UPDATE crm_lead SET first_touch_sla_status = 'pending' "
            "WHERE first_touch_sla_status = 'breached' AND date_first_touch IS NULL"
        )
        env.cr.execute("DELETE FROM mail_activity WHERE activity_type_id = %s", (first_touch_type,))

    # The jobs date their reminders in their own (the superuser's) day, not the team's.
    job_day = fields.Date.context_today(env["crm.lead"])

    def reminders_written(activity_type_id, flag):
        """A job's outcome: its reminders (lead, type, user, deadline,
        summary), the messages of this transaction (record, subject, each
        recipient with its notification's type) and the flagged leads."""

        def figures(env):
            env.flush_all()
            env.cr.execute(
                "SELECT res_id, activity_type_id, user_id, date_deadline, summary FROM mail_activity"
                " WHERE res_model = 'crm.lead' AND activity_type_id = %s ORDER BY res_id, id",
                (activity_type_id,),
            )
            activities = env.cr.fetchall()
            env.cr.execute(
                """
                SELECT m.model, m.res_id, m.subject, m.message_type, m.author_id,
                       array_agg(ARRAY[r.res_partner_id::text, n.notification_type] ORDER BY r.res_partner_id)
                  FROM mail_message m
                  JOIN mail_message_res_partner_rel r ON r.mail_message_id = m.id
                  LEFT JOIN mail_notification n
                    ON n.mail_message_id = m.id AND n.res_partner_id = r.res_partner_id
                 WHERE m.create_date = (now() AT TIME ZONE 'UTC')
                 GROUP BY m.id ORDER BY m.res_id, m.id
                """
            )
            messages = env.cr.fetchall()
            # ``flag`` is one of the two constants below.
            env.cr.execute(f"SELECT id FROM crm_lead WHERE {flag} ORDER BY id")  # noqa: S608
            return activities, messages, [row[0] for row in env.cr.fetchall()]

        return figures

    def reset_missed(env):
        env.cr.execute("UPDATE crm_anchor_expectation SET state = 'pending' WHERE state = 'missed'")

    def missed_step(env):
        env["crm.anchor.expectation"]._cron_anchor_missed()
        env.flush_all()
        env.cr.execute(
            "SELECT COUNT(*) FROM crm_anchor_expectation "
            "WHERE state = 'pending' AND date_deadline < (now() AT TIME ZONE 'UTC')"
        )
        remaining = env.cr.fetchone()[0]
        return 0, remaining

    def missed_floor(cr, _state):
        return sql_floor.mark_missed(cr)

    def mine_floor(cr, _state):
        from odoo.addons.sales_action_anchor.lib import mining, text_quality
        from odoo.addons.sales_action_anchor.models.crm_anchor_template import MINING_SAMPLE

        by_company = {}
        for row in sql_floor.visit_facts(cr, MINING_SAMPLE):
            by_company.setdefault(row[6], []).append(
                mining.VisitFact(
                    visit_id=row[0],
                    lead_id=row[1],
                    category_id=row[2],
                    pain_summary=row[3] or "",
                    value_point=row[4] or "",
                    agreed_action=row[5] or "",
                    won=bool(row[7]),
                )
            )
        # Proposals saying the same thing (normalised) update one template, as in the add-on.
        return sum(
            len(
                {(p.category_id, text_quality.normalize(p.what_to_say)) for p in mining.mine_templates(facts)}
            )
            for facts in by_company.values()
        )

    def draft_visit(env):
        lead = Lead.search(
            [("user_id", "=", rep.id), ("anchor_enforced", "=", True), ("active", "=", True)], limit=1
        )
        visit = (
            env["crm.anchor.visit"]
            .with_user(rep)
            .create(
                {
                    "lead_id": lead.id,
                    "user_id": rep.id,
                    "pain_category_id": env["crm.anchor.pain.category"].search([], limit=1).id,
                    "pain_summary": "客户说现在的供应商交期太长，旺季经常断货",
                    "value_point": "本地仓备货，48小时内到货",
                    "agreed_action": "send_quote",
                    "date_next_followup": datetime.utcnow().replace(microsecond=0) + timedelta(days=2),
                    "followup_channel": "wechat",
                }
            )
        )
        return visit.id

    def gate_lead(env):
        lead = Lead.search(
            [
                ("anchor_enforced", "=", True),
                ("anchor_stage_code", "=", "lead"),
                ("date_first_touch", "!=", False),
                ("user_id", "!=", False),
            ],
            limit=1,
        )
        if not lead:
            raise SystemExit("No opportunity in the Lead stage with a first touch to move")
        stage = env["crm.stage"].search(
            [("anchor_code", "=", "visit"), ("team_id", "in", [lead.team_id.id, False])], limit=1
        )
        return lead.user_id.id, lead.id, stage.id

    return [
        dashboard_case("dashboard get_data, month", month),
        dashboard_case("dashboard get_data, year", year),
        Case(
            "penetration report figures, month",
            penetration_pivot(web=False),
            lambda cr, _state: sql_floor.penetration_pivot(cr, *between(month)),
            naive=lambda env, _state, budget: naive_orm.penetration_pivot(env, *between(month), budget),
        ),
        Case(
            "penetration report pivot (web read_group), month",
            penetration_pivot(web=True),
            lambda cr, _state: sql_floor.penetration_pivot(cr, *between(month)),
        ),
        Case(
            "visit report figures, month",
            visit_pivot(web=False),
            lambda cr, _state: sql_floor.visit_pivot(cr, *between(month)),
            naive=lambda env, _state, budget: naive_orm.ranking(env, *between(month), budget),
            same=same_visit_pivot,
        ),
        Case(
            "visit report pivot (web read_group), month",
            visit_pivot(web=True),
            lambda cr, _state: sql_floor.visit_pivot(cr, *between(month)),
            same=same_visit_pivot,
        ),
        Case(
            "overdue job (all leads re-flagged)",
            drain(lambda env: env["crm.lead"]._anchor_sync_overdue(limit=BATCH)),
            lambda cr, _state: sql_floor.sync_overdue(cr, overdue_type, model_id, job_day),
            naive=lambda env, _state, budget: naive_orm.sync_overdue(env, budget),
            prepare=reset_overdue,
            figures=reminders_written(overdue_type, "anchor_overdue"),
        ),
        Case(
            "first-touch SLA job (all breaches again)",
            drain(lambda env: env["crm.lead"]._anchor_sync_first_touch_sla(limit=BATCH)),
            lambda cr, _state: sql_floor.sync_first_touch_sla(cr, first_touch_type, model_id, job_day),
            naive=lambda env, _state, budget: naive_orm.sync_first_touch_sla(env, budget),
            prepare=reset_sla,
            figures=reminders_written(first_touch_type, "first_touch_sla_status = 'breached'"),
        ),
        Case(
            "missed-obligations job (all again)",
            drain(missed_step),
            missed_floor,
            naive=lambda env, _state, budget: naive_orm.mark_missed(env, budget),
            prepare=reset_missed,
            same=lambda ours, floor: True,  # ours is checked by the count left, which must be 0
        ),
        Case(
            "template mining job",
            lambda env, _state: len(env["crm.anchor.template"]._anchor_mine()),
            mine_floor,
        ),
        Case(
            "submit one visit (salesperson)",
            lambda env, visit_id: env["crm.anchor.visit"].with_user(rep).browse(visit_id).action_submit(),
            lambda cr, visit_id: sql_floor.submit_visit(cr, visit_id, agreed_type, model_id, kpi_ids),
            prepare=draft_visit,
            same=lambda ours, floor: True,
        ),
        Case(
            "stage change through a gate (salesperson)",
            lambda env, ids: Lead.with_env(env).with_user(ids[0]).browse(ids[1]).write({"stage_id": ids[2]}),
            lambda cr, ids: sql_floor.gate_check(cr, *ids[1:]) == [],
            prepare=gate_lead,
        ),
    ]


def same_dashboard(data, floor):
    """The add-on's get_data and the floor agree on every figure they share
    (averages to 0.1: both round to one decimal, Python half-even and SQL half-up)."""
    stages = {stage["code"]: stage["count"] for stage in data["stages"] if stage["count"]}
    penetration = {
        row["code"]: (row["expected"], row["done_on_time"]) for row in data["penetration"] if row["expected"]
    }
    trend = {
        (row["code"], datetime.strptime(point["month"], "%Y-%m").date()): (
            point["expected"],
            point["done_on_time"],
        )
        for row in data["penetration"]
        for point in row["trend"]
        if point["expected"]
    }
    ranking = {
        row["user_id"]: (
            row["visits"],
            row["avg_summary_chars"],
            row["actions_due"],
            row["actions_done"],
            row["followups_due"],
            row["followups_on_time"],
        )
        for row in data["ranking"]["rows"]
    }
    close = set(ranking) == set(floor["ranking"]) and all(
        abs(a - b) <= 0.1001
        for user in ranking
        for a, b in zip(ranking[user], floor["ranking"][user], strict=True)
    )
    # get_data answers False where there is no figure (XML-RPC carries no None), the floor None.
    before_after = {
        row["code"]: tuple(None if value is False else value for value in (row["before"], row["after"]))
        for row in data["before_after"]
    }
    previous = floor["previous"]
    checks = {
        "stages": stages == floor["stages"],
        "overdue": data["overdue"]["count"] == floor["overdue"],
        "penetration": penetration == floor["penetration"],
        "trend": trend == floor["trend"],
        "ranking": close,
        "demand heat": data["business"]["demand_heat"]["count"] == floor["demand_heat"],
        "trust": (data["business"]["trust"]["count"], data["business"]["trust"]["signed"]) == floor["trust"],
        "misjudgment": before_after["misjudgment_rate"] == floor["misjudgment"],
        "first-deal days": all(
            (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 0.1001)
            for a, b in zip(before_after["newcomer_first_deal_days"], floor["first_deal_days"], strict=True)
        ),
        "previous period": all(
            before_after[f"{code}_rate"][0]
            == sql_floor.rate(previous.get(code, (0, 0))[1], previous.get(code, (0, 0))[0])
            for code in ("first_touch", "visit_complete")
        ),
    }
    failed = [name for name, ok in checks.items() if not ok]
    if failed:
        print(f"    MISMATCH in {', '.join(failed)}", file=sys.stderr)
    return not failed
