"""The whole history: plans every opportunity, plays each salesperson's
stories, then their daily check-ins, and hands the rows to the COPY writer.

Each salesperson draws from their own random stream (seeded from the run's seed
and their number): only ids and the rare customer-name clash depend on the
salespeople before them.
"""

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass

from datagen.world.companies import (
    PRODUCT_LINES,
    expected_revenue,
    opportunity_name,
    opportunity_tags,
)
from datagen.world.customer_words import PLANNED_ACTIVITIES
from datagen.world.places import CITIES
from datagen.world.visit_words import PAIN_CATEGORIES

from .calendar import DAY, HOUR, TZ, local_minute
from .people import CustomerFactory, largest_remainder
from .rand import Random
from .rules import CLOSED, RANK
from .story import Opp, Plan, Story
from .texts import Writer

# Visits per opportunity, relative, by how it ends (the lead stage has none).
VISIT_WEIGHT = {
    ("open", "visit"): 1.5,
    ("open", "proposal"): 3.0,
    ("open", "quote"): 5.0,
    ("won", "signed"): 8.0,
    ("won", "delivery"): 9.0,
    ("lost", "visit"): 1.5,
    ("lost", "proposal"): 3.0,
    ("lost", "quote"): 5.0,
}
OPEN_STAGES = (("lead", 0.15), ("visit", 0.25), ("proposal", 0.25), ("quote", 0.2), ("signed", 0.15))
LOST_STAGES = (("lead", 0.15), ("visit", 0.3), ("proposal", 0.3), ("quote", 0.25))
LOST_REASON_WEIGHTS = [("crm.lost_reason_1", 5), ("crm.lost_reason_2", 1), ("crm.lost_reason_3", 2)]
TYPICAL_LENGTH = 30.0  # work days an opportunity usually stays open
DUE_TODAY_MIN = 3  # open activities due today per salesperson (the load test relies on it)


@dataclass(frozen=True)
class ActivityType:
    id: int
    name: str
    icon: str
    summary: str


class Rows:
    """The rows of one salesperson, kept until their history is complete (a
    few are adjusted at the end), then handed to the writer."""

    def __init__(self, writer, cal, refs):
        self.writer = writer
        self.cal = cal
        self.refs = refs
        self.tables = defaultdict(list)
        self.activities = {}
        self._senders = {}

    def new_id(self, table):
        return self.writer.new_id(table)

    def add(self, table, row):
        self.tables[table].append(row)

    def flush(self):
        for table in self.writer.buffers:
            for row in self.tables.pop(table, ()):
                self.writer.add(table, row)
        self.activities.clear()

    def followers(self, model, res_id, partner_id):
        follower_id = self.new_id("mail_followers")
        self.add(
            "mail_followers",
            {"id": follower_id, "res_model": model, "res_id": res_id, "partner_id": partner_id},
        )
        self.add(
            "mail_followers_mail_message_subtype_rel",
            {"mail_followers_id": follower_id, "mail_message_subtype_id": self.refs.subtype["discussions"]},
        )

    def message(
        self, model, res_id, record_name, message_type, subtype_id, activity_type_id, author, body, t
    ):
        message_id = self.new_id("mail_message")
        stamp = self.cal.utc(t)
        sender = self._senders.get(author.partner_id)
        if sender is None:
            sender = self._senders[author.partner_id] = f'"{author.name}" <{author.login}>'
        self.add(
            "mail_message",
            {
                "id": message_id,
                "model": model,
                "res_id": res_id,
                "record_name": record_name,
                "message_type": message_type,
                "subtype_id": subtype_id,
                "mail_activity_type_id": activity_type_id,
                "author_id": author.partner_id,
                "email_from": sender,
                "reply_to": sender,
                "message_id": f"<bench.{message_id}.{t}-openerp-{res_id}-{model}@example.com>",
                "body": body,
                "date": stamp,
                "record_company_id": self.refs.company_id,
                "is_internal": None,  # as message_post leaves it on a lead
                "email_add_signature": True,
                "create_uid": author.user_id,
                "write_uid": author.user_id,
                "create_date": stamp,
                "write_date": stamp,
            },
        )

    def activity(self, kind, opp, rep, summary, note, due, created, create_uid):
        activity_id = self.new_id("mail_activity")
        stamp = self.cal.utc(created)
        row = {
            "id": activity_id,
            "res_model_id": self.refs.lead_model_id,
            "res_model": "crm.lead",
            "res_id": opp.id,
            "res_name": opp.name,
            "activity_type_id": kind.id,
            "user_id": rep.user_id,
            "summary": summary,
            "note": note,
            "date_deadline": due,
            "user_tz": TZ,
            "automated": False,
            "active": True,
            "create_uid": create_uid,
            "write_uid": create_uid,
            "create_date": stamp,
            "write_date": stamp,
        }
        self.add("mail_activity", row)
        self.activities[activity_id] = row
        return activity_id

    def attachment(self, name, text, lead_id, author, t):
        attachment_id = self.new_id("ir_attachment")
        data = text.encode()
        stamp = self.cal.utc(t)
        self.add(
            "ir_attachment",
            {
                "id": attachment_id,
                "name": name,
                "res_model": "crm.lead",
                "res_id": lead_id,
                "company_id": self.refs.company_id,
                "type": "binary",
                "mimetype": "text/plain",
                "file_size": len(data),
                "checksum": hashlib.sha1(data).hexdigest(),
                "db_datas": "\\x" + data.hex(),
                "index_content": text,
                "public": False,
                "create_uid": author.user_id,
                "write_uid": author.user_id,
                "create_date": stamp,
                "write_date": stamp,
            },
        )
        return attachment_id


