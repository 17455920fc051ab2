"""Who may do what with the add-on's data: the access matrix.

The tables below are both the specification that tests/test_access_matrix.py
asserts, case by case, and the source of docs/access-matrix.md. After changing
them, regenerate the document (the tests fail while it is out of date):

    python3 sales_action_anchor/tests/access_matrix.py

Pure Python, no Odoo import, so that the script runs anywhere.
"""

from pathlib import Path

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "access-matrix.md"

# The personas, in the order of the columns (and of the cells of ``_row``).
PERSONAS = {
    "rep_a": "Salesperson A",
    "rep_b": "Salesperson B",
    "all_docs": "All documents",
    "manager": "Sales manager",
    "foreign": "Other company",
    "portal": "Portal",
    "public": "Public",
}
PERSONA_NOTES = {
    "rep_a": "Sales / User: Own Documents Only, team 1, company 1; owns the company 1 records",
    "rep_b": "Sales / User: Own Documents Only, team 2, company 1",
    "all_docs": "Sales / User: All Documents, company 1",
    "manager": "Sales / Administrator, company 1",
    "foreign": "Sales / User: All Documents of company 2 only; owns the company 2 records",
    "portal": "a portal user (base.group_portal)",
    "public": "the public user (base.public_user), not logged in over HTTP",
}
# Every internal persona may export (base.group_allow_export), so that exporting
# is refused by the access rules, not by the export permission.

# The records each case aims at.
TARGETS = {
    "a": "Company 1 records, owned by salesperson A (team 1)",
    "x": "Company 2 records, owned by the other company's user",
}

# Model operations, as letters in a cell:
OPERATIONS = {
    "R": "read: search finds it, search_count and read_group count it, read by id works",
    "W": "write a field",
    "C": "create one like it as oneself: on the same opportunity, team and company",
    "U": "unlink",
    "E": "export: export_data and search_read of every stored field",
}
# A missing letter means AccessError for that operation; a missing R also means
# that search, search_count and read_group neither find nor count the record.
# NO_ACCESS: the model itself is refused, every call (even a search) raises AccessError.
NO_ACCESS = None

# Route and RPC outcomes.
OUTCOMES = {
    "rows": "answers with the target's data",
    "none": "answers without any trace of the target: no row, every figure zero or empty, no name",
    "done": "the action is performed on the target",
    "refused": "the entry is refused with a message; nothing is created",
    "denied": "AccessError over JSON-RPC, HTTP 403 for a page",
    "login": "not logged in: redirected to the login page (HTTP), session expired (JSON-RPC)",
}
NOT_APPLICABLE = None


def _row(*cells):
    """One cell per persona, in the order of PERSONAS."""
    return dict(zip(PERSONAS, cells, strict=True))


NO = NO_ACCESS
NA = NOT_APPLICABLE

