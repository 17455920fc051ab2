#!/usr/bin/env python3
"""Fill a database with a realistic history for benchmarks of sales_action_anchor.

    python3 bench/generate_data.py --size S --db saa_bench_s [--seed 42] [--now "2026-11-27 02:00:00"]
    python3 bench/generate_data.py --size L --db saa_bench_l --force   # drop and rebuild
    python3 bench/generate_data.py --db saa_bench_s --check             # smoke check with the add-on's code

Sizes (salespeople / opportunities / visits): S 10 / 2,000 / 20,000; M 50 / 20,000 /
200,000; L 200 / 100,000 / 1,000,000. With them, in proportion: customers (one per
three opportunities), first and follow-up touches with their evidence attachment,
submitted and draft visits, open activities (agreed actions, overdue and
first-touch reminders, delivery/invoice/payment follow-through, the salespeople's
own to-dos) and the done ones as chatter messages, the ledger of expected key
actions (built by the add-on's own ``_anchor_backfill``), daily check-ins, customer
signals, proposal and quote documents, followers, tags.

The history covers the three years up to now (UTC time of the run, or ``--now``),
in Shanghai working hours. Salespeople are top performers, "busy for show" (many
visits, 4-6 character pain points), newcomers (recent ``anchor_date_joined``) or
ordinary (see ``datagen/bulk/people.py``; the customers, products and words are
the demo's world, ``datagen/world/``), in anchor-enforced teams of 10 to 25 sharing
the add-on's six stages, each led by a sales manager. Users log in as
``bench.rep.001@example.com``… and ``bench.manager.01@example.com``…, password
``bench``, Asia/Shanghai; every salesperson has open opportunities and at least
three open activities due today (the day of the build: rebuild with --force to
move "today").

The same seed and the same ``--now`` give the same rows. The database is created
(``odoo -i sales_action_anchor --without-demo=all``) when missing; a database that
already has generated data is refused unless ``--force`` (drop and rebuild). Small
setup goes through the ORM (users, teams; the add-on's six stages lose their team
so that every team shares them, and Odoo's four generic stages, unused, are
deleted so that new opportunities start in Lead), the bulk through COPY in one
transaction without foreign-key triggers and with plain indexes rebuilt
afterwards; then every foreign key is checked, sequences are moved past the new
ids, the ledger is built, the tables analysed, and the row counts asserted.
Stored computed fields are written as the add-on and Odoo compute them (first
touch and SLA status, last follow-up, overdue flag, stage dates, gate evidence,
probabilities, summary keys, check-in parts...); ``--check`` shows the jobs find
nothing to change.

``--check`` (rolled back, repeatable): the dashboard for last month and the
morning views for the last 7 days as a team manager, both reports, the jobs'
methods, then as a salesperson the mobile home page, a visit sent from the phone,
its agreed action marked done, a move through a gate and one refused by a gate.
The talk-template mining job gets a time and memory budget (``--mining-seconds``,
4 GB); it ran out of memory at M before mining was bounded to the latest 1,500
visits per company and category (see docs/benchmarks.md).

Measured on this machine (2 CPUs shared with other sessions, PostgreSQL 15,
Python 3.11), wall time including the install, seed 42:

============  ==========  ==========  ===========
size          S           M           L
============  ==========  ==========  ===========
install       96 s        89 s        127 s
fill          19 s        125 s       736 s
total         1 min 58 s  3 min 39 s  14 min 28 s
load average  ~8          ~8-10       ~9-12
CPU (Python)  5.5 s       27.5 s      132 s
database      137 MB      756 MB      3.6 GB
============  ==========  ==========  ===========

The machine was shared (load averages above, 2 cores): the generator's own CPU
is the last line but one; an L fill measured at a load average of 7 took 432 s
(install 36 s when the machine is idle). Rows per table (whole table, including
the rows of a fresh install):

===============================  ======  =======  =========
table                            S       M        L
===============================  ======  =======  =========
res_users                        16      58       216
crm_team                         5       7        15
res_partner                      683     6,725    33,550
crm_lead                         2,000   20,000   100,000
crm_anchor_touch                 9,967   99,815   497,722
crm_anchor_visit                 20,000  200,000  1,000,000
ir_attachment                    10,375  103,273  514,697
mail_activity (open)             182     1,292    6,552
mail_message                     36,943  373,404  1,874,996
crm_anchor_expectation           42,962  429,478  2,147,603
crm_anchor_checkin               8,336   45,311   178,801
mail_followers                   2,000   20,000   100,000
crm_anchor_touch_signal_rel      1,069   10,532   52,853
crm_anchor_visit_signal_rel      861     8,344    41,455
crm_anchor_checkin_crm_lead_rel  16,794  91,113   359,763
===============================  ======  =======  =========
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repository's datagen package

from datagen.bulk import build, people, setup  # noqa: E402
from datagen.bulk.calendar import Calendar  # noqa: E402
from datagen.bulk.rand import Random  # noqa: E402
from datagen.bulk.writer import REL_PARENT, TABLES, CopyWriter, DeferredIndexes  # noqa: E402
from datagen.world.companies import TAGS  # noqa: E402
from datagen.world.places import TEAM_REGIONS  # noqa: E402

SIZES = {"S": (10, 2_000, 20_000), "M": (50, 20_000, 200_000), "L": (200, 100_000, 1_000_000)}
ADDON = "sales_action_anchor"


def log(message):
    print(message, flush=True)


def default_addons_path():
    """This repository, then Odoo's own add-ons (as scripts/common.sh does)."""
    import odoo  # noqa: PLC0415  (only when no --addons-path is given)

    package = Path(odoo.__file__).resolve().parent
    paths = [str(ROOT)]
    for candidate in (package / "addons", package.parent / "addons"):
        if any(candidate.glob("*/__manifest__.py")):
            paths.append(str(candidate))
    return ",".join(paths)


