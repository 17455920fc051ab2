"""What check_migration.py does inside one database, one phase per call, with
the add-on's code the configuration's addons_path holds (an old version's or
the working tree's): Odoo imports an add-on once per process.

    upgrade_probe.py edit   ODOO_CONF DATABASE STATE_JSON
    upgrade_probe.py verify ODOO_CONF DATABASE STATE_JSON

- edit: a sales manager renames stages and changes the team's thresholds and
  the KPI targets, an administrator the dashboard settings, as far as this
  version has them; adds what they wrote to STATE_JSON (earlier versions'
  edits stay there). Then records there what an upgrade must keep or migrate:
  the rows' ids, the logged touches, the opportunities due a first touch.
- verify (working tree): the migration ran, every figure of the dashboard is
  what a fresh computation gives, every edit kept its value, no row was lost.
  Prints one line per check; exit 1 when one failed.
"""

import json
import sys
from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import SQL

ADDON = "sales_action_anchor"
MANAGER = f"{ADDON}.user_zhou_jianguo"  # the demo team's sales manager
SALESPERSON = f"{ADDON}.user_wang_lei"
TEAM = f"{ADDON}.crm_team_anchor"

# What a sales manager changes, each a value no version ships as its default.
STAGE_EDITS = {f"{ADDON}.stage_anchor_quote": "Quote (our wording)", f"{ADDON}.stage_anchor_visit": "On site"}
TEAM_EDITS = {
    "anchor_first_touch_hours": 24,
    "anchor_overdue_days": 5,
    "anchor_summary_min_chars": 6,
    "anchor_invoice_offset_days": 10,
    "anchor_morning_deadline": 9.5,
    "anchor_visit_report_minutes": 45,
}
KPI_EDITS = {
    f"{ADDON}.kpi_first_touch": {"target": 90.0},
    # Not a deadline: the backfill, the fresh computation, would move the deadlines
    # of the obligations opened before the change.
    f"{ADDON}.kpi_quote_sent": {"target": 80.0},
    f"{ADDON}.kpi_agreed_action": {"target": 75.0},
}
# A stage-driven automated action, renamed by an administrator.
AUTOMATION = f"{ADDON}.automation_enter_signed"
AUTOMATION_NAME = "Follow-through reminders (our wording)"
# The dashboard's thresholds, CRM settings (ir.config_parameter), set by an administrator.
SETTINGS_EDITS = {"anchor_busy_min_visits": 12, "anchor_real_progress_rate": 88}
# Every row of these tables that existed before the upgrade must exist after it.
KEPT_TABLES = (
    "crm_lead",
    "crm_stage",
    "crm_team",
    "mail_activity",
    "crm_anchor_touch",
    "crm_anchor_visit",
    "crm_anchor_expectation",
    "crm_anchor_kpi",
)
LAST_SECOND = time(23, 59, 59)


def open_env(conf, dbname):
    odoo.tools.config.parse_config(["-c", conf, "-d", dbname, "--log-level=warn"])
    return Registry(dbname).cursor()


def table_exists(cr, name):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
    return cr.fetchone()[0]


def column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", [table, column]
    )
    return bool(cr.fetchone())


# ----------------------------------------------------------------------------- edit


def edit(env, state):
    """Changes, as their users would, whatever this version has and no earlier
    call changed; records each written value in ``state["edits"]``."""
    edits = state.setdefault("edits", [])
    done = {(edit["xmlid"], edit["field"]) for edit in edits}
    manager = env.ref(MANAGER)
    as_manager = env(user=manager.id, context={"lang": manager.lang or "en_US"})

    def write(xmlid, values):
        record = as_manager.ref(xmlid, raise_if_not_found=False)
        todo = {
            name: value
            for name, value in values.items()
            if record is not None and name in record._fields and (xmlid, name) not in done
        }
        if todo:
            record.write(todo)
            lang = as_manager.lang or "en_US"  # a translated name is written in the user's language
            edits.extend(
                {"xmlid": xmlid, "field": name, "value": value, "lang": lang} for name, value in todo.items()
            )
            print(f"  {manager.login} set {xmlid} {todo}")

    for xmlid, name in STAGE_EDITS.items():
        write(xmlid, {"name": name})
    write(TEAM, TEAM_EDITS)
    if "crm.anchor.kpi" in env:
        for xmlid, values in KPI_EDITS.items():
            write(xmlid, values)
    if "evening_visit" not in state:
        state["evening_visit"] = evening_visit(env)
    # CRM settings: the administrator's, through the settings form.
    admin = env(user=env.ref("base.user_admin").id)
    # An automated action renamed by the administrator (base.automation).
    rule = admin.ref(AUTOMATION, raise_if_not_found=False)
    if rule and (AUTOMATION, "name") not in done:
        rule.name = AUTOMATION_NAME
        edits.append({"xmlid": AUTOMATION, "field": "name", "value": AUTOMATION_NAME, "lang": "en_US"})
        print(f"  {admin.user.login} set {AUTOMATION} name")
    fields = env["res.config.settings"]._fields
    todo = {
        name: value
        for name, value in SETTINGS_EDITS.items()
        if name in fields and ("ir.config_parameter", name) not in done
    }
    if todo:
        admin["res.config.settings"].create(todo).execute()
        edits.extend(
            {
                "xmlid": "ir.config_parameter",
                "field": name,
                "param": fields[name].config_parameter,
                "value": value,
            }
            for name, value in todo.items()
        )
        print(f"  {admin.user.login} set CRM settings {todo}")


