#!/usr/bin/env python3
"""Scale benchmark of the add-on's hot paths on the databases built by
bench/generate_data.py (sizes S, M, L).

    python3 bench/benchmark.py --db saa_bench_s --db saa_bench_m --db saa_bench_l \
        [--runs 5] [--naive-budget 60] [--write docs/benchmarks.md]

For each database and operation it measures, in one process: our time (best
of ``--runs``, each run in a transaction that is rolled back, with the ORM
cache emptied first as for a new request), our query count, our peak Python
memory (tracemalloc, in a separate run), the SQL floor (bench/sql_floor.py)
and the naive ORM way (bench/naive_orm.py, one run, stopped after
``--naive-budget`` seconds). It checks that the floor computes the same
figures as the add-on, prints a markdown table per database and, with
``--write``, puts the tables and the machine in docs/benchmarks.md between
the "scale-benchmark" markers. The databases are left unchanged.
"""

import argparse
import os
import platform
import re
import sys
import time
import tracemalloc
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import naive_orm  # noqa: E402
from benchmark_cases import cases  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARK_START, MARK_END = "<!-- scale-benchmark:start -->", "<!-- scale-benchmark:end -->"


def odoo_env(db):
    """An environment on ``db`` as `odoo shell` builds it (superuser)."""
    import odoo
    from odoo.tools import config

    package = os.path.dirname(os.path.abspath(odoo.__file__))
    paths = [REPO] + [
        path
        for path in (os.path.join(package, "addons"), os.path.join(os.path.dirname(package), "addons"))
        if os.path.isdir(path)
    ]
    if not config.get("addons_path") or REPO not in config["addons_path"]:
        config.parse_config(["--addons-path", ",".join(paths), "--log-level", "warn"])
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def measure(env, prepare, fn, runs, figures=None):
    """Best time, queries and result of ``fn`` (or ``figures(env)`` after it),
    each run rolled back."""
    best, queries, result = float("inf"), None, None
    for _run in range(runs):
        state = prepare(env)
        env.flush_all()
        env.invalidate_all()
        start_queries, start = env.cr.sql_log_count, time.perf_counter()
        result = fn(env, state)
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - start_queries
        best = min(best, elapsed)
        if figures:
            result = figures(env)
        env.cr.rollback()
        env.invalidate_all()
    return best, queries, result


def peak_memory(env, prepare, fn):
    state = prepare(env)
    env.flush_all()
    env.invalidate_all()
    tracemalloc.start()
    fn(env, state)
    env.flush_all()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    env.cr.rollback()
    env.invalidate_all()
    return peak


def run_naive(env, prepare, fn, seconds, figures=None):
    """Time and ``figures(env)`` of one naive run (None, None when over budget)."""
    state = prepare(env)
    env.flush_all()
    env.invalidate_all()
    start = time.perf_counter()
    try:
        fn(env, state, naive_orm.Budget(seconds))
        env.flush_all()
        elapsed = time.perf_counter() - start
        result = figures(env) if figures else None
    except naive_orm.OverBudget:
        elapsed = result = None
    env.cr.rollback()
    env.invalidate_all()
    return elapsed, result


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------


def sizes(env):
    counts = {}
    for table in (
        "res_users",
        "res_partner",
        "crm_lead",
        "crm_anchor_touch",
        "crm_anchor_visit",
        "mail_activity",
        "mail_message",
        "crm_anchor_expectation",
        "crm_anchor_checkin",
    ):
        env.cr.execute(f"SELECT COUNT(*) FROM {table}")  # table names are the constants above
        counts[table] = env.cr.fetchone()[0]
    env.cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
    counts["database size"] = env.cr.fetchone()[0]
    env.cr.rollback()
    return counts