# ----------------------------------------------------------------------
# Database
# ----------------------------------------------------------------------


def _postgres():
    connection = psycopg2.connect(dbname="postgres")
    connection.autocommit = True
    return connection


def database_exists(name):
    with _postgres() as connection, connection.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def drop_database(name):
    connection = _postgres()
    try:
        with connection.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        connection.close()


def install(name, addons_path):
    command = shutil.which("odoo")
    command = [command] if command else [sys.executable, "-m", "odoo"]
    command += [
        "-d", name, f"--addons-path={addons_path}", "-i", ADDON, "--without-demo=all",
        "--stop-after-init", "--log-level=warn",
    ]  # fmt: skip
    log(f"Creating {name}: {' '.join(command)}")
    subprocess.run(command, check=True)


def odoo_env(name, addons_path):
    """An Odoo environment (superuser) on its own cursor: (registry, cursor, env)."""
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config([f"--addons-path={addons_path}", "-d", name, "--log-level=warn"])
    registry = Registry(name)
    cr = registry.cursor()
    return registry, cr, api.Environment(cr, SUPERUSER_ID, {"tz": "Asia/Shanghai"})


# ----------------------------------------------------------------------
# Fill
# ----------------------------------------------------------------------

COUNTED = [
    "res_users", "crm_team", "res_partner", "crm_lead", "crm_anchor_touch", "crm_anchor_visit",
    "ir_attachment", "mail_activity", "mail_message", "crm_anchor_expectation", "crm_anchor_checkin",
    "mail_followers", "crm_anchor_touch_signal_rel", "crm_anchor_visit_signal_rel",
    "crm_anchor_checkin_crm_lead_rel",
]  # fmt: skip


def table_counts(cr, tables):
    counts = {}
    for table in tables:
        cr.execute(f"SELECT COUNT(*) FROM {table}")
        counts[table] = cr.fetchone()[0]
    return counts


