"""The simulated salespeople and managers of the load test (see load.py)."""

import json
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from load_client import OdooClient

CORPUS = Path(__file__).with_name("quick_note_corpus.jsonl")
SERVER_DT = "%Y-%m-%d %H:%M:%S"

# What a salesperson types when the parser found nothing for a field.
FALLBACK = {
    "zh": {
        "pain": ["月底对账总是对不上", "交货周期太长影响排产", "报价流程太慢客户等不及", "售后响应不及时"],
        "value": ["我们的系统能自动对账", "分批发货缩短交期", "当天出报价", "专人两小时内响应"],
        "note": "回电确认细节",
    },
    "en": {
        "pain": [
            "month-end reconciliation never matches",
            "delivery lead times are too long",
            "quotes take too many days",
            "support answers too slowly",
        ],
        "value": [
            "automatic reconciliation",
            "split shipments cut lead time",
            "same-day quotes",
            "2-hour support",
        ],
        "note": "Call back to confirm details",
    },
}


def load_notes():
    notes = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [note for note in notes if note.get("text")]


def future_followup(parsed_local, tz, rng):
    """The parsed follow-up (user's zone) in UTC, when it is ahead; else a
    day in the coming week at 10:00, as the salesperson would pick."""
    now = datetime.now(UTC)
    if parsed_local:
        try:
            moment = datetime.strptime(parsed_local[:19], SERVER_DT).replace(tzinfo=tz)
        except ValueError:
            moment = None
        if moment and moment > now + timedelta(minutes=5):
            return moment.astimezone(UTC).strftime(SERVER_DT)
    local_day = now.astimezone(tz).date() + timedelta(days=rng.randint(1, 7))
    moment = datetime(local_day.year, local_day.month, local_day.day, 10, tzinfo=tz)
    return moment.astimezone(UTC).strftime(SERVER_DT)


def build_entry(home, parsed, note, lead, serial, rng):
    """The payload ``toPayload`` of static/src/mobile/entry_queue.js makes.

    The pain point is the parsed one followed by the customer and a serial:
    the anchor check refuses a summary repeated word for word by the same
    salesperson, and a load test repeats its notes."""
    lang = "zh" if note.get("lang") in ("zh", "mixed") else "en"
    words = FALLBACK[lang]
    pain = (parsed.get("pain_summary") or "").strip() or rng.choice(words["pain"])
    customer = lead.get("partner_name") or lead.get("name") or ""
    if lang == "zh":
        pain_summary = f"{customer}：{pain}（第{serial}条记录）"
    else:
        pain_summary = f"{customer}: {pain} (record {serial})"
    value = (parsed.get("value_point") or "").strip() or rng.choice(words["value"])
    actions = [value for value, _label in home.get("agreed_actions") or []]
    action = parsed.get("agreed_action") if parsed.get("agreed_action") in actions else rng.choice(actions)
    channels = [value for value, _label in home.get("channels") or []]
    channel = parsed.get("followup_channel")
    channel = channel if channel in channels else rng.choice(channels)
    categories = [category["id"] for category in home.get("pain_categories") or []]
    category = parsed.get("pain_category_id")
    tz = ZoneInfo((home.get("user") or {}).get("tz") or "UTC")
    return {
        "client_uuid": str(uuid.uuid4()),
        "lead_id": lead["id"],
        "date_visit": datetime.now(UTC).strftime(SERVER_DT),
        "pain_category_id": category if category in categories else rng.choice(categories),
        "pain_summary": pain_summary,
        "value_point": value[: home["value_max_chars"]],
        "agreed_action": action,
        "agreed_action_note": (parsed.get("agreed_action_note") or words["note"])
        if action == "other"
        else False,
        "date_next_followup": future_followup(parsed.get("date_next_followup"), tz, rng),
        "followup_channel": channel,
        "quick_note": note["text"],
        "photo": None,
        "remind": False,
    }


def check_home(home):
    if not isinstance(home, dict) or "opportunities" not in home:
        return f"unexpected get_home answer: {str(home)[:100]}"
    return None


def check_sync(run, client_uuid):
    def check(results):
        if not isinstance(results, list) or len(results) != 1:
            return f"unexpected sync_entries answer: {str(results)[:200]}"
        result = results[0]
        if result.get("status") != "created" or result.get("client_uuid") != client_uuid:
            return f"entry {result.get('status')}: {result.get('message')}"
        with run.lock:
            run.created_uuids.add(client_uuid)
        return None

    return check


