#!/usr/bin/env python3
"""Read-your-writes with a lagging read replica, as the phone's page meets it.

    REPLICA_HOST=... REPLICA_PORT=... CLIENT=bench/replica_lag_check.py bench/run_load.sh DB
    (or REPLICA=1 CLIENT=bench/replica_lag_check.py bench/run_load.sh DB: a new replica)

Against Odoo served with ``--db_replica_host/--db_replica_port`` (as
``bench/run_load.sh`` does), a salesperson logs in over JSON-RPC, opens the
home page (``crm.anchor.mobile.get_home``, read-only: read on the replica),
sends a visit on a due opportunity (``sync_entries``, on the primary), and
opens the home page again at once, passing the visit's ``client_uuid`` as the
page does. The replica is made to lag for real: ``recovery_min_apply_delay``
(``--apply-delay``, set on the replica for the check and reset after it).

Checks: the visit is on the primary; the home page read at once does not
include it and says so (``received_uuids`` without it: what makes the page
show the visit itself, see the tour ``sales_action_anchor_mobile_replica_lag``);
once the replica has applied it, the home page includes it and marks the
opportunity visited today. Exit code 1 when a check fails.
"""

import argparse
import random
import sys
import time

from load_checks import connect
from load_client import OdooClient, RpcError
from load_users import build_entry, load_notes


def replica_sql(args, query, params=()):
    with connect(args.db, args.replica_host, args.replica_port) as conn, conn.cursor() as cr:
        cr.execute(query, params)
        rows = cr.fetchall()
    conn.close()
    return rows


def set_apply_delay(args, delay):
    """ALTER SYSTEM works on a hot standby (it writes its own configuration file)."""
    conn = connect("postgres", args.replica_host, args.replica_port)
    conn.autocommit = True  # ALTER SYSTEM runs outside a transaction
    with conn.cursor() as cr:
        if delay:
            cr.execute("ALTER SYSTEM SET recovery_min_apply_delay = %s", [delay])
        else:
            cr.execute("ALTER SYSTEM RESET recovery_min_apply_delay")
        cr.execute("SELECT pg_reload_conf()")
    conn.close()


def home(client, uuids):
    answer = client.call("crm.anchor.mobile", "get_home", [], {"client_uuids": uuids})
    return answer, set(answer.get("received_uuids") or [])


def run_check(args):
    client = OdooClient(args.url, args.db, args.timeout)
    client.authenticate(args.login, args.password)
    first, _received = home(client, [])
    if not first["due"]:
        return [("the salesperson has an opportunity due today", False, args.login)]
    lead = first["due"][0]
    note = random.Random(args.seed).choice(load_notes())
    entry = build_entry(first, {}, note, lead, f"lag-{int(time.time())}", random.Random(args.seed))
    sent_at = time.monotonic()
    [result] = client.call("crm.anchor.mobile", "sync_entries", [[entry]])
    client_uuid = entry["client_uuid"]
    at_once, received = home(client, [client_uuid])
    at_once_s = time.monotonic() - sent_at
    with connect(args.db) as conn, conn.cursor() as cr:
        cr.execute("SELECT count(*) FROM crm_anchor_visit WHERE client_uuid = %s", [client_uuid])
        on_primary = cr.fetchone()[0]
    conn.close()
    on_replica = replica_sql(
        args, "SELECT count(*) FROM crm_anchor_visit WHERE client_uuid = %s", [client_uuid]
    )
    visited_at_once = next(row["visited_today"] for row in at_once["due"] if row["id"] == lead["id"])

    caught_up, waited = None, 0.0
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        later, received_later = home(client, [client_uuid])
        if client_uuid in received_later:
            caught_up, waited = later, time.monotonic() - sent_at
            break
        time.sleep(0.25)
    visited_later = caught_up and next(
        (row["visited_today"] for row in caught_up["due"] if row["id"] == lead["id"]), False
    )
    return [
        ("the visit is accepted", result["status"] == "created", f"{result['status']} {result['message']}"),
        ("the visit is on the primary", on_primary == 1, str(on_primary)),
        (
            "the home page read at once (on the replica) does not include it",
            client_uuid not in received and on_replica[0][0] == 0,
            f"read {at_once_s:.2f} s after the submit; on the replica: {on_replica[0][0]}; "
            f"opportunity marked visited: {visited_at_once}",
        ),
        (
            "the home page includes it once the replica has applied it",
            caught_up is not None and visited_later,
            f"after {waited:.2f} s (apply delay {args.apply_delay}); "
            f"opportunity marked visited: {visited_later}",
        ),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--replica-host", required=True)
    parser.add_argument("--replica-port", type=int, required=True)
    parser.add_argument("--login", default="bench.rep.001@example.com")
    parser.add_argument("--password", default="bench")
    parser.add_argument("--apply-delay", default="5s", help="recovery_min_apply_delay during the check")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    # run_load.sh passes the load test's own options too.
    args, _ignored = parser.parse_known_args(argv)
    set_apply_delay(args, args.apply_delay)
    try:
        # The new setting reaches the startup process with the reload: wait for it.
        for _ in range(20):
            if replica_sql(args, "SHOW recovery_min_apply_delay")[0][0] == args.apply_delay:
                break
            time.sleep(0.25)
        checks = run_check(args)
    except RpcError as error:
        checks = [("no error", False, str(error))]
    finally:
        set_apply_delay(args, None)
    for name, passed, detail in checks:
        print(f"[{'pass' if passed else 'FAIL'}] {name}: {detail}")
    return 0 if all(passed for _name, passed, _detail in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