# model: title, then the cells of each target. Configuration has no company
# and no owner: one shared record, target "a" only.
MODELS = {
    #                           rep_a    rep_b   all_docs manager  foreign  portal public
    "crm.lead": {
        "title": "Opportunities",
        "a": _row("RWCE", "C", "RWCE", "RWCUE", "", NO, NO),
        "x": _row("", "", "", "", "RWCE", NO, NO),
    },
    "crm.anchor.touch": {
        "title": "Touches",
        "a": _row("RWCE", "", "RWCE", "RWCUE", "", NO, NO),
        "x": _row("", "", "", "", "RWCE", NO, NO),
    },
    "crm.anchor.visit": {
        "title": "Visits",
        "a": _row("RWCE", "", "RWCE", "RWCUE", "", NO, NO),
        "x": _row("", "", "", "", "RWCE", NO, NO),
    },
    "crm.anchor.expectation": {
        "title": "Ledger of expected key actions",
        "a": _row("RE", "", "RE", "RE", "", NO, NO),
        "x": _row("", "", "", "", "RE", NO, NO),
    },
    "crm.anchor.stage.entry": {
        "title": "Stage entries (stage history)",
        "a": _row("RE", "", "RE", "RE", "", NO, NO),
        "x": _row("", "", "", "", "RE", NO, NO),
    },
    "crm.anchor.ledger.day": {
        "title": "Settled key actions per day (the ledger's summary)",
        "a": _row("RE", "", "RE", "RE", "", NO, NO),
        "x": _row("", "", "", "", "RE", NO, NO),
    },
    "crm.anchor.checkin": {
        "title": "Daily check-ins",
        "a": _row("RWE", "", "RWE", "RWUE", "", NO, NO),
        "x": _row("", "", "", "", "RWE", NO, NO),
    },
    "crm.anchor.template": {
        "title": "Published talk templates",
        "a": _row("RE", "RE", "RE", "RWCUE", "", NO, NO),
        "x": _row("", "", "", "", "RE", NO, NO),
    },
    "crm.anchor.penetration.report": {
        "title": "Action penetration report",
        "a": _row("RE", "", "RE", "RE", "", NO, NO),
        "x": _row("", "", "", "", "RE", NO, NO),
    },
    "crm.anchor.visit.report": {
        "title": "Visit quality report",
        "a": _row("RE", "", "RE", "RE", "", NO, NO),
        "x": _row("", "", "", "", "RE", NO, NO),
    },
    "crm.anchor.pain.category": {
        "title": "Configuration: pain point categories",
        "a": _row("RE", "RE", "RE", "RWCUE", "RE", NO, NO),
    },
    "crm.anchor.gate": {
        "title": "Configuration: stage gate evidence",
        "a": _row("RE", "RE", "RE", "RWE", "RE", NO, NO),
    },
    "crm.anchor.kpi": {
        "title": "Configuration: key action KPIs",
        "a": _row("RE", "RE", "RE", "RWE", "RE", NO, NO),
    },
    "crm.anchor.signal": {
        "title": "Configuration: customer signals",
        "a": _row("RE", "RE", "RE", "RWCUE", "RE", NO, NO),
    },
}

