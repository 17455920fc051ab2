#!/usr/bin/env python3
"""EXPLAIN ANALYZE of the dashboard's slowest queries, with and without the
add-on's own indexes.

    python3 bench/explain.py --db saa_bench_l [--slowest 2] [--month 2026-10] [--containing "ledger.month"]

Runs ``crm.anchor.dashboard.get_data`` for a month as a sales manager,
records every query it sends and its time, then shows the plan of the slowest
ones twice: as they run ("after"), and with the add-on's indexes dropped inside
a transaction that is rolled back ("before"). The database is left unchanged.
"""

import argparse
import os
import sys
import time
from datetime import date

from dateutil.relativedelta import relativedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchmark import find_user, odoo_env  # noqa: E402

# The indexes the add-on adds for its reads (models' init() and field indexes).
ANCHOR_INDEXES = (
    "crm_anchor_touch_lead_done_date_index",
    "crm_anchor_visit_lead_submitted_date_index",
    "crm_anchor_expectation_deadline_month_covering_index",
)


def recorded_queries(env, manager, month):
    """[(seconds, SQL text)] of get_data for ``month``, in the order sent."""
    from odoo.sql_db import Cursor

    queries = []
    execute = Cursor.execute

    def record(cursor, query, params=None, log_exceptions=True):
        start = time.perf_counter()
        try:
            return execute(cursor, query, params, log_exceptions)
        finally:
            text = cursor.mogrify(query, params).decode()
            queries.append((time.perf_counter() - start, text))

    last_day = month + relativedelta(months=1, days=-1)
    dashboard = env["crm.anchor.dashboard"].with_user(manager)
    dashboard.get_data(month.isoformat(), last_day.isoformat())  # warm the caches
    env.invalidate_all()
    Cursor.execute = record
    try:
        dashboard.get_data(month.isoformat(), last_day.isoformat())
    finally:
        Cursor.execute = execute
    return queries


def plan(cr, query):
    cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
    return "\n".join(row[0] for row in cr.fetchall())


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--slowest", type=int, default=2, help="how many of the slowest queries to explain")
    parser.add_argument("--month", help="YYYY-MM (default: last month)")
    parser.add_argument(
        "--containing", action="append", default=[], help="also explain the queries with this text"
    )
    args = parser.parse_args()
    month = (
        date.fromisoformat(args.month + "-01")
        if args.month
        else date.today().replace(day=1) - relativedelta(months=1)
    )
    env = odoo_env(args.db)
    manager = find_user(env, "bench.manager.01@example.com", "sales_team.group_sale_manager")
    queries = recorded_queries(env, manager, month)
    cr = env.cr
    total = sum(seconds for seconds, _query in queries)
    print(f"get_data for {month:%Y-%m} on {args.db}: {len(queries)} queries, {total:.3f} s\n")
    chosen = sorted(queries, reverse=True)[: args.slowest]
    chosen += [
        item for item in queries if item not in chosen and any(text in item[1] for text in args.containing)
    ]
    for seconds, query in chosen:
        print(f"### {seconds * 1000:.1f} ms\n\n```sql\n{query.strip()}\n```\n")
        print(f"After (with the add-on's indexes):\n\n```\n{plan(cr, query)}\n```\n")
        cr.execute("SAVEPOINT before_indexes")
        for index in ANCHOR_INDEXES:
            cr.execute(f"DROP INDEX IF EXISTS {index}")
        print(f"Before (without {', '.join(ANCHOR_INDEXES)}):\n\n```\n{plan(cr, query)}\n```\n")
        cr.execute("ROLLBACK TO SAVEPOINT before_indexes")
    cr.rollback()
    cr.close()


if __name__ == "__main__":
    main()
