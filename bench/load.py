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

1. ``home``: today's list of the mobile page (``crm.anchor.mobile.get_home``),
   asking about the visits it sent that earlier answers did not include, as
   the page does (a read replica may lag: the report counts those answers);
2. ``parse_note``: a quick note of ``quick_note_corpus.jsonl`` read by
   ``crm.anchor.visit.parse_quick_note``;
3. ``submit_visit``: the visit, filled from the parsed note and completed
   where the parser found nothing (as the salesperson would), sent the way the
   page sends it: ``crm.anchor.mobile.sync_entries`` with a new client uuid;
4. ``find_activity`` + ``mark_done``: one of their activities due today or
   earlier (``mail.activity.search_read``), marked done with
   ``action_feedback`` as the chatter does. None due: the step is skipped.

A manager alternates the morning views of this week
(``crm.anchor.morning.get_data``) and the dashboard of the current month
(``crm.anchor.dashboard.get_data``), every ``--manager-think`` (5–15 s).

With ``--replica-port`` (and ``--replica-host``), ``--server-log``: what the
primary and the read replica executed, and where Odoo sent each route
(load_traffic.py), with its checks: reads on the replica, writes on the
primary, no read-only transaction retried on the primary.

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
import json
import os
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from load_checks import db_checks, db_counts, open_balance
from load_client import Run
from load_machine import cpu_times, machine, sample_load, server_cpu_report, server_cpu_seconds
from load_report import fmt, markdown, text_report
from load_traffic import Traffic, traffic_checks
from load_users import SERVER_DT, load_notes, manager_loop, rep_loop

ALLOWED_HOSTS = {"127.0.0.1", "localhost"}


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
    parser.add_argument("--replica-host", help="the read replica's host or socket directory")
    parser.add_argument("--replica-port", type=int, help="the read replica's port: count what it executed")
    parser.add_argument("--server-log", help="the Odoo server's log: count requests per route and cursor")
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
    traffic = Traffic(args)
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
    # Before the counts below: they are the load script's own reads.
    traffic_report = traffic.report()
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
        *traffic_checks(traffic_report),
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
        "traffic": traffic_report,
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