# Routes and public RPC methods, asked about the target's team, salesperson,
# records or ids. Over HTTP as each persona (JSON-RPC: /web/dataset/call_kw).
ROUTES = {
    #                           rep_a    rep_b    all_docs manager  foreign  portal    public
    "dashboard_xlsx": {
        "title": "`GET /sales_action_anchor/dashboard/xlsx?team_ids=…&user_ids=…`",
        "a": _row("rows", "none", "rows", "rows", "none", "denied", "login"),
        "x": _row("none", "none", "none", "none", "rows", "denied", "login"),
    },
    "dashboard_get_data": {
        "title": "`crm.anchor.dashboard.get_data(team_ids, user_ids)`",
        "a": _row("rows", "none", "rows", "rows", "none", "denied", "login"),
        "x": _row("none", "none", "none", "none", "rows", "denied", "login"),
    },
    "morning_get_data": {
        "title": "`crm.anchor.morning.get_data(team_ids, user_ids)`",
        "a": _row("rows", "none", "rows", "rows", "none", "denied", "login"),
        "x": _row("none", "none", "none", "none", "rows", "denied", "login"),
    },
    "pilot_get_comparison": {
        "title": "`crm.anchor.pilot.get_comparison(team_ids)`",
        "a": _row("rows", "none", "rows", "rows", "none", "denied", "login"),
        "x": _row("none", "none", "none", "none", "rows", "denied", "login"),
    },
    "mobile_get_home": {
        "title": "`crm.anchor.mobile.get_home()` (own day only)",
        "a": _row("rows", "none", "none", "none", "none", "denied", "login"),
        "x": _row("none", "none", "none", "none", "rows", "denied", "login"),
    },
    "mobile_sync_entries": {
        "title": "`crm.anchor.mobile.sync_entries()` with the target's opportunity id",
        "a": _row("done", "refused", "done", "done", "refused", "denied", "login"),
        "x": _row("refused", "refused", "refused", "refused", "done", "denied", "login"),
    },
    "mobile_get_entry_url": {
        "title": "`crm.anchor.mobile.get_entry_url()` and `crm.anchor.mobile.get_qr_src()` (no target)",
        "a": _row("done", "done", "done", "done", "done", "denied", "login"),
        "x": _row(NA, NA, NA, NA, NA, NA, NA),
    },
    "visit_by_id": {
        "title": "`crm.anchor.visit` `read` / `web_read` / `search_count` by id",
        "a": _row("rows", "denied", "rows", "rows", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "rows", "denied", "login"),
    },
    "visit_parse_quick_note": {
        "title": "`crm.anchor.visit.parse_quick_note()` (no target)",
        "a": _row("done", "done", "done", "done", "done", "denied", "login"),
        "x": _row(NA, NA, NA, NA, NA, NA, NA),
    },
    "template_get_published": {
        "title": "`crm.anchor.template.get_published_templates(category)`",
        "a": _row("rows", "rows", "rows", "rows", "none", "denied", "login"),
        "x": _row("none", "none", "none", "none", "rows", "denied", "login"),
    },
    "template_unpublish": {
        "title": "`crm.anchor.template.action_unpublish()` on the target's company template",
        "a": _row("denied", "denied", "denied", "done", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "denied", "denied", "login"),
    },
    "template_mine": {
        "title": "`crm.anchor.template.action_mine_templates()` (no target)",
        "a": _row("denied", "denied", "denied", "done", "denied", "denied", "login"),
        "x": _row(NA, NA, NA, NA, NA, NA, NA),
    },
    "template_use_in_visit": {
        "title": "`crm.anchor.template.action_use_in_visit()` on the target's draft visit",
        "a": _row("done", "denied", "done", "done", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "done", "denied", "login"),
    },
    "visit_reopen_wizard": {
        "title": "Reopen wizard (`crm.anchor.visit.reopen`) on the target's submitted visit",
        "a": _row("denied", "denied", "denied", "done", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "denied", "denied", "login"),
    },
    "stage_force_wizard": {
        "title": "Force stage wizard (`crm.anchor.stage.force`) on the target's opportunity",
        "a": _row("denied", "denied", "denied", "done", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "denied", "denied", "login"),
    },
    "checkin_morning": {
        "title": "`crm.anchor.checkin.action_checkin_morning()` on the target's check-in",
        "a": _row("done", "denied", "done", "done", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "done", "denied", "login"),
    },
    "qr_report_user": {
        "title": "`GET /report/html/sales_action_anchor.report_anchor_mobile_qr_user/<user id>`",
        "a": _row("denied", "denied", "denied", "rows", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "denied", "denied", "login"),
    },
    "qr_report_team": {
        "title": "`GET /report/html/sales_action_anchor.report_anchor_mobile_qr_team/<team id>`",
        "a": _row("denied", "denied", "denied", "rows", "denied", "denied", "login"),
        "x": _row("denied", "denied", "denied", "denied", "denied", "denied", "login"),
    },
}


# ----------------------------------------------------------------------
# The document
# ----------------------------------------------------------------------


def _model_cell(cell):
    if cell is NO_ACCESS:
        return "no access"
    return " ".join(letter if letter in cell else "·" for letter in OPERATIONS)


def _route_cell(cell):
    return "n/a" if cell is NOT_APPLICABLE else cell


def _table(rows, first_column, cell_format):
    lines = [
        "| " + " | ".join([first_column, *PERSONAS.values()]) + " |",
        "|" + "---|" * (len(PERSONAS) + 1),
    ]
    for title, cells in rows:
        lines.append("| " + " | ".join([title, *(cell_format(cells[p]) for p in PERSONAS)]) + " |")
    return lines


