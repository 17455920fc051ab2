#!/usr/bin/env python3
"""Load test of the add-on over JSON-RPC, as salespeople and managers use it.

    python3 bench/load.py --url http://127.0.0.1:8069 --db saa_load_m \\
        --reps 50 --managers 5 --duration 300 --json out.json --markdown

Usually started by ``bench/run_load.sh``, which runs Odoo with ``--workers``
on 127.0.0.1 around it. Only a server on 127.0.0.1/localhost is accepted.

Each simulated user has its own HTTP session and logs in through
``/web/session/authenticate``, then calls models through
``/web/dataset/call_kw/<model>/<method>`` with the user context, as the web
client does. Users start at random within ``--ramp`` seconds (a login costs
a password hash). A salesperson loops, with a random think time of
``--think`` (0.5–2 s) between actions:

1. ``home``: today's list of the mobile page (``crm.anchor.mobile.get_home``);
2. ``parse_note``: a quick note of ``quick_note_corpus.jsonl`` read by
   ``crm.anchor.visit.parse_quick_note``;
3. ``submit_visit``: the visit, filled from the parsed note and completed
   where the parser found nothing (as the salesperson would), sent the way the
   page sends it: ``crm.anchor.mobile.sync_entries`` with a new client uuid;
4. ``find_activity`` + ``mark_done``: one of their activities due today or
   earlier (``mail.activity.search_read``), marked done with
   ``action_feedback`` as the chatter does. None due: the step is skipped.

A manager loops on ``crm.anchor.dashboard.get_data`` for the current month,
every ``--manager-think`` (5–15 s): a glance, then a reload.

Before and after, the database is counted over SQL (visits, open and done
activities) to check that every accepted visit exists once, that nothing else
was created, and that every activity marked done is done, once. The report
gives count, errors, throughput and p50/p95/p99 latency per action. Exit code
1 when a target fails: any error, a lost or duplicated record, or p95 of
``submit_visit`` at or above ``--submit-p95-ms``; 2 on bad arguments.

The machine may be shared: the report gives its CPU use and load during the
run and, with ``--server-pid`` (the server's session id), the CPU time the
Odoo server and the database's PostgreSQL backends spent on the load. With one
user and ``--cpu-per-action``, each request's server CPU time is measured too.

The run is bounded: ``--duration`` seconds and at most ``--max-actions``
requests in all; each request times out after ``--request-timeout``.
"""

import argparse
import itertools
import json
import os
import platform
import random
import sys
import threading
import time
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import requests

CORPUS = Path(__file__).with_name("quick_note_corpus.jsonl")
ALLOWED_HOSTS = {"127.0.0.1", "localhost"}
REP_ACTIONS = ("login", "home", "parse_note", "submit_visit", "find_activity", "mark_done")
MANAGER_ACTIONS = ("dashboard",)
ERROR_SAMPLES = 5
SERVER_DT = "%Y-%m-%d %H:%M:%S"

# What a salesperson types when the parser found nothing for a field.
FALLBACK = {
    "zh": {
        "pain": ["月底对账总是对不上", "交货周期太长影响排产", "报价流程太慢客户等不及", "售后响应不及时"],
        "value": ["我们的系统能自动对账", "分批发货缩短交期", "当天出报价", "专人两小时内响应"],
        "note": "回电确认细节",
    },
    "en": {
        "pain": [
            "month-end reconciliation never matches",
            "delivery lead times are too long",
            "quotes take too many days",
            "support answers too slowly",
        ],
        "value": [
            "automatic reconciliation",
            "split shipments cut lead time",
            "same-day quotes",
            "2-hour support",
        ],
        "note": "Call back to confirm details",
    },
}


class RpcError(Exception):
    """An HTTP error, a JSON-RPC error or an unexpected answer."""


# ----------------------------------------------------------------------
# JSON-RPC client
# ----------------------------------------------------------------------