def rep_loop(run, index, login, notes):
    args = run.args
    rng = random.Random(args.seed * 100_003 + index)
    client = OdooClient(args.url, args.db, args.request_timeout)
    run.stop.wait(rng.uniform(0, args.ramp))
    if run.measure("login", lambda: client.authenticate(login, args.password)) is None:
        return
    serial = 0
    # Entries accepted and not yet in a home answer, as the page keeps them:
    # a read replica may answer before it has applied them.
    sent = []
    while run.active():
        home = run.measure(
            "home",
            lambda: client.call("crm.anchor.mobile", "get_home", [], {"client_uuids": list(sent)}),
            check_home,
        )
        run.think(rng, args.think)
        if home is None:
            continue
        received = set(home.get("received_uuids") or [])
        if any(client_uuid not in received for client_uuid in sent):
            run.count("home_behind_own_visit")
        sent[:] = [client_uuid for client_uuid in sent if client_uuid not in received]
        note = rng.choice(notes)
        parsed = run.measure(
            "parse_note",
            lambda note=note: client.call("crm.anchor.visit", "parse_quick_note", [note["text"]]),
        )
        run.think(rng, args.think)
        leads = home["opportunities"] or home["due"]
        if not run.active():
            break
        if not leads:
            run.skip("submit_visit")
        else:
            serial += 1
            entry = build_entry(
                home, parsed or {}, note, rng.choice(leads), f"{args.tag}-{index}-{serial}", rng
            )
            with run.lock:
                run.attempted_uuids.add(entry["client_uuid"])
            accepted = run.measure(
                "submit_visit",
                lambda entry=entry: client.call("crm.anchor.mobile", "sync_entries", [[entry]]),
                check_sync(run, entry["client_uuid"]),
            )
            if accepted is not None:
                sent.append(entry["client_uuid"])
        run.think(rng, args.think)
        mark_one_done(run, client, home["today"], rng)
        run.think(rng, args.think)


def mark_one_done(run, client, today, rng):
    """Open one of the salesperson's activities due by today and mark it done."""
    found = run.measure(
        "find_activity",
        lambda: client.call(
            "mail.activity",
            "search_read",
            [[("user_id", "=", client.uid), ("res_model", "=", "crm.lead"), ("date_deadline", "<=", today)]],
            {"fields": ["id", "res_id", "summary"], "limit": 5, "order": "date_deadline, id"},
        ),
    )
    if found is None:
        return
    if not found:
        run.skip("mark_done")
        return
    activity = rng.choice(found)
    if activity["id"] in run.done_activity_ids:
        # Marked done earlier in this run and still open: a lost "done".
        run.measure(
            "mark_done", lambda: None, lambda _result: f"activity {activity['id']} done earlier is open"
        )
        return

    def check(_message_id):
        with run.lock:
            run.done_activity_ids.add(activity["id"])

    run.measure(
        "mark_done",
        lambda: client.call(
            "mail.activity",
            "action_feedback",
            [[activity["id"]]],
            {"attachment_ids": [], "feedback": f"Done (load test {run.args.tag})"},
        ),
        check,
    )


def manager_loop(run, index, login):
    args = run.args
    rng = random.Random(args.seed * 100_003 + 50_000 + index)
    client = OdooClient(args.url, args.db, args.request_timeout)
    run.stop.wait(rng.uniform(0, args.ramp))
    if run.measure("login", lambda: client.authenticate(login, args.password)) is None:
        return
    today = date.today()
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    # The morning views open on this week, Monday to Sunday.
    monday = today - timedelta(days=today.weekday())
    week = [monday.isoformat(), (monday + timedelta(days=6)).isoformat()]
    while run.active():
        run.measure(
            "morning",
            lambda: client.call("crm.anchor.morning", "get_data", week, {"team_ids": None, "user_ids": None}),
            lambda data: None if isinstance(data, dict) and "heatmap" in data else "unexpected answer",
        )
        run.think(rng, args.manager_think)
        if not run.active():
            break
        run.measure(
            "dashboard",
            lambda: client.call(
                "crm.anchor.dashboard",
                "get_data",
                [first.isoformat(), last.isoformat()],
                {"team_ids": None, "user_ids": None},
            ),
            lambda data: (
                None if isinstance(data, dict) and "ranking" in data else "unexpected get_data answer"
            ),
        )
        run.think(rng, args.manager_think)
