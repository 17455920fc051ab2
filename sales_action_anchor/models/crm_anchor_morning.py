from datetime import timedelta

from odoo import api, fields, models

from ..lib import demand_words

TOP_WORDS = 40


def _rate(part, whole):
    return round(part / whole, 4) if whole else None


class CrmAnchorMorning(models.AbstractModel):
    """What a manager reads before the morning meeting: who checked in, what
    customers ask for, and whether agreed actions get done. Reads only, under
    the caller's record rules, in a fixed number of queries."""

    _name = "crm.anchor.morning"
    _description = "Action Anchors Morning Views"

    @api.model
    def get_data(self, date_from, date_to, team_ids=None, user_ids=None):
        """See docs/dashboard-data.md (second section)."""
        dashboard = self.env["crm.anchor.dashboard"]
        period = dashboard._period(date_from, date_to)
        scope = {"team_ids": team_ids or None, "user_ids": user_ids or None}
        checkins = self.env["crm.anchor.checkin"].search_read(
            [("date", ">=", period["date_from"]), ("date", "<=", period["date_to"])]
            + dashboard._scope_domain(scope),
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
        return {
            "period": {
                "date_from": period["date_from"].isoformat(),
                "date_to": period["date_to"].isoformat(),
            },
            "heatmap": self._heatmap(period, checkins),
            "words": self._words(period, scope, checkins),
            "trend": self._trend(period, scope),
        }

    def _heatmap(self, period, checkins):
        days = [
            (period["date_from"] + timedelta(days=offset)).isoformat()
            for offset in range((period["date_to"] - period["date_from"]).days + 1)
        ]
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
                    "morning": row["morning_state"],
                    "visits": row["visit_state"],
                    "evening": row["evening_state"],
                    "completed": row["completed_count"],
                    "checkin_id": row["id"],
                }
                for row in checkins
            ],
        }

    def _words(self, period, scope, checkins):
        """TOP demands from the period's pain points and morning core needs.
        Check-ins are passed with negative ids to keep both kinds apart."""
        start, end = self.env["crm.anchor.dashboard"]._bounds(period["date_from"], period["date_to"])
        visits = self.env["crm.anchor.visit"].search_read(
            [("state", "=", "submitted"), ("date_visit", ">=", start), ("date_visit", "<", end)]
            + self.env["crm.anchor.dashboard"]._scope_domain(scope),
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

    def _trend(self, period, scope):
        """Agreed actions due each day and those done by their deadline."""
        start, end = self.env["crm.anchor.dashboard"]._bounds(period["date_from"], period["date_to"])
        rows = self.env["crm.anchor.expectation"]._read_group(
            [("kpi_code", "=", "agreed_action"), ("date_deadline", ">=", start), ("date_deadline", "<", end)]
            + ["|", ("state", "!=", "pending"), ("date_deadline", "<", fields.Datetime.now())]
            + self.env["crm.anchor.dashboard"]._scope_domain(scope),
            ["date_deadline:day", "user_id", "state"],
            ["__count"],
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
            "daily": [
                {"day": day.isoformat(), "due": due, "done": done, "rate": _rate(done, due)}
                for day, (due, done) in sorted(daily.items())
            ],
            "weekly": [
                {
                    "week": f"{start_day.isocalendar()[0]}-W{start_day.isocalendar()[1]:02d}",
                    "start": start_day.isoformat(),
                    "due": due,
                    "done": done,
                    "rate": _rate(done, due),
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
                        "rate": _rate(done, due),
                    }
                    for user, (due, done) in by_user.items()
                ),
                key=lambda row: (-(row["rate"] or 0), row["name"]),
            ),
        }
