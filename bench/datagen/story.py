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

import uuid
from dataclasses import dataclass

from .calendar import DAY, HOUR, WORK_START
from .texts import activity_done_body, evidence

STAGES = ("lead", "visit", "proposal", "quote", "signed", "delivery")
RANK = {code: index for index, code in enumerate(STAGES)}
CLOSED = ("signed", "delivery")
PROBABILITY = {
    "lead": 10.0,
    "visit": 20.0,
    "proposal": 40.0,
    "quote": 60.0,
    "signed": 100.0,
    "delivery": 100.0,
}
ACTION_LABELS = {
    "send_proposal": "Send proposal",
    "arrange_demo": "Arrange demo",
    "provide_samples": "Provide samples",
    "send_quote": "Send quote",
    "other": "Other",
}
CHANNEL_LABELS = {
    "phone": "Phone",
    "wechat": "WeChat",
    "onsite": "On-site",
    "email": "Email",
    "video": "Video",
}
METHOD_LABELS = {"wechat": "微信聊天记录", "phone": "通话记录", "email": "邮件往来", "onsite": "外勤签到"}
FIRST_TOUCH_HOURS = 48  # crm.team.anchor_first_touch_hours (default, kept on the generated teams)
OVERDUE_DAYS = 3  # crm.team.anchor_overdue_days
OPEN_ACTIVITY_DAYS = 7  # undone agreed actions older than this were cancelled by the salesperson
REMINDER_FEEDBACK = {
    "delivery": "已和工地确认送货时间，分两批送达。",
    "invoice": "增值税专用发票已开具并寄出。",
    "payment": "货款已到账。",
}
FOLLOW_THROUGH = (("delivery", 3), ("invoice", 7), ("payment", 30))  # team offsets (days)


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


def _u(rng, low, high):
    return low + (high - low) * rng.random()