def fmt_time(seconds):
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def run_db(db, runs, naive_budget, only=None):
    env = odoo_env(db)
    print(f"== {db}", file=sys.stderr)
    lines = [
        "| operation | ours | queries | SQL floor | floor queries | ours ÷ floor | naive ORM | naive ÷ ours"
        " | peak memory | same figures |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    try:
        counts = sizes(env)
        for case in cases(env):
            if only and only not in case.name:
                continue
            print(f"  {case.name} ...", file=sys.stderr)
            ours, queries, ours_result = measure(env, case.prepare, case.ours, runs, case.figures)
            floor, floor_queries, floor_result = measure(
                env, case.prepare, lambda env, state, case=case: case.floor(env.cr, state), runs, case.figures
            )
            same = case.same(ours_result, floor_result)
            peak = peak_memory(env, case.prepare, case.ours)
            naive = None
            if case.naive:
                naive, naive_result = run_naive(env, case.prepare, case.naive, naive_budget, case.figures)
                same = same and (naive_result is None or case.same(ours_result, naive_result))
            naive_cell = fmt_time(naive) if naive is not None or not case.naive else f"> {naive_budget} s"
            ratio_naive = (
                f"{naive / ours:.0f}×"
                if naive
                else ("> %.0f×" % (naive_budget / ours) if case.naive else "—")
            )
            lines.append(
                f"| {case.name} | {fmt_time(ours)} | {queries} | {fmt_time(floor)} | {floor_queries}"
                f" | {ours / floor:.1f}× | {naive_cell} | {ratio_naive} | {peak / 2**20:.1f} MiB"
                f" | {'yes' if same else 'NO'} |"
            )
            print("  " + lines[-1], file=sys.stderr)
    finally:
        env.cr.rollback()
        env.cr.close()
    return counts, lines


def machine():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = re.search(r"model name\s*:\s*(.*)", info.read()).group(1)
    except (OSError, AttributeError):
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            ram = int(re.search(r"MemTotal:\s*(\d+)", info.read()).group(1)) / 2**20
    except (OSError, AttributeError):
        ram = 0
    import psycopg2

    import odoo

    return (
        f"{os.cpu_count()} × {cpu}, {ram:.0f} GiB RAM, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Odoo {odoo.release.version}, "
        f"psycopg2 {psycopg2.__version__.split()[0]}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", action="append", required=True, help="a database built by bench/generate_data.py"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per measure; the best is kept")
    parser.add_argument(
        "--naive-budget", type=float, default=60, help="seconds before a naive run is stopped"
    )
    parser.add_argument("--only", help="only the operations whose name contains this text")
    parser.add_argument("--write", metavar="MARKDOWN", help="put the tables in this file between the markers")
    args = parser.parse_args()

    sections = []
    for db in args.db:
        counts, lines = run_db(db, args.runs, args.naive_budget, args.only)
        figures = ", ".join(
            f"{table} {count:,}" if isinstance(count, int) else f"{table} {count}"
            for table, count in counts.items()
        )
        sections.append(f"#### `{db}`\n\n{figures}\n\n" + "\n".join(lines))
    env = odoo_env(args.db[0])
    env.cr.execute("SHOW server_version")
    postgres = env.cr.fetchone()[0]
    env.cr.close()
    header = (
        f"Measured on {date.today().isoformat()}: {machine()}, PostgreSQL {postgres}; "
        f"best of {args.runs} runs, naive stopped after {args.naive_budget:.0f} s.\n\n"
        f"Command: `python3 bench/benchmark.py {' '.join('--db ' + db for db in args.db)} --runs {args.runs}`"
    )
    report = header + "\n\n" + "\n\n".join(sections)
    print(report)
    if args.write:
        with open(args.write, encoding="utf-8") as handle:
            text = handle.read()
        if MARK_START not in text:
            raise SystemExit(f"{args.write} has no {MARK_START} … {MARK_END} markers")
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        with open(args.write, "w", encoding="utf-8") as handle:
            handle.write(f"{before}{MARK_START}\n{report}\n{MARK_END}{after}")


if __name__ == "__main__":
    main()