def evening_visit(env):
    """A salesperson logs (as a draft) a visit made late in the evening, UTC
    time, so that its report is due on the last day of last month in UTC but
    on the first day of this month in the team's time zone (east of UTC): the
    ledger row that the months' migration must move to this month."""
    salesperson = env.ref(SALESPERSON)
    lead = env["crm.lead"].search(
        [("user_id", "=", salesperson.id), ("team_id", "=", env.ref(TEAM).id)], limit=1, order="id"
    )
    first_of_month = date.today().replace(day=1)
    visit = (
        env["crm.anchor.visit"]
        .with_user(salesperson)
        .create(
            {
                "lead_id": lead.id,
                # Reported within 24 h (the default deadline): by 20:00 UTC on the month's last day.
                "date_visit": datetime.combine(first_of_month - timedelta(days=2), time(20, 0)),
            }
        )
    )
    print(f"  {salesperson.login} logged visit {visit.id} of {visit.date_visit} UTC on opportunity {lead.id}")
    return visit.id


# ------------------------------------------------------------------------- snapshot


def snapshot(cr, state):
    cr.execute("SELECT latest_version FROM ir_module_module WHERE name = %s", [ADDON])
    state["version_before"] = cr.fetchone()[0]
    ids = {}
    for table in KEPT_TABLES:
        if table_exists(cr, table):
            cr.execute(SQL("SELECT id FROM %s ORDER BY id", SQL.identifier(table)))
            ids[table] = [row[0] for row in cr.fetchall()]
    state["ids"] = ids
    logged = (
        SQL.identifier("date_logged") if column_exists(cr, "crm_anchor_touch", "date_logged") else SQL("NULL")
    )
    cr.execute(
        SQL("SELECT id, date, create_date, %s FROM crm_anchor_touch WHERE state = 'done' ORDER BY id", logged)
    )
    state["logged_touches"] = [
        [touch_id, str(day), str(created), logged_on and str(logged_on)]
        for touch_id, day, created, logged_on in cr.fetchall()
    ]
    state["first_touch_leads"] = []
    if column_exists(cr, "crm_lead", "date_first_touch_deadline"):
        cr.execute("SELECT id FROM crm_lead WHERE date_first_touch_deadline IS NOT NULL ORDER BY id")
        state["first_touch_leads"] = [row[0] for row in cr.fetchall()]
    print(
        f"  {state['version_before']}: "
        + ", ".join(f"{len(rows)} {table}" for table, rows in ids.items())
        + f"; {len(state['logged_touches'])} logged touches"
    )


# --------------------------------------------------------------------------- verify


class Checks:
    def __init__(self):
        self.failed = 0

    def __call__(self, ok, message, details=()):
        print(("ok: " if ok else "FAILED: ") + message)
        if not ok:
            self.failed += 1
            details = list(details)
            for line in details[:10]:
                print(f"    {line}")
            if len(details) > 10:
                print(f"    ... and {len(details) - 10} more")


def local(moment, tz):
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz or "UTC"))


