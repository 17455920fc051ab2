"""What the load test counts in the database before and after, and checks:
nothing lost, nothing doubled (see load.py)."""

COUNT_QUERIES = {
    "visits": "SELECT count(*) FROM crm_anchor_visit",
    "activities_open": "SELECT count(*) FROM mail_activity WHERE active",
    "activities_archived": "SELECT count(*) FROM mail_activity WHERE NOT active",
    # The message "… done" that action_feedback posts on the opportunity.
    "activities_done_messages": """
        SELECT count(*) FROM mail_message
         WHERE mail_activity_type_id IS NOT NULL
           AND subtype_id = (
               SELECT res_id FROM ir_model_data WHERE module = 'mail' AND name = 'mt_activities'
           )
    """,
}


def connect(db, host=None, port=None):
    """A connection to ``db``: on the primary by default, else on ``host`` (a
    socket directory) and ``port``."""
    import psycopg2  # noqa: PLC0415  (Odoo's own driver; only needed for the counts)

    where = {key: value for key, value in (("host", host), ("port", port)) if value}
    return psycopg2.connect(dbname=db, **where)


def db_counts(db):
    with connect(db) as conn, conn.cursor() as cr:
        counts = {}
        for name, query in COUNT_QUERIES.items():
            cr.execute(query)
            counts[name] = cr.fetchone()[0]
    conn.close()
    return counts


def db_checks(run, before, after):
    """Every check as (name, passed, detail)."""
    attempted = sorted(run.attempted_uuids)
    with connect(run.args.db) as conn, conn.cursor() as cr:
        # Per entry: visits stored, and whether its agreed action is planned or done.
        cr.execute(
            "SELECT client_uuid, count(*), bool_and(activity_id IS NOT NULL OR date_action_done IS NOT NULL) "
            "FROM crm_anchor_visit WHERE client_uuid = ANY(%s) GROUP BY client_uuid",
            [attempted],
        )
        stored = {row[0]: (row[1], row[2]) for row in cr.fetchall()}
        cr.execute(
            "SELECT client_uuid FROM crm_anchor_visit WHERE client_uuid IS NOT NULL "
            "GROUP BY client_uuid HAVING count(*) > 1"
        )
        duplicated_anywhere = len(cr.fetchall())
        # The message action_feedback posts carries this run's feedback.
        cr.execute(
            "SELECT count(*) FROM mail_message WHERE mail_activity_type_id IS NOT NULL AND body LIKE %s",
            [f"%load test {run.args.tag}%"],
        )
        done_messages = cr.fetchone()[0]
        cr.execute(
            "SELECT id FROM mail_activity WHERE id = ANY(%s) AND active", [sorted(run.done_activity_ids)]
        )
        still_open = [row[0] for row in cr.fetchall()]
    conn.close()
    created = run.created_uuids
    lost = sorted(created - stored.keys())
    phantom = sorted(stored.keys() - created)  # stored although the client saw an error
    duplicated = sorted(key for key, (count, _planned) in stored.items() if count > 1)
    unplanned = sorted(key for key, (_count, planned) in stored.items() if not planned)
    done = len(run.done_activity_ids)
    visits = after["visits"] - before["visits"]
    return [
        ("visits created == successful submits", visits == len(created), f"{visits} / {len(created)}"),
        ("no accepted visit lost", not lost, f"{len(lost)} {lost[:3]}"),
        ("no visit stored for a failed submit", not phantom, f"{len(phantom)} {phantom[:3]}"),
        (
            "no duplicated client_uuid",
            not duplicated and not duplicated_anywhere,
            f"{len(duplicated)} in this run, {duplicated_anywhere} in the table",
        ),
        (
            "every new visit has its agreed action activity",
            not unplanned,
            f"{len(unplanned)} {unplanned[:3]}",
        ),
        (
            "activities done == successful dones",
            done_messages == done,
            f"{done_messages} done / {done} dones",
        ),
        ("no activity marked done still open", not still_open, f"{len(still_open)} {still_open[:3]}"),
    ]


def open_balance(run, before, after):
    """How the open activities changed: each new visit plans its agreed action;
    the reps mark some done; the server closes reminders itself (a visit clears
    the opportunity's "overdue" reminder) and may open some."""
    new_agreed = len(run.created_uuids)
    marked_done = len(run.done_activity_ids)
    closed_by_server = after["activities_done_messages"] - before["activities_done_messages"] - marked_done
    change = after["activities_open"] - before["activities_open"]
    return {
        "change": change,
        "new_agreed_actions": new_agreed,
        "marked_done": -marked_done,
        "closed_by_server": -closed_by_server,
        "other": change - new_agreed + marked_done + closed_by_server,
    }