class OdooClient:
    """One user's session, as a browser tab has it (its own cookies)."""

    def __init__(self, base_url, db, timeout):
        self.base_url = base_url.rstrip("/")
        self.db = db
        self.timeout = timeout
        self.session = requests.Session()
        # No proxy from the environment: requests go to 127.0.0.1 and nowhere else.
        self.session.trust_env = False
        self.ids = itertools.count(1)
        self.uid = None
        self.context = {}

    def post(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(self.ids)}
        try:
            response = self.session.post(
                self.base_url + path, json=payload, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as error:
            raise RpcError(f"{type(error).__name__}: {error}") from error
        if response.status_code != 200:
            raise RpcError(f"HTTP {response.status_code} on {path}: {response.text[:200]}")
        try:
            body = response.json()
        except ValueError as error:
            raise RpcError(f"not JSON on {path}: {response.text[:200]}") from error
        if body.get("error"):
            error = body["error"]
            data = error.get("data") or {}
            name = data.get("name") or error.get("message") or "error"
            raise RpcError(f"{name}: {data.get('message') or error.get('message')}")
        return body.get("result")

    def authenticate(self, login, password):
        result = self.post("/web/session/authenticate", {"db": self.db, "login": login, "password": password})
        if not result or not result.get("uid"):
            raise RpcError(f"login refused for {login}")
        self.uid = result["uid"]
        self.context = result.get("user_context") or {}
        return result

    def call(self, model, method, args=(), kwargs=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        return self.post(f"/web/dataset/call_kw/{model}/{method}", params)


# ----------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------


def percentile(sorted_values, fraction):
    """Linear interpolation between closest ranks; None without values."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


class Run:
    """Shared state of a run: its bounds, stop signal and measurements."""

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.started = time.monotonic()
        self.deadline = self.started + args.duration
        self.requests = 0
        self.latencies = defaultdict(list)  # action -> seconds, successful calls
        self.errors = defaultdict(int)
        self.error_samples = defaultdict(list)
        self.skipped = defaultdict(int)
        self.attempted_uuids = set()
        self.created_uuids = set()
        self.done_activity_ids = set()
        self.cpu = defaultdict(list)  # action -> server CPU seconds, with --cpu-per-action
        self.ended = None

    def server_cpu(self):
        """Server CPU so far, when measured per action (one user: no overlap)."""
        if not self.args.cpu_per_action:
            return None
        return server_cpu_seconds(self.args.server_pid, self.args.db)

    def active(self):
        if self.stop.is_set():
            return False
        if time.monotonic() >= self.deadline:
            self.stop.set()
            return False
        return True

    def take_slot(self):
        """Count one request against --max-actions; False once the run is over."""
        with self.lock:
            if not self.active():
                return False
            if self.requests >= self.args.max_actions:
                self.stop.set()
                return False
            self.requests += 1
            return True

    def think(self, rng, bounds):
        self.stop.wait(rng.uniform(*bounds))

    def measure(self, action, call, check=None):
        """Run ``call()`` as one ``action``; its result, or None when the run is
        over or the call failed (then counted with its message). ``check``
        returns an error message for a wrong answer, else None."""
        if not self.take_slot():
            return None
        cpu_before = self.server_cpu()
        start = time.perf_counter()
        try:
            result = call()
            problem = check(result) if check else None
        except RpcError as error:
            result, problem = None, str(error)
        elapsed = time.perf_counter() - start
        if cpu_before:
            cpu_after = self.server_cpu()
            self.cpu[action].append(sum(cpu_after.values()) - sum(cpu_before.values()))
        with self.lock:
            if problem:
                self.errors[action] += 1
                if len(self.error_samples[action]) < ERROR_SAMPLES:
                    self.error_samples[action].append(problem[:300])
                return None
            self.latencies[action].append(elapsed)
        return result

    def skip(self, action):
        with self.lock:
            self.skipped[action] += 1

    def summary(self):
        elapsed = (self.ended or time.monotonic()) - self.started
        rows = []
        for action in (*REP_ACTIONS, *MANAGER_ACTIONS):
            values = sorted(self.latencies.get(action, []))
            ok, errors = len(values), self.errors.get(action, 0)
            if not ok and not errors and not self.skipped.get(action):
                continue
            rows.append(
                {
                    "action": action,
                    "ok": ok,
                    "errors": errors,
                    "skipped": self.skipped.get(action, 0),
                    "per_second": round(ok / elapsed, 2) if elapsed else 0.0,
                    # Median: a worker's first request of a kind also loads caches (jieba's dictionary).
                    "cpu_ms": round(1000 * percentile(sorted(self.cpu[action]), 0.5), 1)
                    if self.cpu.get(action)
                    else None,
                    **{
                        f"{name}_ms": round(percentile(values, fraction) * 1000, 1) if values else None
                        for name, fraction in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))
                    },
                }
            )
        total_ok = sum(row["ok"] for row in rows)
        return {
            "elapsed_s": round(elapsed, 1),
            "requests": self.requests,
            "ok": total_ok,
            "errors": sum(row["errors"] for row in rows),
            "per_second": round(total_ok / elapsed, 2) if elapsed else 0.0,
            "actions": rows,
            "error_samples": {action: samples for action, samples in self.error_samples.items() if samples},
        }


# ----------------------------------------------------------------------
# Simulated users
# ----------------------------------------------------------------------


def load_notes():
    notes = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [note for note in notes if note.get("text")]


def future_followup(parsed_local, tz, rng):
    """The parsed follow-up (user's zone) in UTC, when it is ahead; else a
    day in the coming week at 10:00, as the salesperson would pick."""
    now = datetime.now(UTC)
    if parsed_local:
        try:
            moment = datetime.strptime(parsed_local[:19], SERVER_DT).replace(tzinfo=tz)
        except ValueError:
            moment = None
        if moment and moment > now + timedelta(minutes=5):
            return moment.astimezone(UTC).strftime(SERVER_DT)
    local_day = now.astimezone(tz).date() + timedelta(days=rng.randint(1, 7))
    moment = datetime(local_day.year, local_day.month, local_day.day, 10, tzinfo=tz)
    return moment.astimezone(UTC).strftime(SERVER_DT)


def build_entry(home, parsed, note, lead, serial, rng):
    """The payload ``toPayload`` of static/src/mobile/entry_queue.js makes.

    The pain point is the parsed one followed by the customer and a serial:
    the anchor check refuses a summary repeated word for word by the same
    salesperson, and a load test repeats its notes."""
    lang = "zh" if note.get("lang") in ("zh", "mixed") else "en"
    words = FALLBACK[lang]
    pain = (parsed.get("pain_summary") or "").strip() or rng.choice(words["pain"])
    customer = lead.get("partner_name") or lead.get("name") or ""
    if lang == "zh":
        pain_summary = f"{customer}：{pain}（第{serial}条记录）"
    else:
        pain_summary = f"{customer}: {pain} (record {serial})"
    value = (parsed.get("value_point") or "").strip() or rng.choice(words["value"])
    actions = [value for value, _label in home.get("agreed_actions") or []]
    action = parsed.get("agreed_action") if parsed.get("agreed_action") in actions else rng.choice(actions)
    channels = [value for value, _label in home.get("channels") or []]
    channel = parsed.get("followup_channel")
    channel = channel if channel in channels else rng.choice(channels)
    categories = [category["id"] for category in home.get("pain_categories") or []]
    category = parsed.get("pain_category_id")
    tz = ZoneInfo((home.get("user") or {}).get("tz") or "UTC")
    return {
        "client_uuid": str(uuid.uuid4()),
        "lead_id": lead["id"],
        "date_visit": datetime.now(UTC).strftime(SERVER_DT),
        "pain_category_id": category if category in categories else rng.choice(categories),
        "pain_summary": pain_summary,
        "value_point": value[: home["value_max_chars"]],
        "agreed_action": action,
        "agreed_action_note": (parsed.get("agreed_action_note") or words["note"])
        if action == "other"
        else False,
        "date_next_followup": future_followup(parsed.get("date_next_followup"), tz, rng),
        "followup_channel": channel,
        "quick_note": note["text"],
        "photo": None,
        "remind": False,
    }


def check_home(home):
    if not isinstance(home, dict) or "opportunities" not in home:
        return f"unexpected get_home answer: {str(home)[:100]}"
    return None


def check_sync(run, client_uuid):
    def check(results):
        if not isinstance(results, list) or len(results) != 1:
            return f"unexpected sync_entries answer: {str(results)[:200]}"
        result = results[0]
        if result.get("status") != "created" or result.get("client_uuid") != client_uuid:
            return f"entry {result.get('status')}: {result.get('message')}"
        with run.lock:
            run.created_uuids.add(client_uuid)
        return None

    return check


def rep_loop(run, index, login, notes):
    args = run.args
    rng = random.Random(args.seed * 100_003 + index)
    client = OdooClient(args.url, args.db, args.request_timeout)
    run.stop.wait(rng.uniform(0, args.ramp))
    if run.measure("login", lambda: client.authenticate(login, args.password)) is None:
        return
    serial = 0
    while run.active():
        home = run.measure("home", lambda: client.call("crm.anchor.mobile", "get_home"), check_home)
        run.think(rng, args.think)
        if home is None:
            continue
        note = rng.choice(notes)
        parsed = run.measure(
            "parse_note",
            lambda note=note: client.call("crm.anchor.visit", "parse_quick_note", [note["text"]]),
        )
        run.think(rng, args.think)
        leads = home["opportunities"] or home["due"]
        if not run.active():
            break
        if not leads:
            run.skip("submit_visit")
        else:
            serial += 1
            entry = build_entry(
                home, parsed or {}, note, rng.choice(leads), f"{args.tag}-{index}-{serial}", rng
            )
            with run.lock:
                run.attempted_uuids.add(entry["client_uuid"])
            run.measure(
                "submit_visit",
                lambda entry=entry: client.call("crm.anchor.mobile", "sync_entries", [[entry]]),
                check_sync(run, entry["client_uuid"]),
            )
        run.think(rng, args.think)
        mark_one_done(run, client, home["today"], rng)
        run.think(rng, args.think)


def mark_one_done(run, client, today, rng):
    """Open one of the salesperson's activities due by today and mark it done."""
    found = run.measure(
        "find_activity",
        lambda: client.call(
            "mail.activity",
            "search_read",
            [[("user_id", "=", client.uid), ("res_model", "=", "crm.lead"), ("date_deadline", "<=", today)]],
            {"fields": ["id", "res_id", "summary"], "limit": 5, "order": "date_deadline, id"},
        ),
    )
    if found is None:
        return
    if not found:
        run.skip("mark_done")
        return
    activity = rng.choice(found)
    if activity["id"] in run.done_activity_ids:
        # Marked done earlier in this run and still open: a lost "done".
        run.measure(
            "mark_done", lambda: None, lambda _result: f"activity {activity['id']} done earlier is open"
        )
        return

    def check(_message_id):
        with run.lock:
            run.done_activity_ids.add(activity["id"])

    run.measure(
        "mark_done",
        lambda: client.call(
            "mail.activity",
            "action_feedback",
            [[activity["id"]]],
            {"attachment_ids": [], "feedback": f"Done (load test {run.args.tag})"},
        ),
        check,
    )


def manager_loop(run, index, login):
    args = run.args
    rng = random.Random(args.seed * 100_003 + 50_000 + index)
    client = OdooClient(args.url, args.db, args.request_timeout)
    run.stop.wait(rng.uniform(0, args.ramp))
    if run.measure("login", lambda: client.authenticate(login, args.password)) is None:
        return
    today = date.today()
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    while run.active():
        run.measure(
            "dashboard",
            lambda: client.call(
                "crm.anchor.dashboard",
                "get_data",
                [first.isoformat(), last.isoformat()],
                {"team_ids": None, "user_ids": None},
            ),
            lambda data: (
                None if isinstance(data, dict) and "ranking" in data else "unexpected get_data answer"
            ),
        )
        run.think(rng, args.manager_think)


# ----------------------------------------------------------------------
# Database counts (SQL, before and after)
# ----------------------------------------------------------------------

COUNT_QUERIES = {
    "visits": "SELECT count(*) FROM crm_anchor_visit",
    "activities_open": "SELECT count(*) FROM mail_activity WHERE active",
    "activities_archived": "SELECT count(*) FROM mail_activity WHERE NOT active",
    # The message "… done" that action_feedback posts on the opportunity.
    "activities_done_messages": """
        SELECT count(*) FROM mail_message
         WHERE mail_activity_type_id IS NOT NULL
           AND subtype_id = (
               SELECT res_id FROM ir_model_data WHERE module = 'mail' AND name = 'mt_activities'
           )
    """,
}


def connect(db):
    import psycopg2  # noqa: PLC0415  (Odoo's own driver; only needed for the counts)

    return psycopg2.connect(dbname=db)


def db_counts(db):
    with connect(db) as conn, conn.cursor() as cr:
        counts = {}
        for name, query in COUNT_QUERIES.items():
            cr.execute(query)
            counts[name] = cr.fetchone()[0]
    conn.close()
    return counts


def db_checks(run, before, after):
    """Every check as (name, passed, detail)."""
    attempted = sorted(run.attempted_uuids)
    with connect(run.args.db) as conn, conn.cursor() as cr:
        # Per entry: visits stored, and whether its agreed action is planned or done.
        cr.execute(
            "SELECT client_uuid, count(*), bool_and(activity_id IS NOT NULL OR date_action_done IS NOT NULL) "
            "FROM crm_anchor_visit WHERE client_uuid = ANY(%s) GROUP BY client_uuid",
            [attempted],
        )
        stored = {row[0]: (row[1], row[2]) for row in cr.fetchall()}
        cr.execute(
            "SELECT client_uuid FROM crm_anchor_visit WHERE client_uuid IS NOT NULL "
            "GROUP BY client_uuid HAVING count(*) > 1"
        )
        duplicated_anywhere = len(cr.fetchall())
        # The message action_feedback posts carries this run's feedback.
        cr.execute(
            "SELECT count(*) FROM mail_message WHERE mail_activity_type_id IS NOT NULL AND body LIKE %s",
            [f"%load test {run.args.tag}%"],
        )
        done_messages = cr.fetchone()[0]
        cr.execute(
            "SELECT id FROM mail_activity WHERE id = ANY(%s) AND active", [sorted(run.done_activity_ids)]
        )
        still_open = [row[0] for row in cr.fetchall()]
    conn.close()
    created = run.created_uuids
    lost = sorted(created - stored.keys())
    phantom = sorted(stored.keys() - created)  # stored although the client saw an error
    duplicated = sorted(key for key, (count, _planned) in stored.items() if count > 1)
    unplanned = sorted(key for key, (_count, planned) in stored.items() if not planned)
    done = len(run.done_activity_ids)
    visits = after["visits"] - before["visits"]
    return [
        ("visits created == successful submits", visits == len(created), f"{visits} / {len(created)}"),
        ("no accepted visit lost", not lost, f"{len(lost)} {lost[:3]}"),
        ("no visit stored for a failed submit", not phantom, f"{len(phantom)} {phantom[:3]}"),
        (
            "no duplicated client_uuid",
            not duplicated and not duplicated_anywhere,
            f"{len(duplicated)} in this run, {duplicated_anywhere} in the table",
        ),
        (
            "every new visit has its agreed action activity",
            not unplanned,
            f"{len(unplanned)} {unplanned[:3]}",
        ),
        (
            "activities done == successful dones",
            done_messages == done,
            f"{done_messages} done / {done} dones",
        ),
        ("no activity marked done still open", not still_open, f"{len(still_open)} {still_open[:3]}"),
    ]


def open_balance(run, before, after):
    """How the open activities changed: each new visit plans its agreed action;
    the reps mark some done; the server closes reminders itself (a visit clears
    the opportunity's "overdue" reminder) and may open some."""
    new_agreed = len(run.created_uuids)
    marked_done = len(run.done_activity_ids)
    closed_by_server = after["activities_done_messages"] - before["activities_done_messages"] - marked_done
    change = after["activities_open"] - before["activities_open"]
    return {
        "change": change,
        "new_agreed_actions": new_agreed,
        "marked_done": -marked_done,
        "closed_by_server": -closed_by_server,
        "other": change - new_agreed + marked_done + closed_by_server,
    }


def cpu_times():
    """(busy, total) jiffies of the whole machine, or None off Linux."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def server_cpu_seconds(server_sid, db):
    """CPU seconds (user + system) used so far by the Odoo server's processes
    (its session: ``run_load.sh`` starts it with setsid) and by the PostgreSQL
    backends of ``db``: ``{"odoo": s, "postgresql": s}``, or None off Linux."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"odoo": 0.0, "postgresql": 0.0}
    try:
        entries = list(Path("/proc").iterdir())
    except OSError:
        return None
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        seconds = (int(stat[11]) + int(stat[12])) / tick  # utime, stime
        if int(stat[3]) == server_sid:  # session id
            used["odoo"] += seconds
        elif cmdline.startswith("postgres: ") and f" {db} " in cmdline:
            used["postgresql"] += seconds
    return used


def server_cpu_report(before, after, elapsed, requests, nproc):
    """What serving the load cost in CPU, whatever else ran on the machine:
    the cores it kept busy on average and the CPU time per request."""
    if not before or not after or not requests:
        return None
    used = {name: round(after[name] - before[name], 1) for name in before}
    total = sum(used.values())
    per_request = total / requests
    return {
        "cpu_seconds": used,
        "cores_busy_avg": round(total / elapsed, 2),
        "cpu_ms_per_request": round(per_request * 1000, 1),
        # Requests per second the machine's cores could serve if the server had them to itself.
        "requests_per_s_if_dedicated": round(nproc / per_request, 1) if per_request else None,
    }


def sample_load(run, samples):
    """The 1-minute load average every 5 s: the machine is shared, say how busy."""
    while not run.stop.wait(5):
        try:
            samples.append(float(Path("/proc/loadavg").read_text().split()[0]))
        except (OSError, ValueError):
            return


def machine():
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0]
        info["ram_gb"] = round(int(meminfo.split()[1]) / 1024 / 1024, 1)
    except (OSError, IndexError, ValueError):
        pass
    return info


def fmt(value):
    return "–" if value is None else f"{value:g}"


def markdown(report):
    summary = report["summary"]
    host = report["machine"]
    lines = [
        f"{report['config']['reps']} salespeople + {report['config']['managers']} managers, "
        f"{summary['elapsed_s']} s on {report['config']['db']}; {host['nproc']} CPUs, "
        f"{host.get('ram_gb')} GB RAM, CPU busy {host['cpu_busy_pct']} %, "
        f"1-min load mean {host['load_1min_mean']} (max {host['load_1min_max']}); "
        f"the load script used {host['load_script_cpu_s']} s of CPU.",
    ]
    if cpu := report["server_cpu"]:
        lines.append(
            "Server CPU: Odoo {odoo} s + PostgreSQL {postgresql} s".format(**cpu["cpu_seconds"])
            + f" = {cpu['cores_busy_avg']} cores on average, {cpu['cpu_ms_per_request']} ms per request "
            f"(about {cpu['requests_per_s_if_dedicated']} requests/s on dedicated cores)."
        )
    lines += [
        "",
        "| action | ok | errors | skipped | per s | p50 ms | p95 ms | p99 ms | max ms | CPU ms (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in summary["actions"]:
        cells = [row["action"], row["ok"], row["errors"], row["skipped"], row["per_second"]]
        cells += [fmt(row[key]) for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "cpu_ms")]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    lines.append(f"| **all** | {summary['ok']} | {summary['errors']} | | {summary['per_second']} | | | | | |")
    lines += ["", "| count | before | after | delta |", "| --- | ---: | ---: | ---: |"]
    for name, before in report["counts"]["before"].items():
        after = report["counts"]["after"][name]
        lines.append(f"| {name} | {before} | {after} | {after - before:+d} |")
    balance = report["counts"]["open_balance"]
    lines.append(
        "\nOpen activities: {change:+d} = {new_agreed_actions:+d} agreed actions of new visits "
        "{marked_done:+d} marked done {closed_by_server:+d} reminders closed by the server "
        "{other:+d} other.".format(**balance)
    )
    lines += ["", "| check | result | detail |", "| --- | --- | --- |"]
    lines += [
        f"| {check['name']} | {'pass' if check['passed'] else '**FAIL**'} | {check['detail']} |"
        for check in report["checks"]
    ]
    return "\n".join(lines)


def text_report(report):
    summary = report["summary"]
    host = report["machine"]
    out = [
        f"machine: {host['nproc']} CPUs, {host.get('ram_gb')} GB RAM; during the run: CPU busy "
        f"{host['cpu_busy_pct']} %, 1-min load mean {host['load_1min_mean']} max {host['load_1min_max']}, "
        f"load script CPU {host['load_script_cpu_s']} s",
        f"{report['config']['reps']} salespeople + {report['config']['managers']} managers on "
        f"{report['config']['db']} for {summary['elapsed_s']} s: {summary['ok']} ok, "
        f"{summary['errors']} errors, {summary['per_second']} requests/s",
        f"{'action':<14}{'ok':>7}{'err':>6}{'skip':>6}{'per s':>8}"
        + "".join(f"{name:>9}" for name in ("p50", "p95", "p99", "max", "cpu"))
        + "  (ms)",
    ]
    for row in summary["actions"]:
        out.append(
            f"{row['action']:<14}{row['ok']:>7}{row['errors']:>6}{row['skipped']:>6}{row['per_second']:>8}"
            + "".join(f"{fmt(row[key]):>9}" for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "cpu_ms"))
        )
    if cpu := report["server_cpu"]:
        out.append(
            "server CPU: Odoo {odoo} s + PostgreSQL {postgresql} s".format(**cpu["cpu_seconds"])
            + f" = {cpu['cores_busy_avg']} cores on average, {cpu['cpu_ms_per_request']} ms per request; "
            f"on dedicated cores about {cpu['requests_per_s_if_dedicated']} requests/s"
        )
    for action, samples in summary["error_samples"].items():
        out.append(f"first errors of {action}:")
        out += [f"  - {sample}" for sample in samples]
    counts = report["counts"]
    changes = [f"{name} {before} → {counts['after'][name]}" for name, before in counts["before"].items()]
    out.append("counts (before → after): " + ", ".join(changes))
    out.append(
        "open activities {change:+d} = {new_agreed_actions:+d} new agreed actions {marked_done:+d} marked "
        "done {closed_by_server:+d} closed by the server {other:+d} other".format(**counts["open_balance"])
    )
    out += [f"[{'pass' if c['passed'] else 'FAIL'}] {c['name']}: {c['detail']}" for c in report["checks"]]
    return "\n".join(out)


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def bounds(text):
    low, _sep, high = text.partition(",")
    low, high = float(low), float(high or low)
    if low < 0 or high < low:
        raise argparse.ArgumentTypeError("expected MIN,MAX seconds with 0 <= MIN <= MAX")
    return low, high


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT (loopback only)")
    parser.add_argument("--db", required=True)
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--managers", type=int, default=5)
    parser.add_argument("--duration", type=float, default=300, help="seconds (default 300)")
    parser.add_argument("--max-actions", type=int, default=200_000, help="hard bound on requests in all")
    parser.add_argument("--rep-login-pattern", default="bench.rep.{:03d}@example.com")
    parser.add_argument("--manager-login-pattern", default="bench.manager.{:02d}@example.com")
    parser.add_argument("--rep-logins", help="comma-separated logins instead of the pattern")
    parser.add_argument("--manager-logins", help="comma-separated logins instead of the pattern")
    parser.add_argument("--password", default="bench")
    parser.add_argument("--think", type=bounds, default=(0.5, 2.0), help="rep think time MIN,MAX s")
    parser.add_argument(
        "--manager-think", type=bounds, default=(5.0, 15.0), help="manager think time MIN,MAX s"
    )
    parser.add_argument("--ramp", type=float, default=30.0, help="users start within this many seconds")
    parser.add_argument("--request-timeout", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-pid", type=int, help="session id of the Odoo server, to measure its CPU")
    parser.add_argument(
        "--cpu-per-action",
        action="store_true",
        help="with one user and --server-pid: server CPU time of each request (Odoo + PostgreSQL)",
    )
    parser.add_argument("--submit-p95-ms", type=float, default=300.0, help="target for submit_visit")
    parser.add_argument("--json", help="write the report to this file")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    args = parser.parse_args(argv)
    url = urlsplit(args.url)
    if url.scheme != "http" or url.hostname not in ALLOWED_HOSTS or url.path not in ("", "/"):
        parser.error(f"--url must be http://127.0.0.1:PORT or http://localhost:PORT, not {args.url}")
    if args.reps < 0 or args.managers < 0 or args.reps + args.managers == 0:
        parser.error("--reps and --managers: at least one user")
    if not 0 < args.duration <= 3600 or args.max_actions < 1:
        parser.error("--duration must be in (0, 3600] s and --max-actions positive")
    if args.cpu_per_action and (args.reps + args.managers != 1 or not args.server_pid):
        parser.error("--cpu-per-action needs exactly one user and --server-pid")
    args.tag = uuid.uuid4().hex[:6]
    return args


def logins(explicit, pattern, count):
    if explicit:
        return [login.strip() for login in explicit.split(",") if login.strip()][:count]
    return [pattern.format(number) for number in range(1, count + 1)]


def main(argv=None):
    args = parse_args(argv)
    reps = logins(args.rep_logins, args.rep_login_pattern, args.reps)
    managers = logins(args.manager_logins, args.manager_login_pattern, args.managers)
    notes = load_notes()
    before = db_counts(args.db)
    print(
        f"{len(reps)} salespeople, {len(managers)} managers, {args.duration:g} s on {args.db} "
        f"at {args.url} (run {args.tag})",
        flush=True,
    )
    started = datetime.now(UTC).strftime(SERVER_DT)
    run = Run(args)
    threads = [
        threading.Thread(target=rep_loop, args=(run, index, login, notes), daemon=True)
        for index, login in enumerate(reps, 1)
    ] + [
        threading.Thread(target=manager_loop, args=(run, index, login), daemon=True)
        for index, login in enumerate(managers, 1)
    ]
    load_samples = []
    client_cpu = time.process_time()
    cpu_before = cpu_times()
    server_before = server_cpu_seconds(args.server_pid, args.db) if args.server_pid else None
    threading.Thread(target=sample_load, args=(run, load_samples), daemon=True).start()
    for thread in threads:
        thread.start()
    try:
        run.stop.wait(args.duration)
    except KeyboardInterrupt:
        print("interrupted: stopping the users", flush=True)
    run.stop.set()
    hard_end = time.monotonic() + args.request_timeout + 10
    for thread in threads:
        thread.join(max(0.0, hard_end - time.monotonic()))
    run.ended = time.monotonic()
    cpu_after = cpu_times()
    client_cpu = time.process_time() - client_cpu
    server_after = server_cpu_seconds(args.server_pid, args.db) if args.server_pid else None
    stuck = sum(thread.is_alive() for thread in threads)
    after = db_counts(args.db)

    summary = run.summary()
    checks = [
        {"name": name, "passed": passed, "detail": detail}
        for name, passed, detail in db_checks(run, before, after)
    ]
    submit = next((row for row in summary["actions"] if row["action"] == "submit_visit"), None)
    submit_p95 = submit and submit["p95_ms"]
    checks += [
        {"name": "no errors", "passed": summary["errors"] == 0, "detail": str(summary["errors"])},
        {
            "name": f"p95 submit_visit < {args.submit_p95_ms:g} ms",
            "passed": submit_p95 is not None and submit_p95 < args.submit_p95_ms,
            "detail": f"{fmt(submit_p95)} ms",
        },
        {"name": "every user stopped in time", "passed": not stuck, "detail": f"{stuck} still running"},
    ]
    report = {
        "config": {
            "url": args.url,
            "db": args.db,
            "reps": len(reps),
            "managers": len(managers),
            "duration_s": args.duration,
            "max_actions": args.max_actions,
            "think_s": args.think,
            "manager_think_s": args.manager_think,
            "ramp_s": args.ramp,
            "seed": args.seed,
            "run_tag": args.tag,
            "started_utc": started,
        },
        "machine": {
            **machine(),
            "load_1min_mean": round(sum(load_samples) / len(load_samples), 2) if load_samples else None,
            "load_1min_max": max(load_samples, default=None),
            "cpu_busy_pct": round(100 * (cpu_after[0] - cpu_before[0]) / (cpu_after[1] - cpu_before[1]), 1)
            if cpu_before and cpu_after and cpu_after[1] > cpu_before[1]
            else None,
            # The load script runs on the same cores as the server.
            "load_script_cpu_s": round(client_cpu, 1),
        },
        "summary": summary,
        "server_cpu": server_cpu_report(
            server_before, server_after, run.ended - run.started, summary["requests"], os.cpu_count()
        ),
        "counts": {"before": before, "after": after, "open_balance": open_balance(run, before, after)},
        "checks": checks,
    }
    print(text_report(report))
    if args.markdown:
        print()
        print(markdown(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if all(check["passed"] for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