def check_migrated(cr, env, state, check):
    """(a) The migrations ran: their effect is on the rows from before."""
    manifest = odoo.modules.module.get_manifest(ADDON)
    cr.execute("SELECT latest_version, state FROM ir_module_module WHERE name = %s", [ADDON])
    version, module_state = cr.fetchone()
    check(
        version == manifest["version"] and module_state == "installed",
        f"{ADDON} is installed at {manifest['version']} (was {state['version_before']}; "
        f"now {version}, {module_state})",
    )

    rules = [env.ref(f"{ADDON}.{name}") for name in ("automation_enter_visit", "automation_enter_signed")]
    check(
        all(
            rule.model_id.model == "crm.anchor.stage.entry"
            and rule.action_server_ids.model_id == rule.model_id
            and "records.lead_id._anchor_on_enter_" in rule.action_server_ids.code
            for rule in rules
        )
        and not env["base.automation"].search([("model_id.model", "=", "crm.lead")]),
        "the stage-driven automated actions are triggered by stage entries, none by crm.lead",
        [f"{rule.name}: on {rule.model_id.model}" for rule in rules],
    )

    touch_ids = [row[0] for row in state["logged_touches"]]
    cr.execute("SELECT id, date_logged FROM crm_anchor_touch WHERE id = ANY(%s)", [touch_ids])
    logged = dict(cr.fetchall())
    wrong = []
    for touch_id, day, created, logged_before in state["logged_touches"]:
        expected = datetime.fromisoformat(logged_before or max(day, created, key=datetime.fromisoformat))
        if logged.get(touch_id) != expected:
            wrong.append(f"touch {touch_id}: logged on {logged.get(touch_id)}, expected {expected}")
    check(
        not wrong,
        f"the {len(logged)} touches logged before the upgrade have their date_logged "
        "(the later of the touch's date and its creation)",
        wrong,
    )

    cr.execute(
        """SELECT lead.id FROM crm_lead lead
            WHERE lead.id = ANY(%s) AND NOT EXISTS (
                  SELECT 1 FROM crm_anchor_expectation ledger
                   WHERE ledger.lead_id = lead.id AND ledger.kpi_code = 'first_touch')""",
        [state["first_touch_leads"]],
    )
    missing = [row[0] for row in cr.fetchall()]
    check(
        not missing,
        f"the {len(state['first_touch_leads'])} opportunities from before the upgrade with a first-touch "
        "deadline have their first-touch obligation in the ledger",
        [f"opportunity {lead_id} has none" for lead_id in missing],
    )

    cr.execute(
        """SELECT ledger.id, ledger.kpi_code, ledger.date_deadline, ledger.month,
                  company_partner.tz, user_partner.tz
             FROM crm_anchor_expectation ledger
             LEFT JOIN res_company company ON company.id = ledger.company_id
             LEFT JOIN res_partner company_partner ON company_partner.id = company.partner_id
             LEFT JOIN res_users salesperson ON salesperson.id = ledger.user_id
             LEFT JOIN res_partner user_partner ON user_partner.id = salesperson.partner_id
            ORDER BY ledger.id"""
    )
    rows = cr.fetchall()
    wrong_months, wrong_deadlines, agreed, boundary = [], [], 0, 0
    for row_id, code, deadline, month, company_tz, user_tz in rows:
        moment = local(deadline, company_tz or user_tz)
        if month != moment.date().replace(day=1):
            wrong_months.append(f"row {row_id}: month {month}, deadline {moment.isoformat()}")
        boundary += moment.month != deadline.month
        if code == "agreed_action":
            agreed += 1
            due = local(deadline, user_tz)
            if due.time() != LAST_SECOND:
                wrong_deadlines.append(f"row {row_id}: due {due.isoformat()}")
    check(
        boundary and not wrong_months,
        f"the ledger's {len(rows)} rows count in the month of their deadline in the company's time zone "
        f"({boundary} of them not in its UTC month)",
        wrong_months,
    )
    check(
        agreed and not wrong_deadlines,
        f"the {agreed} agreed actions of the ledger are due at their day's last second "
        "in their salesperson's time zone",
        wrong_deadlines,
    )


def ledger_rows(cr):
    cr.execute(
        """SELECT kpi_code, lead_id, COALESCE(visit_id, 0), date_deadline, date_done, state, month,
                  user_id, team_id, company_id
             FROM crm_anchor_expectation"""
    )
    return {tuple(row[:3]): row[3:] for row in cr.fetchall()}


def dashboard_calls(today, team):
    month = today.replace(day=1)
    previous = month - relativedelta(months=1)
    return [
        (str(month), str(today), None, None),
        (str(previous), str(month - timedelta(days=1)), None, None),
        (str(today - timedelta(days=89)), str(today), [team.id], None),
    ]


