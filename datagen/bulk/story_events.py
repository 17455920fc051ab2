"""The rows each event of a story leaves: a touch with its evidence, a visit
and its agreed action, a document, a stage move, entering Quote, the signature."""

import uuid

from datagen.world.customer_words import (
    DELIVERY_QUESTION_WORDS,
    LOST_WORDS,
    SECOND_QUOTE_WORDS,
    WON_CALL_WORDS,
)
from datagen.world.sales_process import METHOD_LABELS, TOUCH_METHOD_WEIGHTS

from .calendar import DAY, HOUR, WORK_START, clip
from .rules import CHANNEL_KEYS, FOLLOW_THROUGH, RANK
from .texts import evidence


class StoryEvents:
    """Part of :class:`~datagen.bulk.story.Story`: one method per kind of event."""

    def _touch(self, e, t):
        rng, opp, rep, rows, pen = self.rng, self.opp, self.rep, self.ctx.rows, self.pen
        method = rng.choices(tuple(TOUCH_METHOD_WEIGHTS), tuple(TOUCH_METHOD_WEIGHTS.values()))[0]
        signal = e.get("signal")
        if signal == "second_quote":
            words = pen.words(opp, template=SECOND_QUOTE_WORDS)
        elif signal == "delivery_question":
            words = pen.words(opp, template=DELIVERY_QUESTION_WORDS)
        elif e.get("words") == "won":
            words = pen.words(opp, template=WON_CALL_WORDS)
        elif e.get("words") == "lost":
            words = pen.words(opp, template=rng.choice(LOST_WORDS))
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
            delay = rng.uniform(1, 20) if rng.random() < self.habits.quote_fast else rng.uniform(26, 80)
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
                done = t + int(self.rng.uniform(1, 6) * DAY)
            elif key == "invoice":
                done = t + int(self.rng.uniform(3, 12) * DAY)
            else:
                done = (
                    (due_day + self.rng.randint(-3, 15)) * DAY
                    + WORK_START
                    + int(self.rng.uniform(0, 8) * HOUR)
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
                t = cal.at(cal.now_w + rng.uniform(0.2, 4.0))  # planned
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
            submitted = end + int(rng.uniform(120, 1700))
        elif draw < h.submit_fast + (1 - h.submit_fast) * 0.7:
            submitted = end + int(rng.uniform(2100, 6 * HOUR))
        else:
            submitted = end + int(rng.uniform(16 * HOUR, 60 * HOUR))
        submitted = clip(submitted, t + 60, hi)
        summary, key = pen.pain(category, opp)
        action = e["action"]
        note = pen.other_action(opp) if action == "other" else None
        follow = cal.at(int(e["w"]) + e["fdays"] + e["ffrac"])
        follow = max(follow, t + HOUR)
        deadline_day = cal.day_of(follow)
        channel = rng.choice(CHANNEL_KEYS)
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
            done = clip(submitted + int((t_next - submitted) * rng.uniform(0.3, 0.9)), submitted + 60, hi)
            fact["date_proposal_sent"] = min(filter(None, [fact["date_proposal_sent"], done]))
        elif e["k"] == self.k_q and action == "send_quote":
            self._enter_quote(clip(submitted + int(rng.uniform(60, 900)), submitted + 1, hi), hi)
            quote_t = self.t_stage
            delay = rng.uniform(1, 20) if rng.random() < h.quote_fast else rng.uniform(26, 80)
            done = quote_t + int(delay * HOUR)
            if RANK[self.plan.stage] >= RANK["signed"]:
                done = clip(done, quote_t + 60, hi)
            elif done > hi:
                done = None  # not sent yet, or never: the opportunity stays in Quote or is lost
            if done is not None:
                fact["date_quote_sent"] = min(filter(None, [fact["date_quote_sent"], done]))
        elif e["k"] == self.k_q:
            self._enter_quote(clip(submitted + int(rng.uniform(60, 900)), submitted + 1, hi), hi)
            if RANK[self.plan.stage] >= RANK["signed"]:
                sent = clip(self.t_stage + int(rng.uniform(1, 30) * HOUR), self.t_stage + 60, hi)
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
            done = start + int(rng.uniform(0, 9.5) * HOUR)
            if rng.random() < 0.15:  # early
                done = submitted + int((done - submitted) * rng.random())
        else:
            done = start + int(rng.uniform(1, 10) * DAY)
        return max(done, submitted + 300)
