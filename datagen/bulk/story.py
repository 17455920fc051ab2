"""One opportunity's history, as the add-on would have recorded it.

An opportunity is planned first, in work positions relative to its creation
(:meth:`Story.plan_events`): the first touch, the move to Visit, the visits and their
agreed next steps, the documents, the signature or the loss. It is then placed
in the salesperson's time line (:meth:`Story.place`) and played
(:meth:`Story.play`): every fact the add-on derives from an event is derived
here the same way, from that event's time, e.g. the first touch sets the
first-touch date and SLA status, the submitted visit with "send proposal"
done sets the proposal date, entering Quote opens the quote obligation. Stage
gates hold: a stage is entered only once its evidence exists, except for the
few opportunities a manager forced (``date_gate_forced``, with the chatter note).
"""

from dataclasses import dataclass

from .calendar import clip
from .rules import RANK
from .story_aftermath import StoryAftermath
from .story_events import StoryEvents


@dataclass
class Plan:
    fate: str  # open / won / lost
    stage: str  # stage it ends in
    visits: int
    untouched: bool = False
    tail: float = 0.0  # for recent ones: work days between the last event and now
    forced: bool = False  # a manager forces it into Quote without the proposal


class Opp:
    __slots__ = ("id", "customer", "line", "product", "project", "revenue", "name", "plan", "priority")
    __slots__ += ("tags", "t_create")


