from datetime import timedelta

from odoo import api, fields, models

from ..lib import demand_words, periods, ratios
from ..lib.rpc_values import rpc_safe

TOP_WORDS = 40
# A part's deadline falls at most a day and a half after its day starts in the
# salesperson's time zone (24 h plus the widest gap between two UTC offsets):
# parts of older days stand as stored.
OPEN_PART_DAYS = 3


class CrmAnchorMorning(models.AbstractModel):
    """What a manager reads before the morning meeting: who checked in, what
    customers ask for, and whether agreed actions get done. Reads only, under
    the caller's record rules, in a fixed number of queries."""

    _name = "crm.anchor.morning"
    _inherit = "crm.anchor.analysis"
    _description = "Action Anchors Morning Views"

    @api.readonly
    @api.model
    def get_data(self, date_from, date_to, team_ids=None, user_ids=None):
        """See docs/dashboard-data.md (second section)."""
        period = self._period(date_from, date_to)
        scope = self._scope(team_ids, user_ids)
        checkins = self.env["crm.anchor.checkin"].search_read(
            [("date", ">=", period["date_from"]), ("date", "<=", period["date_to"])]
            + self._scope_domain(scope),
            [
                "user_id",
                "date",
                "morning_state",
                "visit_state",
                "evening_state",
                "completed_count",
                "morning_need",
            ],
            order="date, user_id",
        )
        return rpc_safe(
            {
                "period": {
                    "date_from": period["date_from"].isoformat(),
                    "date_to": period["date_to"].isoformat(),
                },
                "heatmap": self._heatmap(period, checkins),
                "words": self._words(period, scope, checkins),
                "trend": self._trend(period, scope),
                "pilot": self.env["crm.anchor.pilot"].get_comparison(date_from, date_to, team_ids),
                "newcomers": self._newcomers(period, scope),
            }
        )

    def _heatmap(self, period, checkins):
        """Days from the first check-in of the period (none before: the team
        was not checking in yet) to today, never beyond; a salesperson's day
        without a check-in has no cell. Morning and evening parts not done are
        judged at the time of reading: pending before their deadline, missed
        after it."""
        today = self._today()
        days = []
        if checkins:
            first = checkins[0]["date"]
            last = max(min(period["date_to"], today), checkins[-1]["date"])
            days = [(first + timedelta(days=offset)).isoformat() for offset in range((last - first).days + 1)]
        recent = self.env["crm.anchor.checkin"].browse(
            [
                row["id"]
                for row in checkins
                if row["date"] >= today - timedelta(days=OPEN_PART_DAYS)
                and {row["morning_state"], row["evening_state"]} & {"pending", "missed"}
            ]
        )
        states = recent._anchor_states_at(fields.Datetime.now())
        users = {row["user_id"][0]: row["user_id"][1] for row in checkins}
        return {
            "days": days,
            "users": [
                {"id": uid, "name": name} for uid, name in sorted(users.items(), key=lambda item: item[1])
            ],
            "cells": [
                {
                    "user_id": row["user_id"][0],
                    "day": row["date"].isoformat(),
                    "morning": states.get(row["id"], {}).get("morning", row["morning_state"]),
                    "visits": row["visit_state"],
                    "evening": states.get(row["id"], {}).get("evening", row["evening_state"]),
                    "completed": row["completed_count"],
                    "checkin_id": row["id"],
                }
                for row in checkins
            ],
        }

    def _words(self, period, scope, checkins):
        """TOP demands from the period's pain points and morning core needs.
        Check-ins are passed with negative ids to keep both kinds apart."""
        start, end = self._bounds(period["date_from"], period["date_to"])
        visits = self.env["crm.anchor.visit"].search_read(
            [("state", "=", "submitted"), ("date_visit", ">=", start), ("date_visit", "<", end)]
            + self._scope_domain(scope),
            ["pain_summary"],
        )
        texts = [(visit["id"], visit["pain_summary"] or "") for visit in visits]
        texts += [(-row["id"], row["morning_need"] or "") for row in checkins]
        words = []
        for entry in demand_words.top_words(texts, limit=TOP_WORDS):
            visit_ids = [record_id for record_id in entry["record_ids"] if record_id > 0]
            words.append(
                {
                    "word": entry["word"],
                    "count": entry["count"],
                    "visit_ids": visit_ids,
                    "checkin_ids": sorted(-record_id for record_id in entry["record_ids"] if record_id < 0),
                    "domain": [("id", "in", visit_ids)],
                }
            )
        return words

    def _newcomers(self, period, scope):
        """Each newcomer's first-deal cycle and the gap between their visits and
        the TOP 3 salespeople's over the period (summary length, completion,
        follow-up punctuality)."""
        thresholds = self._thresholds()
        joined = self._newcomer_joined(scope, thresholds)
        if not joined:
            return {"top": None, "rows": []}
        ranking = self._ranking(period, scope, thresholds)["rows"]
        by_user = {row["user_id"]: row for row in ranking}
        top = [row for row in ranking if row["top3"]]

        def mean(rows, key):
            values = [row[key] for row in rows if row[key] is not None]
            return round(sum(values) / len(values), 4) if values else None

        top_figures = {
            "avg_summary_chars": mean(top, "avg_summary_chars"),
            "completion_rate": mean(top, "completion_rate"),
            "punctuality_rate": mean(top, "punctuality_rate"),
        }
        first_deals = dict(
            self.env["crm.lead"]._read_group(
                [("user_id", "in", list(joined)), ("date_signed", "!=", False), ("type", "=", "opportunity")],
                ["user_id"],
                ["date_signed:min"],
            )
        )
        tz = self._tz()
        rows = []
        for user in self.env["res.users"].browse(sorted(joined)):
            row = by_user.get(user.id, {})
            first = first_deals.get(user)
            figures = {key: row.get(key) for key in top_figures}
            rows.append(
                {
                    "user_id": user.id,
                    "name": user.name,
                    "joined": joined[user.id].isoformat(),
                    "first_deal_days": (periods.local_date(first, tz) - joined[user.id]).days
                    if first
                    else None,
                    "visits": row.get("visits", 0),
                    **figures,
                    "gaps": {
                        key: round(figures[key] - top_figures[key], 4)
                        if figures[key] is not None and top_figures[key] is not None
                        else None
                        for key in top_figures
                    },
                }
            )
        return {"top": top_figures, "rows": rows}

    def _trend(self, period, scope):
        """Agreed actions due each day up to today and those done by their
        deadline. Later days are not counted: an action done early is due on
        its own day, not on the day it was done, and a day still to come has
        no rate yet."""
        last = min(period["date_to"], self._today())
        rows = []
        if last >= period["date_from"]:
            start, end = self._bounds(period["date_from"], last)
            # Days of the team's time zone, as the bounds.
            rows = (
                self.env["crm.anchor.expectation"]
                .with_context(tz=self._tz())
                ._read_group(
                    [
                        ("kpi_code", "=", "agreed_action"),
                        ("date_deadline", ">=", start),
                        ("date_deadline", "<", end),
                    ]
                    + self._due_domain()
                    + self._scope_domain(scope),
                    ["date_deadline:day", "user_id", "state"],
                    ["__count"],
                )
            )
        daily, weekly, by_user = {}, {}, {}
        for day, user, state, count in rows:
            day = day.date() if hasattr(day, "date") else day
            done = count if state == "done_on_time" else 0
            week_start = day - timedelta(days=day.weekday())
            for bucket, key in ((daily, day), (weekly, week_start), (by_user, user)):
                cell = bucket.setdefault(key, [0, 0])
                cell[0] += count
                cell[1] += done
        return {
            "date_from": period["date_from"].isoformat(),
            "date_to": last.isoformat(),
            "daily": [
                {"day": day.isoformat(), "due": due, "done": done, "rate": ratios.rate(done, due)}
                for day, (due, done) in sorted(daily.items())
            ],
            "weekly": [
                {
                    "week": f"{start_day.isocalendar()[0]}-W{start_day.isocalendar()[1]:02d}",
                    "start": start_day.isoformat(),
                    "due": due,
                    "done": done,
                    "rate": ratios.rate(done, due),
                }
                for start_day, (due, done) in sorted(weekly.items())
            ],
            "by_user": sorted(
                (
                    {
                        "user_id": user.id,
                        "name": user.name,
                        "due": due,
                        "done": done,
                        "rate": ratios.rate(done, due),
                    }
                    for user, (due, done) in by_user.items()
                ),
                key=lambda row: (-(row["rate"] or 0), row["name"]),
            ),
        }