class Story:
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
        r = _u(rng, 0.0, 0.8)
        self.r_create = r
        if p.untouched:
            if p.fate == "lost":
                ev.append({"kind": "lost", "r": r + _u(rng, 1, 6)})
            return ev
        fast = rng.random() < h.first_touch_fast
        r += _u(rng, 0.02, 0.5) if fast else _u(rng, 2.2, 5.0)
        ev.append({"kind": "touch", "r": r, "first": True})
        if p.stage == "lead":
            for _i in range(rng.choice((0, 0, 1, 2))):
                r += _u(rng, 1, 4)
                ev.append({"kind": "touch", "r": r})
            if p.fate == "lost":
                ev.append({"kind": "lost", "r": r + _u(rng, 1, 8)})
            return ev
        r += _u(rng, 0.005, 0.3)
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

        r += _u(rng, 0.3, 3.0)
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
                "ffrac": _u(rng, 0.05, 0.85),
                "phase": phase,
                "first": k == 1,
            }
            ev.append(visit)
            # What comes next: the agreed follow-up, kept or not.
            follow_r = int(r) + fdays + visit["ffrac"]
            kept = rng.random() < h.keep_rate
            nxt = max(r + 0.1, follow_r + (_u(rng, -0.15, 0.15) if kept else _u(rng, 1.2, 6.0)))
            if k == k_p and proposal_doc:
                ev.append({"kind": "doc", "r": r + (nxt - r) * _u(rng, 0.2, 0.6), "doc": "proposal"})
            if k == pre and need_proposal and k_q is None:
                # No visit left to agree on the quote: it is discussed on a call and sent as a document.
                ev.append({"kind": "touch", "r": nxt, "quote_entry": True})
                nxt += _u(rng, 0.8, 3.0)
            if k == pre and won:
                ev.append({"kind": "sign", "r": nxt})
                ev.append({"kind": "touch", "r": nxt + 0.02, "words": "won"})  # "the contract is signed"
                if rng.random() < 0.45:
                    ev.append({"kind": "touch", "r": nxt + _u(rng, 0.3, 4.0), "signal": "delivery_question"})
                if p.stage == "delivery":
                    ev.append({"kind": "move", "r": nxt + _u(rng, 3, 15), "stage": "delivery"})
                nxt += _u(rng, 1, 5)
            elif phase == "quote" and rng.random() < 0.15:
                ev.append({"kind": "touch", "r": r + (nxt - r) * _u(rng, 0.3, 0.7), "signal": "second_quote"})
            elif k < n and rng.random() < 0.3:
                touch_r = r + (follow_r - r if kept else (nxt - r) * 0.5)
                ev.append({"kind": "touch", "r": max(r + 0.05, touch_r)})
                nxt = max(nxt, touch_r + _u(rng, 0.8, 4.0))
            r = nxt
        if p.fate == "lost":
            # The salesperson follows up as agreed (or late) and hears the customer's "no".
            last_visit = ev[-1] if ev[-1]["kind"] == "visit" else None
            last = max(e["r"] for e in ev)
            if last_visit and not last_visit["draft"]:
                follow_r = int(last_visit["r"]) + last_visit["fdays"] + last_visit["ffrac"]
                kept = rng.random() < h.keep_rate
                last = max(last + 0.05, follow_r + (_u(rng, -0.15, 0.15) if kept else _u(rng, 1.2, 6.0)))
                ev.append({"kind": "touch", "r": last, "words": "lost"})
            ev.append({"kind": "lost", "r": last + _u(rng, 0.02, 3)})
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
            offset = _u(rng, join_w, high) if high > join_w else join_w - 1
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
                    self._enter_quote(clip(t + int(_u(rng, 300, 3600)), t + 1, hi), hi, via_document=True)
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
                        self._move("proposal", clip(submitted + int(_u(rng, 60, 900)), submitted + 1, hi))
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

    # -- events ------------------------------------------------------------

    def _touch(self, e, t):
        rng, opp, rep, rows, pen = self.rng, self.opp, self.rep, self.ctx.rows, self.pen
        method = rng.choices(("wechat", "phone", "email", "onsite"), (40, 35, 15, 10))[0]
        signal = e.get("signal")
        if signal == "second_quote":
            words = pen.words(opp, template=self.ctx.pools.SECOND_QUOTE_WORDS)
        elif signal == "delivery_question":
            words = pen.words(opp, template=self.ctx.pools.DELIVERY_QUESTION_WORDS)
        elif e.get("words") == "won":
            words = pen.words(opp, template=self.ctx.pools.WON_CALL_WORDS)
        elif e.get("words") == "lost":
            words = pen.words(opp, template=rng.choice(self.ctx.pools.LOST_WORDS))
        else:
            words = pen.words(opp, first=e.get("first", False))
        touch_id = rows.new_id("crm_anchor_touch")
        stamp = self.cal.utc(t)
        rows.add(
            "crm_anchor_touch",
            {
                "id": touch_id,
                "lead_id": opp.id,
                "partner_id": opp.customer.id,
                "user_id": rep.user_id,
                "team_id": rep.team_id,
                "company_id": self.refs.company_id,
                "date": stamp,
                "method": method,
                "customer_words": words,
                "state": "done",
                "date_logged": stamp,  # logged as it happened
                "create_uid": rep.user_id,
                "write_uid": rep.user_id,
                "create_date": stamp,
                "write_date": stamp,
            },
        )
        text = evidence(rng, opp, rep.name, method, words)
        attachment_id = rows.attachment(
            f"{METHOD_LABELS[method]}_{opp.customer.short}_{touch_id}.txt", text, opp.id, rep, t
        )
        rows.add(
            "crm_anchor_touch_ir_attachment_rel",
            {"crm_anchor_touch_id": touch_id, "ir_attachment_id": attachment_id},
        )
        if signal:
            rows.add(
                "crm_anchor_touch_signal_rel", {"touch_id": touch_id, "signal_id": self.refs.signal[signal]}
            )
        self.fact["date_first_touch"] = self.fact["date_first_touch"] or t  # events come in time order
        self.records.append((t, t))
        self.ctx.day_event(rep, t, opp)
        self.last_write = max(self.last_write, t)

    def _move(self, stage, t):
        self.stage, self.t_stage = stage, t
        self.last_write = max(self.last_write, t)
        if stage == "visit":
            self.t_visit_stage = t

    def _document(self, kind, t):
        opp, rows = self.opp, self.ctx.rows
        customer = opp.customer
        if kind == "proposal":
            name = f"供货方案_{customer.short}_{opp.project}.txt"
            text = (
                f"{opp.product}供货方案（摘要）\n客户：{customer.name}\n项目：{opp.project}\n"
                f"一、推荐产品：{opp.product}\n二、供货方式：按工期分批送货\n三、下一步：确认用量后出正式报价\n"
            )
        else:
            name = f"报价单_{customer.short}_{opp.project}.txt"
            text = (
                f"报价单\n客户：{customer.name}\n项目：{opp.project}\n品名：{opp.product}\n"
                f"合计：{opp.revenue:,} 元（含13%增值税）\n报价有效期：30天\n"
            )
        attachment_id = rows.attachment(name, text, opp.id, self.rep, t)
        rows.add(
            f"crm_lead_anchor_{kind}_attachment_rel",
            {"crm_lead_id": opp.id, "ir_attachment_id": attachment_id},
        )
        self.last_write = max(self.last_write, t)

    def _enter_quote(self, t, hi, via_document=False):
        """Entering Quote: a forced move when the proposal was never sent; the quote
        then goes out (agreed action done or document attached), within 24 h or not."""
        fact, rng = self.fact, self.rng
        self._move("quote", t)
        fact["date_quote_stage"] = fact["date_quote_stage"] or t
        if not fact["date_proposal_sent"]:
            fact["date_gate_forced"] = t
            manager = self.ctx.managers[self.rep.team_index]
            self.ctx.rows.message(
                "crm.lead",
                self.opp.id,
                self.opp.name,
                "notification",
                self.refs.subtype["note"],
                None,
                manager,
                f"<p>Stage gate forced into Quote by {manager.name}. Missing evidence: Proposal sent. "
                "Reason: 客户急要报价，方案已口头确认</p>",
                t,
            )
        if via_document and RANK[self.plan.stage] >= RANK["signed"]:
            delay = _u(rng, 1, 20) if rng.random() < self.habits.quote_fast else _u(rng, 26, 80)
            sent = clip(t + int(delay * HOUR), t + 60, hi)
            self._document("quote", sent)
            fact["date_quote_sent"] = fact["date_quote_sent"] or sent

    def _sign(self, t):
        fact = self.fact
        t = max(t, (fact["date_quote_sent"] or 0) + 60)  # a compressed story: the gate still holds
        self._move("signed", t)
        fact["date_signed"] = fact["date_closed"] = t
        self.t_signed = t
        # What automation_enter_signed schedules, relative to the signing day.
        day = self.cal.day_of(t)
        for key, offset in FOLLOW_THROUGH:
            due_day = day + offset
            if key == "delivery":
                done = t + int(_u(self.rng, 1, 6) * DAY)
            elif key == "invoice":
                done = t + int(_u(self.rng, 3, 12) * DAY)
            else:
                done = (
                    (due_day + self.rng.randint(-3, 15)) * DAY + WORK_START + int(_u(self.rng, 0, 8) * HOUR)
                )
            done = max(done, t + 600)
            self.pending.append(
                {"type": key, "created": t, "due_day": due_day, "done": done if done < self.cal.now else None}
            )

    def _visit(self, e, t, hi, t_next):
        """Rows of one visit; returns its submission time (None for a draft)."""
        cal, refs, rng, opp, rep, rows, pen = (
            self.cal,
            self.refs,
            self.rng,
            self.opp,
            self.rep,
            self.ctx.rows,
            self.pen,
        )
        h, fact = self.habits, self.fact
        visit_id = rows.new_id("crm_anchor_visit")
        duration = rng.choice((0.5, 0.75, 1.0, 1.0, 1.5, 2.0))
        end = t + int(duration * HOUR)
        category = rng.choice(self.ctx.categories_for(opp))
        row = {
            "id": visit_id,
            "lead_id": opp.id,
            "partner_id": opp.customer.id,
            "user_id": rep.user_id,
            "team_id": rep.team_id,
            "company_id": refs.company_id,
            "visit_duration": duration,
            "state": "draft",
            "create_uid": rep.user_id,
            "write_uid": rep.user_id,
        }
        created = self.t_visit_stage if e["first"] else t
        if e["draft"]:
            if e["first"] and e["k"] == 1 and rng.random() < 0.5:
                t = end = self.t_visit_stage  # the automation's draft, dated when it was prepared
                end += int(duration * HOUR)
            elif t > self.cal.now - 4 * HOUR or rng.random() < 0.6:
                t = cal.at(cal.now_w + _u(rng, 0.2, 4.0))  # planned
                end = t + int(duration * HOUR)
                created = min(created, self.cal.now - 600)
            if rng.random() < 0.5:
                row["pain_category_id"] = refs.category[category]
            stamp_created = cal.utc(min(created, self.cal.now - 60))
            row.update(
                date_visit=cal.utc(t),
                date_visit_end=cal.utc(end),
                create_date=stamp_created,
                write_date=stamp_created,
            )
            rows.add("crm_anchor_visit", row)
            return None

        # Reported: within 30 minutes of its end, the same day, or later.
        draw = rng.random()
        if draw < h.submit_fast:
            submitted = end + int(_u(rng, 120, 1700))
        elif draw < h.submit_fast + (1 - h.submit_fast) * 0.7:
            submitted = end + int(_u(rng, 2100, 6 * HOUR))
        else:
            submitted = end + int(_u(rng, 16 * HOUR, 60 * HOUR))
        submitted = clip(submitted, t + 60, hi)
        summary, key = pen.pain(category, opp)
        action = e["action"]
        note = pen.other_action(opp) if action == "other" else None
        follow = cal.at(int(e["w"]) + e["fdays"] + e["ffrac"])
        follow = max(follow, t + HOUR)
        deadline_day = cal.day_of(follow)
        channel = rng.choice(("phone", "wechat", "onsite", "email", "video"))
        mobile = rng.random() < 0.45  # entered on the phone (Quick Visit Entry): created when sent
        row.update(
            date_visit=cal.utc(t),
            date_visit_end=cal.utc(end),
            state="submitted",
            date_submitted=cal.utc(submitted),
            pain_category_id=refs.category[category],
            pain_summary=summary,
            pain_summary_key=key,
            value_point=pen.value(category),
            agreed_action=action,
            agreed_action_note=note,
            date_next_followup=cal.utc(follow),
            followup_channel=channel,
            client_uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)) if mobile else None,
            action_deadline=cal.date(deadline_day),
            create_date=cal.utc(submitted if mobile and not e["first"] else min(created, submitted)),
            write_date=cal.utc(submitted),
        )
        signal = None
        if e["phase"] == "quote" and rng.random() < 0.12:
            signal = "second_quote"
        elif e["phase"] == "after_sign" and t - getattr(self, "t_signed", t) < 7 * DAY and rng.random() < 0.3:
            signal = "delivery_question"
        if signal:
            rows.add("crm_anchor_visit_signal_rel", {"visit_id": visit_id, "signal_id": refs.signal[signal]})

        # The agreed action: done (on time or late), still open, or given up. The ones a
        # later stage needs as evidence are done before that stage is entered.
        if e["k"] == self.k_p and action == "send_proposal":
            done = clip(submitted + int((t_next - submitted) * _u(rng, 0.3, 0.9)), submitted + 60, hi)
            fact["date_proposal_sent"] = min(filter(None, [fact["date_proposal_sent"], done]))
        elif e["k"] == self.k_q and action == "send_quote":
            self._enter_quote(clip(submitted + int(_u(rng, 60, 900)), submitted + 1, hi), hi)
            quote_t = self.t_stage
            delay = _u(rng, 1, 20) if rng.random() < h.quote_fast else _u(rng, 26, 80)
            done = quote_t + int(delay * HOUR)
            if RANK[self.plan.stage] >= RANK["signed"]:
                done = clip(done, quote_t + 60, hi)
            elif done > hi:
                done = None  # not sent yet, or never: the opportunity stays in Quote or is lost
            if done is not None:
                fact["date_quote_sent"] = min(filter(None, [fact["date_quote_sent"], done]))
        elif e["k"] == self.k_q:
            self._enter_quote(clip(submitted + int(_u(rng, 60, 900)), submitted + 1, hi), hi)
            if RANK[self.plan.stage] >= RANK["signed"]:
                sent = clip(self.t_stage + int(_u(rng, 1, 30) * HOUR), self.t_stage + 60, hi)
                self._document("quote", sent)
                fact["date_quote_sent"] = fact["date_quote_sent"] or sent
            done = self._habitual_done(submitted, deadline_day)
        else:
            done = self._habitual_done(submitted, deadline_day)
        self.pending.append(
            {
                "type": "agreed",
                "visit": row,
                "created": submitted,
                "due_day": deadline_day,
                "done": done,
                "follow": follow,
                "channel": channel,
                "t_visit": t,
            }
        )
        self.records.append((submitted, t))
        self.ctx.day_visit(rep, t, submitted, end, opp)
        self.last_write = max(self.last_write, submitted)
        rows.add("crm_anchor_visit", row)
        return submitted

    def _habitual_done(self, submitted, deadline_day):
        """When the salesperson marks an ordinary agreed action done, as their habits go."""
        rng, h = self.rng, self.habits
        if rng.random() >= h.done_rate:
            return None
        start = deadline_day * DAY + WORK_START
        if rng.random() < h.on_time_rate:
            done = start + int(_u(rng, 0, 9.5) * HOUR)
            if rng.random() < 0.15:  # early
                done = submitted + int((done - submitted) * rng.random())
        else:
            done = start + int(_u(rng, 1, 10) * DAY)
        return max(done, submitted + 300)

    # -- what the events leave behind ------------------------------------------

    def _log_done(self, kind, summary, note, feedback, t):
        """What marking an activity done leaves: a message in the opportunity's chatter."""
        body = activity_done_body(kind.name, kind.icon, summary, note, feedback)
        rows, opp = self.ctx.rows, self.opp
        rows.message("crm.lead", opp.id, opp.name, "notification", self.refs.subtype["activities"], kind.id,
                     self.rep, body, t)  # fmt: skip

    def _open(self, kind, summary, note, due, created, create_uid):
        """An activity still open on the opportunity, for its salesperson."""
        return self.ctx.rows.activity(kind, self.opp, self.rep, summary, note, due, created, create_uid)

    def _settle_activities(self):
        """Each planned activity ends done (a chatter message), open, or cancelled."""
        cal, refs, opp, fact = self.cal, self.refs, self.opp, self.fact
        lost = fact["lost"]
        recent_day = cal.today_day - OPEN_ACTIVITY_DAYS
        for item in self.pending:
            done = item["done"]
            if done is not None and (done > cal.now or (lost and done > lost)):
                done = None  # not yet; or cancelled with the lost opportunity
            if item["type"] != "agreed":
                kind = refs.activity_type[item["type"]]
                if done is not None:
                    self._log_done(kind, kind.summary, None, REMINDER_FEEDBACK[item["type"]], done)
                elif not lost:
                    self._open(
                        kind, kind.summary, None, cal.date(item["due_day"]), item["created"], self.rep.user_id
                    )
                continue
            visit, kind = item["visit"], refs.activity_type["agreed"]
            action = visit["agreed_action"]
            summary = " – ".join(filter(None, [ACTION_LABELS[action], visit["agreed_action_note"]]))
            note = (
                f"<p>Agreed during the visit of {cal.date(cal.day_of(item['t_visit']))}. Follow up by "
                f"{CHANNEL_LABELS[item['channel']]} at {local_minute(cal, item['follow'])}.</p>"
            )
            if done is not None:
                visit["date_action_done"] = cal.utc(done)
                visit["action_done_on_time"] = cal.day_of(done) <= item["due_day"]
                visit["write_date"] = cal.utc(max(done, item["created"]))
                field = {"send_proposal": "date_proposal_sent", "send_quote": "date_quote_sent"}.get(action)
                if field:
                    fact[field] = min(filter(None, [fact[field], done]))
                self._log_done(kind, summary, note, self.pen.feedback(action, opp), done)
                self.last_write = max(self.last_write, done)
            elif not lost and item["due_day"] >= recent_day and self.stage not in CLOSED:
                due = cal.date(item["due_day"])
                visit["activity_id"] = activity_id = self._open(
                    kind, summary, note, due, item["created"], self.rep.user_id
                )
                self.ctx.open_agreed(self.rep, visit, activity_id, item)

    def _first_touch_sla(self):
        """First-touch deadline and status, and the reminder of the hourly job."""
        cal, fact = self.cal, self.fact
        deadline = self.t_create + FIRST_TOUCH_HOURS * HOUR
        fact["deadline"] = deadline
        touched, lost = fact["date_first_touch"], fact["lost"]
        flagged = deadline + int(_u(self.rng, 60, HOUR))  # the hourly job's next run
        kind = self.refs.activity_type["first_touch"]
        if touched:
            fact["sla"] = "on_time" if touched <= deadline else "late"
            if flagged < touched:
                self._log_done(kind, kind.summary, None, "First touch logged.", touched)
        elif lost:
            fact["sla"] = "breached" if deadline < lost else "pending"  # the job skips archived leads
        elif deadline < cal.now:
            fact["sla"] = "breached"
            flagged = min(flagged, cal.now - 60)
            self._open(kind, kind.summary, None, cal.utc(flagged)[:10], flagged, self.refs.root_user_id)
        else:
            fact["sla"] = "pending"

    def _overdue(self):
        """Past overdue episodes (flagged by the hourly job, closed by the next
        follow-up or the signature) and the flag as it stands now."""
        cal, fact, rng = self.cal, self.fact, self.rng
        closed = fact["lost"] or fact["date_signed"]
        kind = self.refs.activity_type["overdue"]
        records = sorted(self.records)
        latest = None  # COALESCE(date_last_followup, create_date) as it stood
        for index in range(len(records) + 1):
            since = latest if latest is not None else self.t_create
            flagged = since + OVERDUE_DAYS * DAY + int(_u(rng, 60, HOUR))
            until = records[index][0] if index < len(records) else None
            if until is not None and flagged < until and (not closed or flagged < closed):
                cleared = min(until, fact["date_signed"] or until)
                if not fact["lost"] or cleared < fact["lost"]:
                    self._log_done(kind, kind.summary, None, "Followed up.", cleared)
            if index < len(records):
                latest = records[index][1] if latest is None else max(latest, records[index][1])
        fact["last_followup"] = max((record[1] for record in records), default=None)
        since = fact["last_followup"] or self.t_create
        fact["overdue"] = (
            not fact["lost"] and self.stage not in CLOSED and since < cal.now - OVERDUE_DAYS * DAY
        )
        if fact["overdue"]:
            flagged = min(since + OVERDUE_DAYS * DAY + int(_u(rng, 60, HOUR)), cal.now - 60)
            self._open(kind, kind.summary, None, cal.utc(flagged)[:10], flagged, self.refs.root_user_id)

    def _lead_row(self):
        cal, refs, opp, rep, fact, rng = self.cal, self.refs, self.opp, self.rep, self.fact, self.rng
        customer = opp.customer
        lost, stage = fact["lost"], self.stage
        probability = 0.0 if lost else PROBABILITY[stage]
        closed = fact["date_closed"]
        deadline = cal.date(cal.day_of(closed) if closed else cal.today_day + rng.randint(10, 90))
        utc = cal.utc
        self.ctx.rows.add(
            "crm_lead",
            {
                "id": opp.id,
                "name": opp.name,
                "type": "opportunity",
                "active": not lost,
                "user_id": rep.user_id,
                "team_id": rep.team_id,
                "company_id": refs.company_id,
                "stage_id": refs.stage[stage],
                "partner_id": customer.id,
                "priority": opp.priority,
                "expected_revenue": opp.revenue,
                "prorated_revenue": round(opp.revenue * probability / 100, 2),
                "recurring_revenue": 0,
                "recurring_revenue_monthly": 0,
                "recurring_revenue_monthly_prorated": 0,
                "recurring_revenue_prorated": 0,
                "probability": probability,
                "automated_probability": probability,
                "date_deadline": deadline,
                "date_open": utc(self.t_create),
                "date_closed": utc(closed) if closed else None,
                "date_last_stage_update": utc(self.t_stage),
                "day_open": 0,
                "day_close": (closed - self.t_create) // DAY if closed else None,
                "color": 0,
                "message_bounce": 0,
                "lang_id": refs.lang_id,
                "country_id": refs.country_id,
                "state_id": refs.states[customer.state_xmlid],
                "city": customer.city,
                "street": customer.street,
                "zip": customer.zip,
                "partner_name": customer.name,
                "contact_name": customer.contact_name,
                "function": customer.contact_function,
                "email_from": customer.email,
                "email_normalized": customer.email,
                "email_domain_criterion": "@" + customer.email.split("@")[1],
                "email_state": "correct",
                "phone": customer.phone,
                "phone_sanitized": customer.phone_sanitized,
                "phone_state": "correct",
                "website": customer.website,
                "description": f"<p>来源：{rng.choice(self.ctx.pools.LEAD_SOURCES)}</p>",
                "lost_reason_id": self.ctx.lost_reason(rng) if lost else None,
                "anchor_stage_code": stage,
                "first_touch_sla_status": fact["sla"],
                "anchor_overdue": fact["overdue"],
                "date_first_touch": utc(fact["date_first_touch"]) if fact["date_first_touch"] else None,
                "date_first_touch_deadline": utc(fact["deadline"]),
                "date_last_followup": utc(fact["last_followup"]) if fact["last_followup"] else None,
                "date_proposal_sent": utc(fact["date_proposal_sent"]) if fact["date_proposal_sent"] else None,
                "date_quote_stage": utc(fact["date_quote_stage"]) if fact["date_quote_stage"] else None,
                "date_quote_sent": utc(fact["date_quote_sent"]) if fact["date_quote_sent"] else None,
                "date_signed": utc(fact["date_signed"]) if fact["date_signed"] else None,
                "date_gate_forced": utc(fact["date_gate_forced"]) if fact["date_gate_forced"] else None,
                "date_misjudged": utc(fact["date_misjudged"]) if fact["date_misjudged"] else None,
                "create_uid": rep.user_id,
                "write_uid": rep.user_id,
                "create_date": utc(self.t_create),
                "write_date": utc(min(max(self.last_write, self.t_create), cal.now)),
            },
        )
        for tag_id in opp.tags:
            self.ctx.rows.add("crm_tag_rel", {"lead_id": opp.id, "tag_id": tag_id})

    # ------------------------------------------------------------------

    def run(self, join_w):
        self.pending = []
        self.t_visit_stage = None
        ev = self.plan_events()
        ev = self.place(ev, join_w)
        self.play(ev)


def clip(value, low, high):
    """``value`` within [low, high]; ``low`` wins when the window is empty."""
    return max(low, min(value, high))


def local_minute(cal, t):
    return f"{cal.date(cal.day_of(t))} {t % DAY // 3600:02d}:{t % 3600 // 60:02d}"
