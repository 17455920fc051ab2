"""What each database server executed during a load test, and where Odoo
sent each request (see load.py).

Servers: the primary (the database's own cluster) and, with
``--replica-host/--replica-port``, the read replica Odoo was given as
``--db_replica_host/--db_replica_port``. On each, the deltas of
``pg_stat_database`` for the database (transactions and rows read and
written), and on the primary the tables written (``pg_stat_user_tables``).
On a server that preloads ``pg_stat_statements`` (the replica bench/replica.sh
starts does), its busiest statements.

Requests: Odoo's request log lines (``--log-level=info``) end, when a replica
is configured, with the cursor mode: ``ro`` (read on the replica), ``rw`` (the
primary) or ``ro->rw`` (a read-only transaction that tried to write and was
retried on the primary, after a ``ReadOnlySqlTransaction`` warning). They are
counted per route from the server log, from where it was when the run began.
"""

import re
import time
from collections import defaultdict
from pathlib import Path

from load_checks import connect

DATABASE_STATS = (
    "xact_commit",
    "xact_rollback",
    "tup_returned",
    "tup_fetched",
    "tup_inserted",
    "tup_updated",
    "tup_deleted",
)
# A backend reports its counters when idle at most every 10 s (PostgreSQL 15):
# wait that long before the last snapshot.
STATS_FLUSH_S = 11
TOP_TABLES = 8
TOP_STATEMENTS = 8
# "POST /web/dataset/call_kw/crm.anchor.mobile/get_home HTTP/1.1" 200 - 25 0.030 0.050 ro
REQUEST_LINE = re.compile(
    r'"(?P<verb>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ '
    r"(?P<queries>\d+) (?P<query_s>[\d.]+) (?P<other_s>[\d.]+)(?: (?P<mode>ro->rw|ro|rw|-))?"
)
RETRY_WARNING = "retrying with a read/write cursor"


def snapshot(db, host=None, port=None):
    """The counters of ``db`` on one server, or None when it cannot be reached."""
    with connect(db, host, port) as conn, conn.cursor() as cr:
        cr.execute(
            f"SELECT {', '.join(DATABASE_STATS)} FROM pg_stat_database WHERE datname = %s",  # noqa: S608
            [db],
        )
        database = dict(zip(DATABASE_STATS, cr.fetchone(), strict=True))
        cr.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables "
            "WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        tables = dict(cr.fetchall())
        cr.execute("SELECT pg_is_in_recovery()")
        replica = cr.fetchone()[0]
        statements = None
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")
        if cr.fetchone() and replica:
            cr.execute(
                "SELECT queryid, calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) "
                "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = %s)",
                [db],
            )
            statements = {row[0]: row[1:] for row in cr.fetchall()}
    conn.close()
    return {"database": database, "tables": tables, "replica": replica, "statements": statements}


def delta(before, after):
    """What the server executed between two snapshots."""
    database = {name: after["database"][name] - before["database"][name] for name in DATABASE_STATS}
    tables = {
        name: written - before["tables"].get(name, 0)
        for name, written in after["tables"].items()
        if written > before["tables"].get(name, 0)
    }
    result = {
        "role": "replica" if after["replica"] else "primary",
        "database": database,
        "rows_written": sum(tables.values()),
        "tables_written": dict(sorted(tables.items(), key=lambda item: -item[1])[:TOP_TABLES]),
    }
    if after["statements"] is not None:
        rows = []
        for queryid, (calls, total_ms, query) in after["statements"].items():
            calls_before, total_before, _query = (before["statements"] or {}).get(queryid, (0, 0.0, ""))
            if calls > calls_before:
                rows.append((calls - calls_before, total_ms - total_before, query))
        rows.sort(key=lambda row: -row[1])
        result["statements"] = {
            "calls": sum(row[0] for row in rows),
            "exec_ms": round(sum(row[1] for row in rows)),
            "top": [
                {"calls": calls, "exec_ms": round(total_ms), "query": query}
                for calls, total_ms, query in rows[:TOP_STATEMENTS]
            ],
        }
    return result