# Integrity: every field only the server establishes, with the event that does.
# tests/test_integrity.py checks these are exactly the models' _anchor_server_fields.
SERVER_FACTS = {
    "crm.lead": {
        "anchor_stage_code": "the stage's anchor code (related)",
        "date_first_touch": "the earliest contact claimed by a logged touch",
        "date_first_touch_deadline": "creation in an anchor team: now + the team's SLA",
        "first_touch_sla_status": "the first logged touch, judged on when the server received it; the job",
        "date_last_followup": "computed from the logged touches and submitted visits",
        "anchor_overdue": "follow-ups and the overdue job",
        "date_proposal_sent": "attaching a proposal document; an agreed action «send proposal» done",
        "date_quote_stage": "entering Quote",
        "date_quote_sent": "attaching a quote document; an agreed action «send quote» done",
        "date_signed": "entering Signed",
        "date_gate_forced": "a sales manager's `action_anchor_force_stage_to` (with its reason)",
        "date_misjudged": "a forced opportunity moving back or lost",
    },
    "crm.anchor.touch": {
        "team_id": "the opportunity's team (related)",
        "company_id": "the opportunity's company (related)",
        "date_logged": "logging the touch: when the server received it",
    },
    "crm.anchor.visit": {
        "team_id": "the opportunity's team (related)",
        "company_id": "the opportunity's company (related)",
        "date_visit_end": "computed from the visit's date and duration",
        "pain_summary_key": "computed from the pain point",
        "date_submitted": "submitting the visit: when the server received it",
        "activity_id": "submitting: the agreed action's activity",
        "action_deadline": "submitting: the activity's due date",
        "date_action_done": "marking the agreed action's activity done",
        "action_done_on_time": "marking it done, against its due date in the salesperson's time zone",
    },
    "crm.anchor.expectation": dict.fromkeys(
        (
            "kpi_id",
            "kpi_code",
            "lead_id",
            "visit_id",
            "user_id",
            "team_id",
            "company_id",
            "date_deadline",
            "date_done",
            "state",
            "month",
        ),
        "the events that open and close obligations, and the missed-obligations job",
    ),
    "crm.anchor.stage.entry": dict.fromkeys(
        (
            "lead_id",
            "stage_id",
            "previous_stage_id",
            "anchor_code",
            "previous_anchor_code",
            "team_id",
            "user_id",
            "company_id",
            "date",
        ),
        "an opportunity of an anchor team entering a stage",
    ),
    "crm.anchor.ledger.day": dict.fromkeys(
        ("company_id", "team_id", "user_id", "kpi_id", "grain", "day", "expected_count", "on_time_count"),
        "the ledger's rows settling (done or missed), and its rebuild",
    ),
    "crm.anchor.checkin": {
        "user_id": "the daily check-in job",
        "team_id": "the daily check-in job",
        "company_id": "computed from the team and the salesperson",
        "date": "the daily check-in job (the salesperson's day)",
        "date_morning_done": "the salesperson's morning check-in: when the server received it",
        "morning_state": "the morning check-in against the team's deadline; the job (missed)",
        "visit_count": "submitting visits",
        "visit_in_time_count": "submitting visits within the team's delay",
        "visit_state": "submitting visits",
        "date_evening_done": "the salesperson's evening check-in: when the server received it",
        "evening_state": "the evening check-in against the team's deadline; the job (missed)",
        "completed_count": "computed from the three parts",
    },
    "crm.anchor.template": {
        "state": "a sales manager's Publish / Unpublish / Archive",
        "what_to_say_key": "computed from what to say",
        "evidence_count": "the mining job",
        "win_rate": "the mining job",
        "visit_ids": "the mining job",
        "date_mined": "the mining job",
    },
    "crm.anchor.kpi": {"code": "the add-on's data: what opens and closes the KPI's obligations"},
    "crm.anchor.gate": {"code": "the add-on's data: what the gate checks"},
}


