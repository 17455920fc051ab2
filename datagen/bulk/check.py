"""Smoke check of a generated database with the add-on's own code.

As a team manager: the dashboard for last month, the morning views for the last
week, the two reporting views. The scheduled jobs' methods. As a salesperson: the
mobile home page, a visit sent from the phone, its agreed action done, an
opportunity moved through a stage gate and another refused by one. Prints the
figures, fails on an error or an implausible figure. The caller rolls back.
"""

import resource
import signal
import time
import uuid
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError

from .texts import normalize


def _timed(log, label, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    log(f"  {label}: {time.perf_counter() - started:.2f} s")
    return result


def _rate(value):
    return "—" if value is None else f"{value:.1%}"


def last_month(today):
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def run(env, log, mining_seconds=300, memory_gb=4):
    """Returns the problems found that are not errors of the check itself (the
    talk-template mining does not scale: it is given a time and memory budget)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_gb * 1024**3
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
    )
    problems = []
    users = env["res.users"].with_context(active_test=False)
    managers = users.search([("login", "=like", "bench.manager.%")], order="login")
    reps = users.search([("login", "=like", "bench.rep.%")], order="login")
    assert managers and reps, "not a generated database (no bench.manager.* / bench.rep.* users)"
    manager = managers[0]
    today = fields.Date.context_today(env["res.users"].with_user(manager))
    start, end = last_month(today)
    log(f"Checking as {manager.login} ({manager.name}), period {start} – {end}")

    for user in (reps[0], reps[-1], manager):
        credential = {"login": user.login, "password": "bench", "type": "password"}
        env["res.users"].with_user(user)._check_credentials(credential, {"interactive": False})
    log(f"  {reps[0].login}, {reps[-1].login} and {manager.login} log in with the password 'bench'")
    dashboard(env(user=manager), start, end, log)
    morning(env(user=manager), today, log)
    reports(env(user=manager), log)
    crons(env, log)
    problems += mine_templates(env, log, mining_seconds)
    salesperson(env, reps, today, log)
    return problems


def dashboard(env, start, end, log):
    data = _timed(log, "crm.anchor.dashboard.get_data (all teams)", env["crm.anchor.dashboard"].get_data,
                  str(start), str(end))  # fmt: skip
    stages = {row["code"]: row["count"] for row in data["stages"]}
    log(f"  stages now: {stages}; overdue: {data['overdue']['count']}")
    assert sum(stages.values()) > 0
    for kpi in data["penetration"]:
        log(
            f"  penetration {kpi['code']:15} expected {kpi['expected']:>7} on time {kpi['done_on_time']:>7}"
            f" rate {_rate(kpi['rate'])} habit {kpi['habit']}"
            f" trend {[_rate(point['rate']) for point in kpi['trend']]}"
        )
        assert kpi["expected"] > 0, kpi["code"]
        assert 0 <= kpi["rate"] <= 1
    rows = data["ranking"]["rows"]
    assert rows, "empty ranking"
    busy = [row for row in rows if row["busy_for_show"]]
    real = [row for row in rows if row["real_progress"]]
    log(f"  ranking: {len(rows)} salespeople, busy for show {len(busy)}, real progress {len(real)}")
    for row in rows[:3] + busy[:2]:
        log(
            f"    #{row['rank']} {row['name']}: visits {row['visits']},"
            f" summary {row['avg_summary_chars']} chars, completion {_rate(row['completion_rate'])},"
            f" punctuality {_rate(row['punctuality_rate'])}"
        )
    assert busy and real, "expected both busy-for-show and real-progress salespeople"
    business = data["business"]
    log(
        f"  business: second quotes {business['demand_heat']['count']}, signed {business['trust']['signed']}"
        f" (delivery asked {business['trust']['count']}), method transfer {business['method_transfer']}"
    )
    assert business["trust"]["signed"] > 0
    for row in data["before_after"]:
        log(f"  before/after {row['code']:25} {row['before']} → {row['after']}")
    team = env["crm.team"].search([("user_id", "=", env.uid)], limit=1)
    _timed(log, f"get_data (one team: {team.name})", env["crm.anchor.dashboard"].get_data,
           str(start), str(end), team.ids)  # fmt: skip


def morning(env, today, log):
    start = today - timedelta(days=6)
    data = _timed(log, "crm.anchor.morning.get_data (last 7 days)", env["crm.anchor.morning"].get_data,
                  str(start), str(today))  # fmt: skip
    cells = data["heatmap"]["cells"]
    log(
        f"  heatmap {len(data['heatmap']['users'])} salespeople × {len(data['heatmap']['days'])} days,"
        f" {len(cells)} cells; words {[w['word'] for w in data['words'][:8]]};"
        f" newcomers {len(data['newcomers']['rows'])}"
    )
    pilot = data["pilot"]
    log(
        f"  pilot group vs others: check-ins {_rate(pilot['pilot']['checkin_rate'])}"
        f" vs {_rate(pilot['others']['checkin_rate'])}, win rate {_rate(pilot['pilot']['win_rate'])}"
        f" vs {_rate(pilot['others']['win_rate'])}"
    )
    assert cells and data["words"] and data["trend"]["daily"]


def reports(env, log):
    penetration = _timed(
        log,
        "read_group crm.anchor.penetration.report by KPI",
        env["crm.anchor.penetration.report"].read_group,
        [],
        ["on_time_rate:avg", "expected_count:sum"],
        ["kpi_id"],
    )
    for row in penetration:
        log(f"    {row['kpi_id'][1]}: {row['on_time_rate']:.1f} % of {row['expected_count']}")
        assert 0 <= row["on_time_rate"] <= 100
    quality = _timed(
        log,
        "read_group crm.anchor.visit.report by salesperson",
        env["crm.anchor.visit.report"].read_group,
        [],
        ["summary_chars:avg", "action_done_rate:avg", "followup_kept_rate:avg", "visit_count:sum"],
        ["user_id"],
        orderby="visit_count desc",
    )
    for row in quality[:3]:
        log(
            f"    {row['user_id'][1]}: {row['visit_count']} visits, {row['summary_chars']:.1f} chars,"
            f" done {row['action_done_rate']:.1f} %, kept {row['followup_kept_rate']:.1f} %"
        )
    assert quality


def crons(env, log):
    """The jobs' methods: on a consistent database they find (almost) nothing to do."""
    Lead = env["crm.lead"]
    done, remaining = _timed(log, "crm.lead._anchor_sync_overdue()", Lead._anchor_sync_overdue)
    log(f"    overdue flags changed: {done} (remaining {remaining})")
    flagged, _rest = _timed(log, "crm.lead._anchor_sync_first_touch_sla()", Lead._anchor_sync_first_touch_sla)
    log(f"    first touches newly breached: {flagged}")
    Ledger = env["crm.anchor.expectation"]
    late = [("state", "=", "pending"), ("date_deadline", "<", fields.Datetime.now())]
    before = Ledger.search_count(late)
    _timed(log, "crm.anchor.expectation._cron_anchor_missed()", Ledger._cron_anchor_missed)
    log(f"    expected actions marked missed: {before - Ledger.search_count(late)}")
    Checkin = env["crm.anchor.checkin"]
    count = Checkin.search_count([])
    _timed(log, "crm.anchor.checkin._cron_anchor_checkins()", Checkin._cron_anchor_checkins)
    log(f"    check-ins opened: {Checkin.search_count([]) - count}")


def mine_templates(env, log, seconds):
    """The daily mining job, within a time and memory budget."""
    Template = env["crm.anchor.template"].with_context(active_test=False)

    def out_of_time(_signum, _frame):
        raise TimeoutError(f"the budget of {seconds} s is spent")

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(seconds)
    started = time.perf_counter()
    try:
        with env.cr.savepoint():
            _timed(
                log, "crm.anchor.template._cron_anchor_mine_templates()", Template._cron_anchor_mine_templates
            )
    except (TimeoutError, MemoryError) as error:
        problem = (
            f"crm.anchor.template._cron_anchor_mine_templates(): {type(error).__name__} {error}"
            f" after {time.perf_counter() - started:.0f} s"
        )
        log(f"  PROBLEM {problem}")
        return [problem]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    log(f"    talk templates: {Template.search_count([])}")
    return []


def salesperson(env, reps, today, log):
    rep = reps[0]
    renv = env(user=rep)
    home = _timed(log, f"crm.anchor.mobile.get_home() as {rep.login}", renv["crm.anchor.mobile"].get_home)
    due_today = renv["mail.activity"].search(
        [("user_id", "=", rep.id), ("res_model", "=", "crm.lead"), ("date_deadline", "=", today)]
    )
    log(
        f"    due or overdue opportunities {len(home['due'])}, activities due today {len(due_today)},"
        f" open opportunities {len(home['opportunities'])}"
    )
    assert len(due_today) >= 3 and home["opportunities"]

    lead = renv["crm.lead"].browse(due_today[0].res_id)
    # Agreed actions only: the visit may also close the lead's overdue reminder.
    agreed = env.ref("sales_action_anchor.mail_activity_type_anchor_agreed_action")
    activities_before = len(lead.activity_ids.filtered(lambda activity: activity.activity_type_id == agreed))
    summary = f"{lead.partner_id.name}的采购说现有供应商交期不稳定，{uuid.uuid4().hex[:6]}批次到货晚了"
    entry = {
        "client_uuid": str(uuid.uuid4()),
        "lead_id": lead.id,
        "date_visit": fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=1)),
        "pain_category_id": env.ref("sales_action_anchor.pain_category_lead_time").id,
        "pain_summary": summary,
        "value_point": "两地仓库常备现货，24小时送到工地",
        "agreed_action": "send_quote",
        "agreed_action_note": "",
        "date_next_followup": fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=1)),
        "followup_channel": "wechat",
        "quick_note": "",
        "photo": None,
        "remind": True,
    }
    sync = renv["crm.anchor.mobile"].sync_entries
    [result] = _timed(log, "crm.anchor.mobile.sync_entries() (one visit)", sync, [entry])
    assert result["status"] == "created", result
    visit = renv["crm.anchor.visit"].browse(result["visit_id"])
    assert visit.state == "submitted" and visit.activity_id and visit.pain_summary_key == normalize(summary)
    lead.invalidate_recordset(["activity_ids"])
    assert (
        len(lead.activity_ids.filtered(lambda activity: activity.activity_type_id == agreed))
        == activities_before + 1
    )
    _timed(log, "agreed action marked done", visit.activity_id.action_feedback, feedback="报价已发")
    assert visit.date_action_done and visit.action_done_on_time and lead.date_quote_sent
    log(f"    visit {visit.id} submitted, its agreed action done on time, quote sent {lead.date_quote_sent}")

    # Through a gate: an opportunity whose proposal went out enters Quote, moved by its salesperson.
    stage = {code: env.ref(f"sales_action_anchor.stage_anchor_{code}") for code in ("visit", "quote")}
    ready = env["crm.lead"].search(
        [
            ("anchor_stage_code", "=", "proposal"),
            ("date_proposal_sent", "!=", False),
            ("user_id", "in", reps.ids),
        ],
        limit=1,
    )
    assert ready, "no opportunity in Proposal with its proposal sent"
    ready = ready.with_user(ready.user_id)
    _timed(
        log,
        f"lead {ready.id} moved Proposal → Quote by its salesperson",
        ready.write,
        {"stage_id": stage["quote"].id},
    )
    quote = env["crm.anchor.expectation"].search(
        [("lead_id", "=", ready.id), ("kpi_code", "=", "quote_sent")]
    )
    assert ready.date_quote_stage and quote.state == "pending", "entering Quote opens the quote obligation"
    # ... and a lead without a first touch is refused by the Visit gate.
    untouched = env["crm.lead"].search(
        [("date_first_touch", "=", False), ("anchor_stage_code", "=", "lead"), ("user_id", "in", reps.ids)],
        limit=1,
    )
    if untouched:
        untouched = untouched.with_user(untouched.user_id)
        try:
            with env.cr.savepoint():
                untouched.write({"stage_id": stage["visit"].id})
        except ValidationError as error:
            log(f"    gate refused as expected: {error.args[0][:70]}…")
        else:
            raise AssertionError("the Visit gate let a lead without a first touch through")
    assert today <= date.today() + timedelta(days=1)