class Traffic:
    """Snapshots of the servers and of the log around a run."""

    def __init__(self, args):
        self.db = args.db
        self.servers = {"primary": (None, None)}
        if args.replica_port:
            self.servers["replica"] = (args.replica_host, args.replica_port)
        self.log = Path(args.server_log) if args.server_log else None
        self.log_offset = self.log.stat().st_size if self.log and self.log.exists() else 0
        self.before = {name: snapshot(self.db, *where) for name, where in self.servers.items()}

    def report(self):
        time.sleep(STATS_FLUSH_S)
        after = {name: snapshot(self.db, *where) for name, where in self.servers.items()}
        return {
            "servers": {name: delta(self.before[name], after[name]) for name in self.servers},
            "routes": self.routes(),
        }

    def routes(self):
        """Requests per route and cursor mode, from the server log."""
        if not self.log or not self.log.exists():
            return None
        counts = defaultdict(lambda: defaultdict(int))
        with self.log.open(encoding="utf-8", errors="replace") as log:
            log.seek(self.log_offset)
            for line in log:
                if RETRY_WARNING in line:
                    counts["(ReadOnlySqlTransaction warnings)"]["warnings"] += 1
                    continue
                match = REQUEST_LINE.search(line)
                if not match or match["verb"] != "POST":
                    continue
                route = match["path"].removeprefix("/web/dataset/call_kw/")
                counts[route][match["mode"] or "-"] += 1
                counts[route]["queries"] += int(match["queries"])
                counts[route]["requests"] += 1
        return {route: dict(modes) for route, modes in sorted(counts.items())}


# The add-on's read-only entry points the load test calls, and the core reads it calls.
READ_ROUTES = (
    "crm.anchor.mobile/get_home",
    "crm.anchor.dashboard/get_data",
    "crm.anchor.morning/get_data",
    "crm.anchor.visit/parse_quick_note",
    "mail.activity/search_read",
)
WRITE_ROUTES = ("crm.anchor.mobile/sync_entries", "mail.activity/action_feedback")


def traffic_checks(traffic):
    """With a replica: every read on it, every write on the primary, no retry."""
    servers, routes = traffic["servers"], traffic["routes"]
    if "replica" not in servers or routes is None:
        return []
    seen = [route for route in READ_ROUTES + WRITE_ROUTES if route in routes]
    misplaced = [
        f"{route}: {count} {mode}"
        for route in seen
        for mode, count in routes[route].items()
        if count and mode in ("ro", "rw", "ro->rw", "-") and mode != ("ro" if route in READ_ROUTES else "rw")
    ]
    retried = sum(modes.get("ro->rw", 0) for modes in routes.values())
    warnings = routes.get("(ReadOnlySqlTransaction warnings)", {}).get("warnings", 0)
    replica = servers["replica"]["database"]
    replica_writes = replica["tup_inserted"] + replica["tup_updated"] + replica["tup_deleted"]
    unseen = [route for route in READ_ROUTES + WRITE_ROUTES if route not in seen]
    return [
        {
            "name": "reads on the replica, writes on the primary",
            "passed": not misplaced,
            "detail": "; ".join(misplaced)
            or f"{len(seen)} routes as expected" + (f" ({', '.join(unseen)} not called)" if unseen else ""),
        },
        {
            "name": "no read-only transaction retried on the primary",
            "passed": not retried and not warnings,
            "detail": f"{retried} ro->rw requests, {warnings} warnings",
        },
        {"name": "the replica wrote no row", "passed": not replica_writes, "detail": str(replica_writes)},
    ]


def traffic_markdown(traffic):
    """The servers' and the routes' tables."""
    servers = traffic["servers"]
    lines = [
        "| server | transactions | rows read (returned / fetched) | rows written (ins / upd / del) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, server in servers.items():
        stats = server["database"]
        lines.append(
            f"| {name} | {stats['xact_commit'] + stats['xact_rollback']} | "
            f"{stats['tup_returned']} / {stats['tup_fetched']} | "
            f"{stats['tup_inserted']} / {stats['tup_updated']} / {stats['tup_deleted']} |"
        )
    primary = servers["primary"]
    lines.append(
        "\nTables written on the primary: "
        + ", ".join(f"{name} {count}" for name, count in primary["tables_written"].items())
        + "."
    )
    for name, server in servers.items():
        if statements := server.get("statements"):
            lines.append(
                f"\n{name.capitalize()}: {statements['calls']} statements, "
                f"{statements['exec_ms']} ms executing; the busiest:"
            )
            lines += [
                f"- {row['calls']} × `{row['query']}` ({row['exec_ms']} ms)" for row in statements["top"]
            ]
    if routes := traffic["routes"]:
        lines += [
            "",
            "| route | replica (ro) | primary (rw) | retried on the primary (ro->rw) | queries per request |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for route, modes in routes.items():
            if "queries" not in modes:
                continue
            lines.append(
                f"| {route} | {modes.get('ro', 0)} | {modes.get('rw', 0) + modes.get('-', 0)} | "
                f"{modes.get('ro->rw', 0)} | {modes['queries'] / max(1, modes['requests']):.1f} |"
            )
    return lines