def render():
    """docs/access-matrix.md, as markdown."""
    lines = [
        "# Access matrix",
        "",
        "<!-- Generated from sales_action_anchor/tests/access_matrix.py: do not edit by hand.",
        "     Regenerate with: python3 sales_action_anchor/tests/access_matrix.py -->",
        "",
        "Who may do what with the add-on's records, reports, routes and RPC methods. Every cell",
        "is asserted by `sales_action_anchor/tests/test_access_matrix.py`, which reads these",
        'same tables. No record of another salesperson (for "own documents" users) or of',
        "another company leaks: it is not found, not counted, not read by id, and its figures",
        "are absent from every dashboard.",
        "",
        "## Personas",
        "",
    ]
    lines += [f"- **{PERSONAS[key]}**: {note}." for key, note in PERSONA_NOTES.items()]
    lines += [
        "",
        "Every internal persona may export (`base.group_allow_export`), so that an export is",
        "refused by the access rules themselves.",
        "",
        "## Models",
        "",
        "Letters of the operations allowed on the target record; `·` means AccessError, and a",
        "missing R means search, search_count and read_group neither find nor count the record.",
        "",
    ]
    lines += [f"- **{letter}**: {meaning}." for letter, meaning in OPERATIONS.items()]
    lines.append(
        "- **no access**: the model itself is refused: every call, even a search, raises AccessError."
    )
    for target, label in TARGETS.items():
        rows = [
            (f"{spec['title']} (`{model}`)", spec[target]) for model, spec in MODELS.items() if target in spec
        ]
        lines += ["", f"### {label}", "", *_table(rows, "Model", _model_cell)]
    lines += [
        "",
        "Configuration (categories, gates, KPIs, signals) is shared by all companies: one",
        "record, in the first table only.",
        "",
        "## Routes and RPC methods",
        "",
        "Called over HTTP as each persona, about the target's team, salesperson, records or ids.",
        "",
    ]
    lines += [f"- **{outcome}**: {meaning}." for outcome, meaning in OUTCOMES.items()]
    lines.append("- **n/a**: the method has no target.")
    for target, label in TARGETS.items():
        rows = [(spec["title"], spec[target]) for spec in ROUTES.values()]
        lines += ["", f"### {label}", "", *_table(rows, "Route or method", _route_cell)]
    lines += [
        "",
        "## Integrity: facts only the server establishes",
        "",
        "Every stored field the add-on adds is either entered by a person or established by the",
        "server. A value for one of the fields below, sent by anyone (salesperson, All Documents",
        "user, sales manager, another company's user) through `create`, `write`, an import",
        "(`load`, the import dialog), XML-RPC or JSON-RPC, with any context key, is refused with a",
        "message naming the field, and nothing is written (AccessError for who may not write the",
        "model at all). Only the event named here sets it: the add-on's own code, once it has",
        "checked the caller, writes it in superuser mode, which no client can reach.",
        "`tests/test_integrity.py` tries every field × persona × path, a sample over HTTP, and",
        "fails when a stored field is added without being classified.",
        "",
        "Dates a person claims are checked too: a logged touch or a submitted visit cannot be",
        "dated more than 10 minutes ahead of the server's clock; a past contact may be logged",
        "late, but the first-touch SLA and visit reporting are judged on when the server",
        'received the record (the forms show "Logged … after" when the two differ). A submitted',
        "visit and a logged touch are locked; a sales manager reopens a visit",
        "(`action_reopen`, with its reason in the chatter) or forces a stage gate",
        "(`action_anchor_force_stage_to`); no context key does either.",
        "",
        "| Model | Field | Established by |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{model}` | `{name}` | {event} |"
        for model, facts in SERVER_FACTS.items()
        for name, event in facts.items()
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC_PATH.write_text(render(), encoding="utf-8")