class Story(StoryEvents, StoryAftermath):
    def __init__(self, ctx, rep, opp, rng):
        self.ctx = ctx
        self.cal = ctx.cal
        self.refs = ctx.refs
        self.rep = rep
        self.opp = opp
        self.plan = opp.plan
        self.rng = rng
        self.habits = rep.habits
        self.pen = ctx.pen

    # ------------------------------------------------------------------
    # 1. Plan: events in work positions relative to the creation
    # ------------------------------------------------------------------

    def plan_events(self):
        rng, h, p = self.rng, self.habits, self.plan
        rank, won = RANK[p.stage], p.fate == "won"
        ev = []
        r = rng.uniform(0.0, 0.8)
        self.r_create = r
        if p.untouched:
            if p.fate == "lost":
                ev.append({"kind": "lost", "r": r + rng.uniform(1, 6)})
            return ev
        fast = rng.random() < h.first_touch_fast
        r += rng.uniform(0.02, 0.5) if fast else rng.uniform(2.2, 5.0)
        ev.append({"kind": "touch", "r": r, "first": True})
        if p.stage == "lead":
            for _i in range(rng.choice((0, 0, 1, 2))):
                r += rng.uniform(1, 4)
                ev.append({"kind": "touch", "r": r})
            if p.fate == "lost":
                ev.append({"kind": "lost", "r": r + rng.uniform(1, 8)})
            return ev
        r += rng.uniform(0.005, 0.3)
        ev.append({"kind": "move", "r": r, "stage": "visit"})

        n = p.visits
        # Visits after signing: the ones signed lately have not had any yet.
        post = min(n - 1, rng.choice((0, 0, 1, 1, 2, 3))) if won and n >= 2 and p.stage == "delivery" else 0
        pre = n - post
        need_proposal = rank >= RANK["quote"]
        k_p = k_q = None
        if need_proposal:
            k_p = rng.randint(1, max(1, pre // 2))
            if pre > k_p:
                k_q = rng.randint(k_p + 1, pre)
        proposal_doc = need_proposal and not p.forced and rng.random() < 0.2
        quote_doc = rank >= RANK["signed"] and (k_q is None or rng.random() < 0.2)
        self.k_p, self.k_q, self.quote_doc = (None if p.forced else k_p), k_q, quote_doc
        lone_draft = n == 1 and p.stage == "visit" and p.fate != "won" and rng.random() < 0.5
        trailing_draft = p.fate == "open" and n >= 2 and (p.stage == "visit" or rng.random() < 0.08)

        r += rng.uniform(0.3, 3.0)
        for k in range(1, n + 1):
            phase = "after_sign" if k > pre else "quote" if k_q and k >= k_q else "early"
            draft = lone_draft or (k == n and trailing_draft and k not in (k_p, k_q))
            if k == k_p and not proposal_doc and not p.forced:
                action = "send_proposal"
            elif k == k_q:
                action = "other" if quote_doc else "send_quote"
            elif phase == "quote":
                action = rng.choices(
                    ("send_quote", "other", "arrange_demo", "provide_samples"), (2, 2, 1, 1)
                )[0]
            elif phase == "after_sign":
                action = rng.choices(("other", "provide_samples", "arrange_demo"), (3, 1, 1))[0]
            else:
                choices, weights = ("arrange_demo", "provide_samples", "other", "send_proposal"), (3, 3, 2, 1)
                if p.forced:
                    choices, weights = choices[:3], weights[:3]
                action = rng.choices(choices, weights)[0]
            fdays = 1 if k == k_q else rng.randint(*self.habits.followup_days)
            visit = {
                "kind": "visit",
                "r": r,
                "k": k,
                "draft": draft,
                "action": action,
                "fdays": fdays,
                "ffrac": rng.uniform(0.05, 0.85),
                "phase": phase,
                "first": k == 1,
            }
            ev.append(visit)
            # What comes next: the agreed follow-up, kept or not.
            follow_r = int(r) + fdays + visit["ffrac"]
            kept = rng.random() < h.keep_rate
            nxt = max(r + 0.1, follow_r + (rng.uniform(-0.15, 0.15) if kept else rng.uniform(1.2, 6.0)))
            if k == k_p and proposal_doc:
                ev.append({"kind": "doc", "r": r + (nxt - r) * rng.uniform(0.2, 0.6), "doc": "proposal"})
            if k == pre and need_proposal and k_q is None:
                # No visit left to agree on the quote: it is discussed on a call and sent as a document.
                ev.append({"kind": "touch", "r": nxt, "quote_entry": True})
                nxt += rng.uniform(0.8, 3.0)
            if k == pre and won:
                ev.append({"kind": "sign", "r": nxt})
                ev.append({"kind": "touch", "r": nxt + 0.02, "words": "won"})  # "the contract is signed"
                if rng.random() < 0.45:
                    ev.append(
                        {"kind": "touch", "r": nxt + rng.uniform(0.3, 4.0), "signal": "delivery_question"}
                    )
                if p.stage == "delivery":
                    ev.append({"kind": "move", "r": nxt + rng.uniform(3, 15), "stage": "delivery"})
                nxt += rng.uniform(1, 5)
            elif phase == "quote" and rng.random() < 0.15:
                ev.append(
                    {"kind": "touch", "r": r + (nxt - r) * rng.uniform(0.3, 0.7), "signal": "second_quote"}
                )
            elif k < n and rng.random() < 0.3:
                touch_r = r + (follow_r - r if kept else (nxt - r) * 0.5)
                ev.append({"kind": "touch", "r": max(r + 0.05, touch_r)})
                nxt = max(nxt, touch_r + rng.uniform(0.8, 4.0))
            r = nxt
        if p.fate == "lost":
            # The salesperson follows up as agreed (or late) and hears the customer's "no".
            last_visit = ev[-1] if ev[-1]["kind"] == "visit" else None
            last = max(e["r"] for e in ev)
            if last_visit and not last_visit["draft"]:
                follow_r = int(last_visit["r"]) + last_visit["fdays"] + last_visit["ffrac"]
                kept = rng.random() < h.keep_rate
                last = max(
                    last + 0.05, follow_r + (rng.uniform(-0.15, 0.15) if kept else rng.uniform(1.2, 6.0))
                )
                ev.append({"kind": "touch", "r": last, "words": "lost"})
            ev.append({"kind": "lost", "r": last + rng.uniform(0.02, 3)})
        return ev

    # ------------------------------------------------------------------
    # 2. Place: where the story sits in the salesperson's time line
    # ------------------------------------------------------------------

    def place(self, ev, join_w):
        cal, rng, p = self.cal, self.rng, self.plan
        length = max([self.r_create] + [e["r"] for e in ev])
        recent = p.fate == "open" or p.stage == "signed"
        if recent:
            end = cal.now_w - p.tail
            offset = end - length
        else:
            end = cal.now_w - 0.5
            high = end - length
            offset = rng.uniform(join_w, high) if high > join_w else join_w - 1
        scale = 1.0
        if offset < join_w:
            offset = join_w
            scale = max(end - join_w, 0.05) / max(length, 0.05)
        self.w_create = offset + self.r_create * scale
        for e in ev:
            e["w"] = offset + e["r"] * scale
        ev.sort(key=lambda e: e["w"])
        return ev

    # ------------------------------------------------------------------
    # 3. Play: rows
    # ------------------------------------------------------------------

    def play(self, ev):
        """One pass over the events, in time order; then what they leave behind."""
        cal, refs, rng, opp, rep, p = self.cal, self.refs, self.rng, self.opp, self.rep, self.plan
        now = cal.now
        rows = self.ctx.rows
        times = [cal.at(e["w"]) for e in ev]
        for e, t in zip(ev, times, strict=True):
            e["t"] = t
        t_create = cal.at(self.w_create)
        if times and times[0] <= t_create:
            t_create = times[0] - 60
        self.t_create = self.opp.t_create = t_create
        self.fact = fact = {
            "date_first_touch": None,
            "date_proposal_sent": None,
            "date_quote_stage": None,
            "date_quote_sent": None,
            "date_signed": None,
            "date_closed": None,
            "date_gate_forced": None,
            "date_misjudged": None,
            "lost": None,
        }
        self.stage, self.t_stage = "lead", t_create
        self.records = []  # (recorded at, follow-up date): what date_last_followup is made of
        self.last_write = t_create
        submitted_any = False

        for index, e in enumerate(ev):
            t = e["t"]
            t_next = times[index + 1] if index + 1 < len(times) else now
            hi = min(t_next, now) - 60
            kind = e["kind"]
            if kind == "touch":
                self._touch(e, t)
                if e.get("quote_entry"):
                    self._enter_quote(clip(t + int(rng.uniform(300, 3600)), t + 1, hi), hi, via_document=True)
            elif kind == "move":
                self._move(e["stage"], t)
            elif kind == "doc":
                self._document("proposal", t)
                fact["date_proposal_sent"] = fact["date_proposal_sent"] or t
            elif kind == "visit":
                submitted = self._visit(e, t, hi, t_next)
                if submitted and not submitted_any:
                    submitted_any = True
                    if RANK[p.stage] >= RANK["proposal"] and self.stage == "visit":
                        self._move("proposal", clip(submitted + int(rng.uniform(60, 900)), submitted + 1, hi))
            elif kind == "sign":
                self._sign(t)
            elif kind == "lost":
                fact["lost"] = fact["date_closed"] = t
                if fact["date_gate_forced"]:
                    fact["date_misjudged"] = t
                self.last_write = max(self.last_write, t)

        self._settle_activities()
        self._first_touch_sla()
        self._overdue()
        self._lead_row()
        rows.followers("crm.lead", opp.id, rep.partner_id)
        rows.message(
            "crm.lead",
            opp.id,
            opp.name,
            "notification",
            refs.subtype["lead_create"],
            None,
            rep,
            f'<div summary="o_mail_notification"><p>A new lead has been created for the team '
            f'"{rep.team_name}".</p></div>',
            t_create,
        )

    # ------------------------------------------------------------------

    def run(self, join_w):
        self.pending = []
        self.t_visit_stage = None
        ev = self.plan_events()
        ev = self.place(ev, join_w)
        self.play(ev)