def differences(old, new, path=""):
    """The paths where two JSON-like values differ, each with both values."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys(), key=str):
            yield from differences(old.get(key, "<missing>"), new.get(key, "<missing>"), f"{path}.{key}")
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from differences(a, b, f"{path}[{index}]")
    elif old != new:
        yield f"{path or '.'}: after the upgrade {old!r}, computed afresh {new!r}"


def recompute_stored_fields(env):
    """Recompute every stored computed field the add-on defines or extends, on
    every record (archived too)."""
    for name in list(env.registry):
        model = env[name]
        if model._abstract or model._transient or not model._auto:
            continue
        fields = [
            field
            for field in model._fields.values()
            if field.store and field.compute and ADDON in field._modules
        ]
        if fields:
            records = model.sudo().with_context(active_test=False).search([])
            for field in fields:
                env.add_to_compute(field, records)
    env.flush_all()


def check_fresh(cr, env, check):
    """(b) The dashboard's every figure after the upgrade is what the current
    code computes from scratch: the ledger rebuilt by the add-on's backfill and
    the stored computed fields recomputed, in a transaction rolled back."""
    manager = env.ref(MANAGER)
    dashboard = env["crm.anchor.dashboard"].with_user(manager)
    calls = dashboard_calls(date.today(), env.ref(TEAM))
    # The obligations whose deadline passed are missed for the backfill at
    # once, for the events once the job runs: it would within the hour.
    env["crm.anchor.expectation"]._cron_anchor_missed()
    env.flush_all()
    migrated = [dashboard.get_data(*args) for args in calls]
    migrated_ledger = ledger_rows(cr)

    cr.execute("DELETE FROM crm_anchor_expectation")
    env.invalidate_all()
    recompute_stored_fields(env)
    env["crm.anchor.expectation"].sudo()._anchor_backfill()
    env.flush_all()
    fresh = [dashboard.get_data(*args) for args in calls]
    fresh_ledger = ledger_rows(cr)
    cr.rollback()

    diff = [f"{key}: only after the upgrade" for key in sorted(migrated_ledger.keys() - fresh_ledger.keys())]
    diff += [f"{key}: only computed afresh" for key in sorted(fresh_ledger.keys() - migrated_ledger.keys())]
    columns = ("date_deadline", "date_done", "state", "month", "user_id", "team_id", "company_id")
    for key in sorted(migrated_ledger.keys() & fresh_ledger.keys()):
        for column, old, new in zip(columns, migrated_ledger[key], fresh_ledger[key], strict=True):
            if old != new:
                diff.append(f"{key} {column}: after the upgrade {old}, computed afresh {new}")
    check(
        migrated_ledger and not diff,
        f"the ledger after the upgrade ({len(migrated_ledger)} rows) is the one the backfill builds afresh "
        "(kpi, opportunity, visit)",
        diff,
    )
    for args, old, new in zip(calls, migrated, fresh, strict=True):
        diff = list(differences(old, new))
        check(
            not diff,
            f"get_data{args} as {manager.login}: every figure after the upgrade equals a fresh computation",
            diff,
        )


def check_edits(env, state, check):
    """(c) Every value a person set before the upgrade is still there."""
    edits = state.get("edits", [])
    changed = []
    param = env["ir.config_parameter"].sudo().get_param
    for edit in edits:
        if edit["xmlid"] == "ir.config_parameter":
            value = param(edit["param"])
            value = type(edit["value"])(value) if value is not None else None
        else:
            record = env.ref(edit["xmlid"], raise_if_not_found=False)
            value = record.with_context(lang=edit["lang"])[edit["field"]] if record else "<deleted>"
        if value != edit["value"]:
            changed.append(f"{edit['xmlid']} {edit['field']}: set to {edit['value']!r}, now {value!r}")
    check(
        edits and not changed,
        f"the {len(edits)} values set by users before the upgrade are kept (stage names, team thresholds, "
        "KPI targets, settings)",
        changed,
    )


def check_rows_kept(cr, state, check):
    lost = []
    for table, ids in state["ids"].items():
        cr.execute(SQL("SELECT id FROM %s WHERE id = ANY(%s)", SQL.identifier(table), ids))
        gone = set(ids) - {row[0] for row in cr.fetchall()}
        if gone:
            lost.append(f"{table}: {len(gone)} of {len(ids)} rows gone, e.g. ids {sorted(gone)[:5]}")
    total = sum(len(ids) for ids in state["ids"].values())
    check(not lost, f"the {total} rows of {len(state['ids'])} tables from before the upgrade are kept", lost)


def verify(cr, env, state):
    check = Checks()
    check_migrated(cr, env, state, check)
    check_edits(env, state, check)
    check_rows_kept(cr, state, check)
    check_fresh(cr, env, check)
    return check.failed


def main(phase, conf, dbname, state_file):
    try:
        with open(state_file, encoding="utf-8") as file:
            state = json.load(file)
    except FileNotFoundError:
        state = {}
    with open_env(conf, dbname) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if phase == "edit":
            edit(env, state)
            env.flush_all()
            snapshot(cr, state)
        elif phase == "verify":
            failed = verify(cr, env, state)
            cr.rollback()
            return 1 if failed else 0
        else:
            sys.exit(__doc__)
    with open(state_file, "w", encoding="utf-8") as file:
        json.dump(state, file, indent=1, default=str)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
