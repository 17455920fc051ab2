"""The naive ORM way of each figure: search, then browse and loop in Python,
one record (and often one query) at a time — how such code is usually first
written. Used only as a reference in the benchmark.

Each function stops when ``budget`` (a ``Budget``) runs out and raises
``OverBudget``, so that the slowest ones do not hold the benchmark for hours;
the table then shows "> budget".
"""

import time
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import fields


class OverBudget(Exception):
    pass


class Budget:
    def __init__(self, seconds):
        self.seconds = seconds
        self.end = time.perf_counter() + seconds

    def check(self):
        if time.perf_counter() > self.end:
            raise OverBudget(self.seconds)


def dashboard(env, period, budget):
    """Stages, overdue, penetration and the ranking, record by record."""
    Lead = env["crm.lead"]
    stages, overdue = defaultdict(int), 0
    for lead in Lead.search([("type", "=", "opportunity"), ("team_id.anchor_enforced", "=", True)]):
        budget.check()
        if lead.stage_id.anchor_code:
            stages[lead.stage_id.anchor_code] += 1
        overdue += lead.anchor_overdue
    start = datetime.combine(period["date_from"], datetime.min.time())
    end = datetime.combine(period["date_to"] + timedelta(days=1), datetime.min.time())
    now = datetime.utcnow()
    penetration = {}
    for row in env["crm.anchor.expectation"].search(
        [("date_deadline", ">=", start), ("date_deadline", "<", end)]
    ):
        budget.check()
        if row.state == "pending" and row.date_deadline >= now:
            continue
        expected, on_time = penetration.get(row.kpi_id.code, (0, 0))
        penetration[row.kpi_id.code] = (expected + 1, on_time + (row.state == "done_on_time"))
    return {
        "stages": dict(stages),
        "overdue": overdue,
        "penetration": penetration,
        "ranking": ranking(env, start, end, budget),
    }


def ranking(env, start, end, budget):
    """Per salesperson: visits, average summary length, agreed actions done,
    follow-ups kept — the follow-up check searches the lead's later contacts."""
    today = datetime.utcnow().date()
    now = datetime.utcnow()
    acc = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    visits = env["crm.anchor.visit"].search(
        [
            ("state", "=", "submitted"),
            ("date_visit", ">=", start),
            ("date_visit", "<", end),
            ("lead_id.team_id.anchor_enforced", "=", True),
        ]
    )
    for visit in visits:
        budget.check()
        row = acc[visit.user_id.id]
        row[0] += 1
        row[1] += len((visit.pain_summary or "").strip())
        if visit.date_action_done or (visit.action_deadline and visit.action_deadline < today):
            row[2] += 1
            row[3] += bool(visit.date_action_done)
        if visit.date_next_followup and visit.date_next_followup < now:
            row[4] += 1
            window = visit.date_next_followup + timedelta(days=1)
            kept = env["crm.anchor.touch"].search_count(
                [
                    ("lead_id", "=", visit.lead_id.id),
                    ("state", "=", "done"),
                    ("date", ">", visit.date_visit),
                    ("date", "<=", window),
                ]
            ) or env["crm.anchor.visit"].search_count(
                [
                    ("lead_id", "=", visit.lead_id.id),
                    ("state", "=", "submitted"),
                    ("date_visit", ">", visit.date_visit),
                    ("date_visit", "<=", window),
                ]
            )
            row[5] += bool(kept)
    return {
        user: (count, round(chars / count, 1), due, done, followups, kept)
        for user, (count, chars, due, done, followups, kept) in acc.items()
    }


def penetration_pivot(env, start, end, budget):
    now = datetime.utcnow()
    cells = {}
    for row in env["crm.anchor.expectation"].search(
        [("date_deadline", ">=", start), ("date_deadline", "<", end)]
    ):
        budget.check()
        if row.state == "pending" and row.date_deadline >= now:
            continue
        expected, on_time = cells.get((row.user_id.id, row.kpi_id.id), (0, 0))
        cells[(row.user_id.id, row.kpi_id.id)] = (expected + 1, on_time + (row.state == "done_on_time"))
    return cells


def _schedule(lead, activity_type):
    """The reminder as the add-on assigns it (the salesperson, else the team
    leader, else OdooBot, with the summary in their language), so that Odoo
    sends the same "… assigned to you" notice: the same work, one by one."""
    user = lead.user_id or lead.team_id.user_id or lead.env.ref("base.user_root")
    kind = activity_type.with_context(lang=user.lang or "en_US")
    lead.activity_schedule(
        activity_type_id=activity_type.id,
        summary=kind.summary or kind.name,
        user_id=user.id,
        date_deadline=fields.Date.context_today(lead),
    )


def sync_overdue(env, budget):
    """Every anchor lead checked in Python and written one by one."""
    now = datetime.utcnow()
    changed = 0
    Activity = env["mail.activity"]
    activity_type = env.ref("sales_action_anchor.mail_activity_type_anchor_overdue")
    for lead in env["crm.lead"].search([("team_id.anchor_enforced", "=", True)]):
        budget.check()
        last = lead.date_last_followup or lead.create_date
        should = lead.anchor_stage_code not in ("signed", "delivery") and last < now - timedelta(
            days=lead.team_id.anchor_overdue_days
        )
        if should != lead.anchor_overdue:
            lead.anchor_overdue = should
            changed += 1
            if should and not Activity.search_count(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "=", lead.id),
                    ("activity_type_id", "=", activity_type.id),
                ]
            ):
                _schedule(lead, activity_type)
            env.flush_all()
    return changed


def sync_first_touch_sla(env, budget):
    now = datetime.utcnow()
    breached = 0
    activity_type = env.ref("sales_action_anchor.mail_activity_type_anchor_first_touch")
    for lead in env["crm.lead"].search([("first_touch_sla_status", "=", "pending")]):
        budget.check()
        if lead.date_first_touch_deadline and lead.date_first_touch_deadline < now:
            lead.first_touch_sla_status = "breached"
            _schedule(lead, activity_type)
            breached += 1
            env.flush_all()
    return breached


def mark_missed(env, budget):
    now = datetime.utcnow()
    missed = 0
    for row in env["crm.anchor.expectation"].search([("state", "=", "pending")]):
        budget.check()
        if row.date_deadline < now:
            row.state = "missed"
            missed += 1
            env.flush_all()
    return missed
