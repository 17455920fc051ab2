"""What a story leaves once its events are played: activities done, open or
cancelled, the first-touch SLA, the overdue episodes, and the opportunity's row."""

from datagen.world.companies import LEAD_SOURCES
from datagen.world.sales_process import FIRST_TOUCH_HOURS, OVERDUE_DAYS, REMINDER_FEEDBACK

from .calendar import DAY, HOUR, local_minute
from .rules import ACTION_LABELS, CHANNEL_LABELS, CLOSED, OPEN_ACTIVITY_DAYS, PROBABILITY
from .texts import activity_done_body


class StoryAftermath:
    """Part of :class:`~datagen.bulk.story.Story`: the facts derived from all its events."""

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
        flagged = deadline + int(self.rng.uniform(60, HOUR))  # the hourly job's next run
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
            flagged = since + OVERDUE_DAYS * DAY + int(rng.uniform(60, HOUR))
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
            flagged = min(since + OVERDUE_DAYS * DAY + int(rng.uniform(60, HOUR)), cal.now - 60)
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
                "description": f"<p>来源：{rng.choice(LEAD_SOURCES)}</p>",
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