class Context:
    """What the stories share: calendar, references, the current salesperson's
    pen, rows and day-by-day record (for the check-ins)."""

    def __init__(self, cal, refs, writer, managers):
        self.cal = cal
        self.refs = refs
        self.writer = writer
        self.managers = managers
        self.rows = Rows(writer, cal, refs)
        self.pen = None
        self.lost_reasons = [(refs.lost_reasons[x], w) for x, w in LOST_REASON_WEIGHTS]

    def start_rep(self, rep, rng):
        self.pen = Writer(rng, rep.habits.summary, rep.english)
        self.days = defaultdict(lambda: [0, 0, []])  # local day → [visits, in time, opportunities]
        self.open_actions = []
        self.open_opps = []

    def categories_for(self, opp):
        industry = opp.customer.industry
        return [c for c in PAIN_CATEGORIES if c != "local_marketing" or industry == "G"]

    def lost_reason(self, rng):
        ids, weights = zip(*self.lost_reasons, strict=True)
        return rng.choices(ids, weights)[0]

    def day_event(self, rep, t, opp):
        self.days[t // DAY][2].append(opp)

    def day_visit(self, rep, t, submitted, end, opp):
        cell = self.days[t // DAY]
        cell[0] += 1
        cell[1] += submitted <= end + 30 * 60  # crm.team.anchor_visit_report_minutes
        cell[2].append(opp)

    def open_agreed(self, rep, visit, activity_id, item):
        self.open_actions.append((visit, activity_id, item))


# ----------------------------------------------------------------------
# Planning: who gets which opportunities, how they end, how many visits
# ----------------------------------------------------------------------


def _pick(rng, table):
    draw, total = rng.random(), 0.0
    for value, share in table:
        total += share
        if draw < total:
            return value
    return table[-1][0]


def plan_opportunities(reps, n_opps, n_visits, cal, seed):
    """{rep index: [Plan]} with exactly ``n_opps`` plans and ``n_visits`` visits."""
    rng = Random(f"{seed}-plans")
    join_w = {rep.index: join_position(cal, rep) for rep in reps}
    tenure = {rep.index: max(cal.now_w - join_w[rep.index], 5.0) for rep in reps}
    share = largest_remainder(
        n_opps, [tenure[rep.index] * (0.9 if rep.persona == "newcomer" else 1.0) for rep in reps]
    )
    plans, weights = {}, []
    for rep, count in zip(reps, share, strict=True):
        h = rep.habits
        p_open = min(0.6, max(0.04, TYPICAL_LENGTH / tenure[rep.index]))
        mine = []
        for _i in range(count):
            if rng.random() < p_open:
                stage = _pick(rng, OPEN_STAGES)
                plan = Plan("won" if stage == "signed" else "open", stage, 0)
                if stage == "signed":
                    plan.tail = rng.uniform(0.3, 8.0)
                elif stage == "lead" and rng.random() < 0.25:
                    plan.untouched = True
                    plan.tail = rng.uniform(0.02, 3.0)
                elif rng.random() < 0.03:
                    plan.tail = rng.uniform(30.0, min(250.0, tenure[rep.index] * 0.8))
                elif rng.random() < h.overdue_rate:
                    plan.tail = rng.uniform(3.0, 25.0)
                else:
                    plan.tail = rng.uniform(0.3, 1.6)
            elif rng.random() < h.win_rate:
                plan = Plan("won", "delivery", 0)
            else:
                plan = Plan("lost", _pick(rng, LOST_STAGES), 0)
                plan.untouched = plan.stage == "lead" and rng.random() < 0.1
            plan.forced = RANK[plan.stage] >= RANK["quote"] and rng.random() < 0.03
            weight = VISIT_WEIGHT.get((plan.fate, plan.stage), 0.0) * h.visit_weight
            weights.append(weight * math.exp(rng.gauss(0, 0.45)) if weight else 0.0)
            mine.append(plan)
        plans[rep.index] = mine
    flat = [plan for rep in reps for plan in plans[rep.index]]
    minimum = [1 if w else 0 for w in weights]
    extra = largest_remainder(n_visits - sum(minimum), [w or 0.0 for w in weights])
    for plan, low, more in zip(flat, minimum, extra, strict=True):
        plan.visits = low + more
    return plans


def join_position(cal, rep):
    day = (rep.joined - cal.start).days
    return cal.w_of_day(day) if day > 0 else 0.0


# ----------------------------------------------------------------------
# One salesperson
# ----------------------------------------------------------------------


def make_opportunity(rng, ctx, opp_id, customer, plan):
    opp = Opp()
    opp.id, opp.customer, opp.plan = opp_id, customer, plan
    opp.line = rng.choice(customer.lines)
    opp.product = rng.choice(PRODUCT_LINES[opp.line][1])
    opp.project = rng.choice(customer.projects)
    opp.revenue = expected_revenue(rng, opp.line)
    opp.priority = rng.choices("0123", (3, 4, 2, 1))[0]
    opp.name = opportunity_name(customer.short, opp.project, opp.product)
    keys = opportunity_tags(opp.line, opp.project, customer.industry, returning=rng.random() < 0.3)
    opp.tags = [ctx.refs.tags[key] for key in keys]
    return opp


def generate_rep(ctx, rep, plans, n_customers, factory, seed):
    """Customers, opportunities and check-ins of one salesperson, into the writer."""
    rng = Random(f"{seed}-rep-{rep.index}")
    cal, rows, refs = ctx.cal, ctx.rows, ctx.refs
    ctx.start_rep(rep, rng)
    cities = rng.sample(sorted(CITIES), rng.randint(1, 3))
    rep.customers = []
    for _i in range(max(1, n_customers)):
        customer = factory.make(rng, rows.new_id("res_partner"), cities)
        rep.customers.append(customer)
        partner_row(rows, cal, refs, customer, rep)
    join_w = join_position(cal, rep)
    for plan in plans:
        customer = rng.choice(rep.customers)
        opp = make_opportunity(rng, ctx, rows.new_id("crm_lead"), customer, plan)
        story = Story(ctx, rep, opp, rng)
        story.run(join_w)
        if not story.fact["lost"] and story.stage not in CLOSED:
            ctx.open_opps.append(opp)
    planned_activities(ctx, rep, rng)
    checkins(ctx, rep, rng)
    rows.flush()


def partner_row(rows, cal, refs, customer, rep):
    stamp = cal.utc(cal.at(join_position(cal, rep)))
    rows.add(
        "res_partner",
        {
            "id": customer.id,
            "name": customer.name,
            "complete_name": customer.name,
            "is_company": True,
            "commercial_partner_id": customer.id,
            "commercial_company_name": customer.name,
            "type": "contact",
            "active": True,
            "lang": "en_US",
            "user_id": rep.user_id,
            "street": customer.street,
            "city": customer.city,
            "zip": customer.zip,
            "state_id": refs.states[customer.state_xmlid],
            "country_id": refs.country_id,
            "industry_id": refs.industries[customer.industry],
            "phone": customer.phone,
            "phone_sanitized": customer.phone_sanitized,
            "email": customer.email,
            "email_normalized": customer.email,
            "website": customer.website,
            "color": 0,
            "partner_share": True,
            "employee": False,
            "message_bounce": 0,
            "calendar_last_notif_ack": stamp,
            "create_uid": rep.user_id,
            "write_uid": rep.user_id,
            "create_date": stamp,
            "write_date": stamp,
        },
    )


def planned_activities(ctx, rep, rng):
    """The salesperson's own to-dos on open opportunities, and at least a few
    open activities due today: agreed actions first, moved to today when needed."""
    cal, refs, rows = ctx.cal, ctx.refs, ctx.rows
    today = cal.today_day
    for opp in rng.sample(ctx.open_opps, min(len(ctx.open_opps), max(2, len(ctx.open_opps) // 7))):
        xmlid, summary = rng.choice(PLANNED_ACTIVITIES)
        kind = refs.activity_type[xmlid]
        due = today + rng.randint(-2, 7)
        created = max(opp.t_create + 600, cal.now - rng.randint(1, 10) * DAY)
        summary = summary.format(honor=opp.customer.honor)
        rows.activity(kind, opp, rep, summary, None, cal.date(due), created, rep.user_id)
    due_today = sum(1 for row in rows.activities.values() if row["date_deadline"] == cal.date(today))
    # Agreed actions of the latest visits, on open opportunities, become due today.
    candidates = sorted(
        (
            entry
            for entry in ctx.open_actions
            if rows.activities[entry[1]]["date_deadline"] != cal.date(today)
        ),
        key=lambda entry: entry[2]["t_visit"],
        reverse=True,
    )
    for visit, activity_id, item in candidates[: max(0, DUE_TODAY_MIN - due_today)]:
        follow = max(today * DAY + 16 * HOUR, item["t_visit"] + HOUR)
        if follow // DAY != today:
            continue
        visit["date_next_followup"] = cal.utc(follow)
        visit["action_deadline"] = cal.date(today)
        activity = rows.activities[activity_id]
        activity["date_deadline"] = cal.date(today)
        activity["note"] = (
            f"<p>Agreed during the visit of {cal.date(item['t_visit'] // DAY)}. Follow up by phone at "
            f"{local_minute(cal, follow)}.</p>"
        )
        due_today += 1
    for opp in ctx.open_opps[: max(0, DUE_TODAY_MIN - due_today)]:
        kind = refs.activity_type["mail.mail_activity_data_call"]
        rows.activity(
            kind,
            opp,
            rep,
            f"给{opp.customer.honor}打电话确认进度",
            None,
            cal.date(today),
            cal.now - 3600,
            rep.user_id,
        )


def checkins(ctx, rep, rng):
    """One check-in per day since joining, as the check-in job opens and settles
    them (weekends included: the job does not skip them)."""
    cal, rows, refs, h = ctx.cal, ctx.rows, ctx.refs, rep.habits
    first = max(0, (rep.joined - cal.start).days)
    morning_deadline = 8 * HOUR + 50 * 60  # crm.team.anchor_morning_deadline (08:50)
    evening_deadline = 18 * HOUR  # crm.team.anchor_evening_deadline
    all_opps = [opp for cell in ctx.days.values() for opp in cell[2]] or [None]
    pool = sorted({opp.id for opp in all_opps if opp is not None})
    for day in range(first, cal.today_day + 1):
        start = day * DAY
        visits, in_time, opps = ctx.days.get(day, (0, 0, []))
        workday = (cal.start.weekday() + day) % 7 < 5
        checkin_id = rows.new_id("crm_anchor_checkin")
        row = {
            "id": checkin_id,
            "user_id": rep.user_id,
            "team_id": rep.team_id,
            "company_id": refs.company_id,
            "date": cal.date(day),
            "visit_count": visits,
            "visit_in_time_count": in_time,
            "visit_state": "none" if not visits else "on_time" if visits == in_time else "late",
            "create_uid": refs.root_user_id,
            "write_uid": refs.root_user_id,
            "create_date": cal.utc(start + rng.randint(60, 900)),
        }
        last = start + 900
        parts = []
        for part, deadline, on_time_rate in (
            ("morning", morning_deadline, h.morning_on_time),
            ("evening", evening_deadline, h.evening_on_time),
        ):
            state, done = "missed", None
            if workday and rng.random() >= h.checkin_skip:
                if rng.random() < on_time_rate:
                    done = start + deadline - rng.randint(60, 100 * 60)
                else:
                    done = start + deadline + rng.randint(60, 180 * 60)
                state = "on_time" if done <= start + deadline else "late"
            if done is not None and done > cal.now:
                done = None
                state = "pending" if cal.now <= start + deadline else "missed"
            elif done is None and start + deadline >= cal.now:
                state = "pending"
            parts.append(state)
            row[f"{part}_state"] = state
            row[f"date_{part}_done"] = cal.utc(done) if done else None
            last = max(last, done or 0)
            if part == "morning" and done:
                opp = rng.choice(opps or all_opps)
                if opp is not None:
                    row["morning_partner_id"] = opp.customer.id
                    row["morning_need"] = ctx.pen.morning_need(opp)
            if part == "evening" and done:
                ahead = [o.id for d in range(day + 1, day + 5) for o in ctx.days.get(d, (0, 0, []))[2]]
                top = list(dict.fromkeys(ahead))[:3]
                while len(top) < 3 and len(pool) >= 3:
                    pick = rng.choice(pool)
                    if pick not in top:
                        top.append(pick)
                for lead_id in top:
                    rows.add(
                        "crm_anchor_checkin_crm_lead_rel",
                        {"crm_anchor_checkin_id": checkin_id, "crm_lead_id": lead_id},
                    )
        morning, evening = parts
        row["completed_count"] = (
            (morning == "on_time") + (row["visit_state"] in ("on_time", "none")) + (evening == "on_time")
        )
        row["write_date"] = cal.utc(min(max(last, start + 900), cal.now))
        rows.add("crm_anchor_checkin", row)


def generate(ctx, reps, plans, n_customers, seed, log):
    factory = CustomerFactory()
    customers = largest_remainder(n_customers, [len(plans[rep.index]) for rep in reps])
    for number, (rep, count) in enumerate(zip(reps, customers, strict=True), start=1):
        generate_rep(ctx, rep, plans[rep.index], count, factory, seed)
        if number % max(1, len(reps) // 10) == 0 or number == len(reps):
            log(f"  salespeople {number}/{len(reps)}")
