#!/usr/bin/env python3
"""What one visit sent from the phone writes: rows per table and queries.

    python3 bench/visit_footprint.py --db saa_bench_m

Sends one visit with its reminder through ``crm.anchor.mobile.sync_entries``
as the salesperson of an opportunity in the Visit stage, reads the rows the
transaction inserted, updated and deleted per table
(``pg_stat_xact_user_tables``) and rolls back: the database is left unchanged.
The basis of "rows written per visit" in docs/scaling.md. The first call of a
process also warms Odoo's caches up, so it runs twice and reports the second.
"""

import argparse
import uuid
from datetime import UTC, datetime, timedelta

from benchmark import odoo_env

SERVER_DT = "%Y-%m-%d %H:%M:%S"


def table_counts(cr):
    cr.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables")
    return {name: counts for name, *counts in cr.fetchall()}


def send_one_visit(env):
    """Rows written per table and queries of one visit, in the transaction."""
    domain = [("anchor_enforced", "=", True), ("user_id", "!=", False), ("anchor_stage_code", "=", "visit")]
    lead = env["crm.lead"].search(domain, limit=1)
    if not lead:
        raise SystemExit("No opportunity in the Visit stage with a salesperson")
    category = env["crm.anchor.pain.category"].search([], limit=1)
    now = datetime.now(UTC).replace(tzinfo=None)
    entry = {
        "client_uuid": str(uuid.uuid4()),
        "lead_id": lead.id,
        "date_visit": (now - timedelta(hours=1)).strftime(SERVER_DT),
        "pain_category_id": category.id,
        "pain_summary": "客户说现在的供应商交期太长，影响他们排产",
        "value_point": "分批发货缩短交期",
        "agreed_action": "arrange_demo",
        "agreed_action_note": False,
        "date_next_followup": (now + timedelta(days=2)).strftime(SERVER_DT),
        "followup_channel": "onsite",
        "quick_note": "",
        "photo": None,
        "remind": True,
    }
    before, queries = table_counts(env.cr), env.cr.sql_log_count
    (result,) = env["crm.anchor.mobile"].with_user(lead.user_id).sync_entries([entry])
    env.flush_all()
    queries = env.cr.sql_log_count - queries
    if result["status"] != "created":
        raise SystemExit(f"The visit was not created: {result}")
    after = table_counts(env.cr)
    written = {
        name: [now_ - then for now_, then in zip(counts, before.get(name, (0, 0, 0)), strict=True)]
        for name, counts in after.items()
    }
    env.cr.rollback()
    env.invalidate_all()
    return {name: counts for name, counts in written.items() if any(counts)}, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    env = odoo_env(args.db)
    try:
        send_one_visit(env)  # warm-up
        written, queries = send_one_visit(env)
    finally:
        env.cr.close()
    print("| table | inserted | updated | deleted |\n| --- | ---: | ---: | ---: |")
    for name, (inserted, updated, deleted) in sorted(written.items()):
        print(f"| {name} | {inserted} | {updated} | {deleted} |")
    totals = [sum(counts[i] for counts in written.values()) for i in range(3)]
    print(f"| **all** | {totals[0]} | {totals[1]} | {totals[2]} |")
    print(f"\nqueries: {queries}")


if __name__ == "__main__":
    main()