def orphan_references(cr, tables):
    """Foreign keys of ``tables`` pointing nowhere (checked once, as COPY ran
    without triggers): one pass per table, its references hash-joined."""
    cr.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
         WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
         ORDER BY 1, 2
        """,
        [list(tables)],
    )
    by_table = {}
    for table, column, target, target_column in cr.fetchall():
        by_table.setdefault(table, []).append((column, target, target_column))
    problems = []
    for table, keys in by_table.items():
        joins = " ".join(
            f"LEFT JOIN {target} r{index} ON r{index}.{target_column} = t.{column}"
            for index, (column, target, target_column) in enumerate(keys)
        )
        counts = ", ".join(
            f"COUNT(*) FILTER (WHERE t.{column} IS NOT NULL AND r{index}.{target_column} IS NULL)"
            for index, (column, _target, target_column) in enumerate(keys)
        )
        cr.execute(f"SELECT {counts} FROM {table} t {joins}")
        for (column, target, _target_column), missing in zip(keys, cr.fetchone(), strict=True):
            if missing:
                problems.append(f"{table}.{column} → {target}: {missing} rows")
    return problems


def fill(env, size, seed, now):
    n_reps, n_opps, n_visits = SIZES[size]
    cr = env.cr
    started = time.perf_counter()
    rng = Random(f"{seed}-people")
    cal = Calendar(now)
    log(f"History from {cal.start} to {cal.today} (now {now} UTC), seed {seed}")

    reps, sizes, manager_names = people.make_reps(n_reps, cal.today, rng)
    setup.share_anchor_stages(env)
    tags = setup.make_tags(env, TAGS)
    names = setup.team_names(len(sizes), TEAM_REGIONS)
    managers = setup.make_users(env, reps, sizes, manager_names, names)
    refs = setup.references(env, tags)
    env.flush_all()
    log(f"Users, teams and stages (ORM): {len(reps)} salespeople, {len(managers)} managers, teams {sizes}"
        f" ({time.perf_counter() - started:.1f} s)")  # fmt: skip

    phase = time.perf_counter()
    plans = build.plan_opportunities(reps, n_opps, n_visits, cal, seed)
    writer = CopyWriter(cr, log)
    ctx = build.Context(cal, refs, writer, managers)
    cr.execute("SET LOCAL session_replication_role = replica")  # no FK triggers during COPY: checked below
    with DeferredIndexes(cr, TABLES) as deferred:
        build.generate(ctx, reps, plans, n_opps // 3, seed, log)
        writer.flush()
        elapsed = time.perf_counter() - phase
        log(f"Generated and copied ({elapsed:.1f} s, of which COPY thread {writer.copy_seconds:.1f} s)")
        phase = time.perf_counter()
    log(f"Indexes rebuilt: {len(deferred.indexes)} ({time.perf_counter() - phase:.1f} s)")
    cr.execute("SET LOCAL session_replication_role = origin")
    writer.fix_sequences()

    phase = time.perf_counter()
    for table in TABLES:
        cr.execute(f"ANALYZE {table}")
    problems = orphan_references(cr, [table for table in TABLES if writer.counts[table]])
    assert not problems, "dangling references:\n" + "\n".join(problems)
    log(f"ANALYZE, references checked ({time.perf_counter() - phase:.1f} s)")

    phase = time.perf_counter()
    cr.execute("SET LOCAL session_replication_role = replica")  # the ledger is built from rows checked above
    with DeferredIndexes(cr, ["crm_anchor_expectation"]):
        env["crm.anchor.expectation"]._anchor_backfill()
    cr.execute("SET LOCAL session_replication_role = origin")
    cr.execute("ANALYZE crm_anchor_expectation")
    log(f"Ledger: crm.anchor.expectation._anchor_backfill() ({time.perf_counter() - phase:.1f} s)")

    counts = table_counts(cr, COUNTED)
    check_counts(cr, writer, counts, n_reps, len(managers), n_opps, n_visits, cal.date(cal.today_day))
    return writer, counts


def check_counts(cr, writer, counts, n_reps, n_managers, n_opps, n_visits, today):
    """The sizes asked for, and every row given to COPY is in its table."""
    cr.execute("SELECT COUNT(*) FROM res_users WHERE login LIKE 'bench.rep.%%'")
    assert cr.fetchone()[0] == n_reps
    cr.execute("SELECT COUNT(*) FROM res_users WHERE login LIKE 'bench.manager.%%'")
    assert cr.fetchone()[0] == n_managers
    assert counts["crm_lead"] == n_opps, counts["crm_lead"]
    assert counts["crm_anchor_visit"] == n_visits, counts["crm_anchor_visit"]
    for table, written in writer.counts.items():
        column, parent = ("id", table) if table in writer.first_id else REL_PARENT[table]
        cr.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} >= %s", [writer.first_id[parent]])
        assert cr.fetchone()[0] == written, (table, written)
    cr.execute("SELECT COUNT(*) FROM crm_anchor_expectation")
    expected = cr.fetchone()[0]
    assert expected >= n_visits, expected  # one per visit report at least
    cr.execute(
        """
        SELECT COUNT(*) FROM res_users u
         WHERE u.login LIKE 'bench.rep.%%' AND (
               NOT EXISTS (SELECT 1 FROM crm_lead l WHERE l.user_id = u.id AND l.active
                              AND l.anchor_stage_code NOT IN ('signed', 'delivery'))
            OR (SELECT COUNT(*) FROM mail_activity a WHERE a.user_id = u.id AND a.res_model = 'crm.lead'
                   AND a.date_deadline = %s) < 3)
        """,
        [today],
    )
    assert cr.fetchone()[0] == 0, "a salesperson without open opportunities or activities due today"


def report(counts, writer, elapsed):
    log("Rows per table (whole table):")
    for table in COUNTED:
        log(f"  {table:34} {counts[table]:>10,}")
    slowest = sorted(writer.table_seconds.items(), key=lambda item: -item[1])[:5]
    log(f"Rows written by COPY: {sum(writer.counts.values()):,}; slowest COPY: "
        + ", ".join(f"{table} {seconds:.1f} s" for table, seconds in slowest))  # fmt: skip
    log(f"Elapsed: {elapsed:.1f} s (CPU of this process: {time.process_time():.1f} s)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), help="S, M or L")
    parser.add_argument("--db", required=True, help="database name")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--now", help='"YYYY-MM-DD HH:MM:SS" UTC: end of the history (default: now)')
    parser.add_argument("--addons-path", help="default: this repository and Odoo's add-ons")
    parser.add_argument("--force", action="store_true", help="drop the database and rebuild it")
    parser.add_argument("--check", action="store_true", help="smoke-check a generated database and exit")
    parser.add_argument(
        "--mining-seconds",
        type=int,
        default=300,
        help="--check: time allowed to the talk-template mining job",
    )
    args = parser.parse_args(argv)
    if not args.check and not args.size:
        parser.error("--size is required (unless --check)")
    addons_path = args.addons_path or default_addons_path()
    now = datetime.fromisoformat(args.now) if args.now else datetime.utcnow().replace(microsecond=0)
    started = time.perf_counter()

    if args.check:
        from datagen.bulk import check  # noqa: PLC0415

        registry, cr, env = odoo_env(args.db, addons_path)
        try:
            problems = check.run(env, log, mining_seconds=args.mining_seconds)
        finally:
            cr.rollback()
            cr.close()
        log(f"Check done ({time.perf_counter() - started:.1f} s): {len(problems)} problem(s)")
        for problem in problems:
            log(f"  {problem}")
        return 1 if problems else 0

    if args.force and database_exists(args.db):
        log(f"Dropping {args.db}")
        drop_database(args.db)
    if not database_exists(args.db):
        install(args.db, addons_path)
        log(f"Installed ({time.perf_counter() - started:.1f} s)")
    registry, cr, env = odoo_env(args.db, addons_path)
    try:
        module = env["ir.module.module"].search([("name", "=", ADDON)])
        if module.state != "installed":
            sys.exit(f"{args.db}: {ADDON} is not installed")
        if setup.already_generated(env):
            sys.exit(f"{args.db} already has generated data: use --force to drop and rebuild it")
        writer, counts = fill(env, args.size, args.seed, now)
        cr.commit()
    except BaseException:
        cr.rollback()
        raise
    finally:
        cr.close()
    vacuum(args.db)
    report(counts, writer, time.perf_counter() - started)
    return 0


def vacuum(name):
    """VACUUM ANALYZE, as autovacuum soon does on a live database: the bulk
    rows become visible to index-only scans without a heap fetch each."""
    phase = time.perf_counter()
    connection = psycopg2.connect(dbname=name)
    connection.autocommit = True
    try:
        with connection.cursor() as cr:
            cr.execute("VACUUM (ANALYZE)")
    finally:
        connection.close()
    log(f"VACUUM ANALYZE ({time.perf_counter() - phase:.1f} s)")


if __name__ == "__main__":
    os.environ.setdefault("PGAPPNAME", "saa-bench-generate")
    sys.exit(main())
