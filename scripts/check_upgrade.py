"""Upgrading the add-on keeps every record.

Counts the rows of every table of the add-on's models (its own and those it
extends, such as crm_lead and mail_activity), of its many2many tables and of
a few tables its data and hooks write to; upgrades the add-on with
``odoo -u``; counts again. Prints the table, and exits 1 when the upgrade
failed, logged an error, or changed a count.

    check_upgrade.py ODOO_BIN ODOO_CONF DATABASE LOG_FILE
"""

import subprocess
import sys

import psycopg2
from psycopg2 import sql

ADDON = "sales_action_anchor"
# Tables the add-on's data files, hooks and automations write to, beside its models'.
EXTRA_TABLES = (
    "mail_message",
    "mail_followers",
    "mail_activity_type",
    "ir_attachment",
    "calendar_event",
    "ir_cron",
    "base_automation",
    "ir_config_parameter",
)


def tables(cr):
    """The tables (and SQL views) of the models the add-on defines or extends,
    its many2many tables and the extra tables, that exist."""
    cr.execute(
        """
        SELECT replace(m.model, '.', '_')
          FROM ir_model m
          JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id AND d.module = %(addon)s
         WHERE NOT m.transient
        UNION
        SELECT r.name
          FROM ir_model_relation r
          JOIN ir_module_module module ON module.id = r.module AND module.name = %(addon)s
        UNION
        SELECT unnest(%(extra)s::text[])
        """,
        {"addon": ADDON, "extra": list(EXTRA_TABLES)},
    )
    names = sorted(row[0] for row in cr.fetchall())
    return [name for name in names if exists(cr, name)]


def exists(cr, name):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
    return cr.fetchone()[0]


def counts(dbname):
    with psycopg2.connect(dbname=dbname) as conn, conn.cursor() as cr:
        result = {}
        for name in tables(cr):
            cr.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
            result[name] = cr.fetchone()[0]
    conn.close()
    return result


def main(odoo_bin, conf, dbname, log_file):
    before = counts(dbname)
    with open(log_file, "w", encoding="utf-8") as log:
        rc = subprocess.call(
            [odoo_bin, "-c", conf, "-d", dbname, "-u", ADDON, "--stop-after-init", "--log-level=warn"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    with open(log_file, encoding="utf-8") as log:
        errors = [line.rstrip() for line in log if " ERROR " in line or " CRITICAL " in line]
    after = counts(dbname)

    changed = 0
    print(f"  {'table':<40} {'before':>8} {'after':>8}")
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name, "-"), after.get(name, "-")
        mark = "" if old == new else "   <-- changed"
        changed += old != new
        print(f"  {name:<40} {old:>8} {new:>8}{mark}")
    ok = rc == 0 and not errors and not changed
    if rc:
        print(f"FAILED: odoo -u exited with {rc} (log: {log_file})")
    for line in errors:
        print(f"FAILED: {line}")
    if changed:
        print(f"FAILED: the upgrade changed the row count of {changed} table(s)")
    if ok:
        print(f"ok: {len(before)} tables, every row kept")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
