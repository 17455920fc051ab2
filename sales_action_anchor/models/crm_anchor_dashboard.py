from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.osv.expression import OR
from odoo.tools import SQL

from ..lib import periods
from ..lib.anchor_constants import STAGE_CODES
from ..lib.ratios import rate
from ..lib.rpc_values import rpc_safe

TREND_MONTHS = 6


class CrmAnchorDashboard(models.AbstractModel):
    """The managers' figures, computed on demand from the ledger, the leads and
    the visits: a fixed number of queries whatever the data size, each one
    under the caller's record rules. Reads only; the period, the scope, the
    thresholds and what "due" means come from the analysis layer."""

    _name = "crm.anchor.dashboard"
    _inherit = "crm.anchor.analysis"
    _description = "Action Anchors Dashboard"

    @api.readonly
    @api.model
    def get_data(self, date_from, date_to, team_ids=None, user_ids=None):
        """All figures of the dashboard; see docs/dashboard-data.md. False
        where a rate has nothing to divide (any Odoo client can read it)."""
        return rpc_safe(self._get_data(date_from, date_to, team_ids, user_ids))

    @api.model
    def _get_data(self, date_from, date_to, team_ids=None, user_ids=None):
        period = self._period(date_from, date_to)
        scope = self._scope(team_ids, user_ids)
        thresholds = self._thresholds()
        ranking = self._ranking(period, scope, thresholds)
        ledger = self._ledger_counts(period, scope)
        teams = self._scope_teams(scope)
        return {
            "period": {key: value.isoformat() for key, value in period.items()},
            "filters": self._filters(),
            "stages": self._stages(scope),
            "overdue": self._overdue(scope, teams),
            "penetration": self._penetration(ledger),
            "ranking": {"thresholds": thresholds, **ranking},
            "business": self._business(period, scope, ranking["rows"], thresholds),
            "before_after": self._before_after(period, scope, ledger, thresholds, teams),
        }

    # ------------------------------------------------------------------
    # Blocks
    # ------------------------------------------------------------------

    def _filters(self):
        teams = self.env["crm.team"].search_read([("anchor_enforced", "=", True)], ["name"])
        members = self.env["crm.team.member"].search_read(
            [("crm_team_id", "in", [team["id"] for team in teams])] + self._member_domain(), ["user_id"]
        )
        users = {member["user_id"][0]: member["user_id"][1] for member in members}
        return {
            "teams": [{"id": team["id"], "name": team["name"]} for team in teams],
            "users": [
                {"id": uid, "name": name} for uid, name in sorted(users.items(), key=lambda item: item[1])
            ],
        }

    def _stages(self, scope):
        domain = self._lead_domain(scope)
        counts = dict(
            self.env["crm.lead"]._read_group(
                domain + [("anchor_stage_code", "in", STAGE_CODES)], ["anchor_stage_code"], ["__count"]
            )
        )
        labels = dict(self.env["crm.stage"]._fields["anchor_code"]._description_selection(self.env))
        return [
            {
                "code": code,
                "name": labels[code],
                "count": counts.get(code, 0),
                "domain": domain + [("anchor_stage_code", "=", code)],
            }
            for code in STAGE_CODES
        ]

    def _scope_teams(self, scope):
        """The anchor teams the figures cover: their own settings (overdue
        delay, first-touch SLA) name the figures, never a fixed number."""
        domain = [("anchor_enforced", "=", True)]
        if scope["team_ids"]:
            domain.append(("id", "in", scope["team_ids"]))
        return self.env["crm.team"].search(domain)

    @staticmethod
    def _shared_setting(teams, field_name):
        """The teams' setting when they all share it, else None."""
        values = set(teams.mapped(field_name))
        return values.pop() if len(values) == 1 else None

    def _overdue(self, scope, teams):
        domain = self._lead_domain(scope) + [("anchor_overdue", "=", True)]
        return {
            "count": self.env["crm.lead"].search_count(domain),
            "domain": domain,
            "days": self._shared_setting(teams, "anchor_overdue_days"),
        }

    def _trend_months(self, period):
        """The trend's months: the last ones up to the last month that has
        begun (a future month has nothing due yet)."""
        last_month = min(period["date_to"], self._today()).replace(day=1)
        return [last_month - relativedelta(months=back) for back in range(TREND_MONTHS - 1, -1, -1)]

    def _ledger_counts(self, period, scope):
        """Expected and done-on-time obligations per KPI for the trend's months,
        the period and the previous period, in one query. Settled obligations
        are summed from their daily summary (crm.anchor.ledger.day, days of the
        team's time zone); the pending ones already past their deadline, due by
        the clock alone, are read from the ledger (a few: the "missed" job
        settles them every hour). Only due obligations count."""
        months = self._trend_months(period)
        first_day = min(months[0], period["previous_from"])
        last_day = max(months[-1] + relativedelta(months=1, days=-1), period["date_to"])
        start, end = self._bounds(period["date_from"], period["date_to"])
        previous_start = self._bounds(period["previous_from"], period["previous_to"])[0]
        low, high = self._bounds(first_day, last_day)
        # Whole months from their month rows, months cut by a bound from their days.
        whole, cut = _months_read(first_day, last_day, period)
        grains = [[("grain", "=", "month"), ("day", "in", whole)]] + [
            [("grain", "=", "day"), ("day", ">=", start), ("day", "<=", stop)] for start, stop in cut
        ]
        days = self._select_rows(
            "crm.anchor.ledger.day",
            self._scope_domain(scope) + OR(grains),
            ["kpi_id", "day", "expected_count", "on_time_count"],
        )
        pending = self._select_rows(
            "crm.anchor.expectation",
            [("state", "=", "pending"), ("date_deadline", "<", fields.Datetime.now())]
            + self._scope_domain(scope)
            + [("date_deadline", ">=", low), ("date_deadline", "<", high)],
            ["kpi_id", "kpi_code", "month", "date_deadline"],
        )
        self.env["crm.anchor.kpi"].flush_model(["code"])
        figures = self.env.execute_query(
            SQL(
                """
                SELECT kpi_id, kpi_code, month, in_period, in_previous, SUM(expected), SUM(on_time)
                  FROM (
                        SELECT days.kpi_id, kpi.code AS kpi_code,
                               date_trunc('month', days.day)::date AS month,
                               days.day BETWEEN %(date_from)s AND %(date_to)s AS in_period,
                               days.day BETWEEN %(previous_from)s AND %(previous_to)s AS in_previous,
                               days.expected_count AS expected, days.on_time_count AS on_time
                          FROM (%(days)s) days
                          JOIN crm_anchor_kpi kpi ON kpi.id = days.kpi_id
                        UNION ALL
                        SELECT pending.kpi_id, pending.kpi_code, pending.month,
                               pending.date_deadline >= %(start)s AND pending.date_deadline < %(end)s,
                               pending.date_deadline >= %(previous_start)s
                                   AND pending.date_deadline < %(start)s,
                               1, 0
                          FROM (%(pending)s) pending
                  ) ledger
                 GROUP BY 1, 2, 3, 4, 5
                """,
                days=days,
                pending=pending,
                date_from=period["date_from"],
                date_to=period["date_to"],
                previous_from=period["previous_from"],
                previous_to=period["previous_to"],
                start=start,
                end=end,
                previous_start=previous_start,
            )
        )
        counts = {"months": months, "trend": {}, "period": {}, "previous": {}}
        for kpi_id, code, month, in_period, in_previous, expected, on_time in figures:
            buckets = [counts["trend"].setdefault((kpi_id, month), [0, 0])] if month in months else []
            if in_period:
                buckets.append(counts["period"].setdefault(code, [0, 0]))
            if in_previous:
                buckets.append(counts["previous"].setdefault(code, [0, 0]))
            for bucket in buckets:
                bucket[0] += expected
                bucket[1] += on_time
        return counts

    def _penetration(self, ledger):
        """Done on time ÷ expected per KPI, for the period and month by month."""
        result = []
        for kpi in self.env["crm.anchor.kpi"].search([]):
            trend = []
            for month in ledger["months"]:
                expected, on_time = ledger["trend"].get((kpi.id, month), (0, 0))
                trend.append(
                    {
                        "month": month.strftime("%Y-%m"),
                        "expected": expected,
                        "done_on_time": on_time,
                        "rate": rate(on_time, expected),
                    }
                )
            expected, on_time = ledger["period"].get(kpi.code, (0, 0))
            target = kpi.target / 100
            held = [point["rate"] is not None and point["rate"] >= target for point in trend[-2:]]
            result.append(
                {
                    "kpi_id": kpi.id,
                    "code": kpi.code,
                    "name": kpi.name,
                    "target": target,
                    "expected": expected,
                    "done_on_time": on_time,
                    "rate": rate(on_time, expected),
                    "habit": all(held),
                    "trend": trend,
                }
            )
        return result

    def _business(self, period, scope, ranking, thresholds):
        start, end = self._bounds(period["date_from"], period["date_to"])
        # What customers said in the period, and up to 7 days after it (trust).
        said_until = end + timedelta(days=7)
        touches = self._subselect(
            "crm.anchor.touch",
            [("state", "=", "done"), ("date", ">=", start), ("date", "<", said_until)]
            + self._scope_domain(scope),
        )
        visits = self._subselect(
            "crm.anchor.visit",
            [("state", "=", "submitted"), ("date_visit", ">=", start), ("date_visit", "<", said_until)]
            + self._scope_domain(scope),
        )
        # Hand-written columns: what this transaction wrote is flushed before they are read.
        self.env["crm.anchor.touch"].flush_model(["partner_id", "lead_id", "date", "signal_ids"])
        self.env["crm.anchor.visit"].flush_model(["partner_id", "lead_id", "date_visit", "signal_ids"])
        self.env["crm.lead"].flush_model(["date_signed"])
        # Demand heat: customers who asked for a second quote in the period.
        demand = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT said.partner_id FROM (
                    SELECT touch.partner_id, touch.date AS date, rel.signal_id AS signal_id
                      FROM crm_anchor_touch touch
                      JOIN crm_anchor_touch_signal_rel rel ON rel.touch_id = touch.id
                     WHERE touch.id IN %(touches)s
                    UNION ALL
                    SELECT visit.partner_id, visit.date_visit, rel.signal_id
                      FROM crm_anchor_visit visit
                      JOIN crm_anchor_visit_signal_rel rel ON rel.visit_id = visit.id
                     WHERE visit.id IN %(visits)s
                ) said
                JOIN crm_anchor_signal signal ON signal.id = said.signal_id AND signal.code = 'second_quote'
                WHERE said.date >= %(start)s AND said.date < %(end)s AND said.partner_id IS NOT NULL
                """,
                touches=touches,
                visits=visits,
                start=start,
                end=end,
            )
        )
        demand = [partner_id for (partner_id,) in demand]
        # Trust: of the deals signed in the period, customers asking about delivery within 7 days.
        signed = self._subselect(
            "crm.lead", self._lead_domain(scope) + [("date_signed", ">=", start), ("date_signed", "<", end)]
        )
        [(signed_count, trusting)] = self.env.execute_query(
            SQL(
                """
                SELECT COUNT(DISTINCT lead.id),
                       ARRAY_REMOVE(ARRAY_AGG(DISTINCT asked.partner_id), NULL)
                  FROM crm_lead lead
                  LEFT JOIN LATERAL (
                        SELECT touch.partner_id FROM crm_anchor_touch touch
                          JOIN crm_anchor_touch_signal_rel rel ON rel.touch_id = touch.id
                          JOIN crm_anchor_signal signal ON signal.id = rel.signal_id
                                                       AND signal.code = 'delivery_question'
                         WHERE touch.lead_id = lead.id AND touch.id IN %(touches)s
                           AND touch.date BETWEEN lead.date_signed AND lead.date_signed + interval '7 days'
                        UNION
                        SELECT visit.partner_id FROM crm_anchor_visit visit
                          JOIN crm_anchor_visit_signal_rel rel ON rel.visit_id = visit.id
                          JOIN crm_anchor_signal signal ON signal.id = rel.signal_id
                                                       AND signal.code = 'delivery_question'
                         WHERE visit.lead_id = lead.id AND visit.id IN %(visits)s
                           AND visit.date_visit
                               BETWEEN lead.date_signed AND lead.date_signed + interval '7 days'
                  ) asked ON TRUE
                 WHERE lead.id IN %(signed)s
                """,
                touches=touches,
                visits=visits,
                signed=signed,
            )
        )
        # Method transfer: how much more the top salespeople write than newcomers.
        newcomers = set(self._newcomer_joined(scope, thresholds))
        top = [row for row in ranking if row["top3"]]
        fresh = [row for row in ranking if row["user_id"] in newcomers]
        top_avg = _weighted_chars(top)
        newcomer_avg = _weighted_chars(fresh)
        return {
            "demand_heat": {"count": len(demand), "partner_ids": demand},
            "trust": {"count": len(trusting or []), "signed": signed_count, "partner_ids": trusting or []},
            "method_transfer": {
                "top_avg_chars": top_avg,
                "newcomer_avg_chars": newcomer_avg,
                "ratio": round(top_avg / newcomer_avg, 2) if top_avg and newcomer_avg else None,
            },
        }

    def _before_after(self, period, scope, ledger, thresholds, teams):
        after, before = ledger["period"], ledger["previous"]
        sla_hours = self._shared_setting(teams, "anchor_first_touch_hours")
        misjudged = self._misjudgment(period, scope)
        cycles = self._newcomer_cycles(period, scope, thresholds)

        def ledger_rate(totals, code):
            expected, on_time = totals.get(code, (0, 0))
            return rate(on_time, expected)

        return [
            {
                "code": "first_touch_rate",
                "name": _("%(hours)s-hour first-touch rate", hours=sla_hours)
                if sla_hours
                else _("First-touch rate within the team's SLA"),
                "before": ledger_rate(before, "first_touch"),
                "after": ledger_rate(after, "first_touch"),
                "kind": "rate",
            },
            {
                "code": "visit_complete_rate",
                "name": _("Three-element completeness rate"),
                "before": ledger_rate(before, "visit_complete"),
                "after": ledger_rate(after, "visit_complete"),
                "kind": "rate",
            },
            {
                "code": "misjudgment_rate",
                "name": _("Stage misjudgment rate"),
                "before": misjudged["before"],
                "after": misjudged["after"],
                "kind": "rate",
            },
            {
                "code": "newcomer_first_deal_days",
                "name": _("Newcomer first-deal cycle (days)"),
                "before": cycles["before"],
                "after": cycles["after"],
                "kind": "days",
            },
        ]

    def _misjudgment(self, period, scope):
        """Of the leads forced past a gate in each period, the share that later
        moved back or was lost."""
        before_start, _before_end = self._bounds(period["previous_from"], period["previous_to"])
        after_start, after_end = self._bounds(period["date_from"], period["date_to"])
        forced = self._subselect(
            "crm.lead",
            [("type", "=", "opportunity"), ("active", "in", (True, False))]
            + [("date_gate_forced", ">=", before_start)]
            + [("date_gate_forced", "<", after_end)]
            + self._scope_domain(scope),
        )
        self.env["crm.lead"].flush_model(["date_misjudged"])
        [(forced_before, wrong_before, forced_after, wrong_after)] = self.env.execute_query(
            SQL(
                """
                SELECT COUNT(*) FILTER (WHERE date_gate_forced < %(split)s),
                       COUNT(*) FILTER (WHERE date_gate_forced < %(split)s AND date_misjudged IS NOT NULL),
                       COUNT(*) FILTER (WHERE date_gate_forced >= %(split)s),
                       COUNT(*) FILTER (WHERE date_gate_forced >= %(split)s AND date_misjudged IS NOT NULL)
                  FROM crm_lead WHERE id IN %(forced)s
                """,
                split=after_start,
                forced=forced,
            )
        )
        return {"before": rate(wrong_before, forced_before), "after": rate(wrong_after, forced_after)}

    def _newcomer_cycles(self, period, scope, thresholds):
        """Average days from joining the team to the first signed deal, for the
        salespeople whose first deal falls in each period while still newcomers."""
        leads = self._subselect(
            "crm.lead",
            [("type", "=", "opportunity"), ("date_signed", "!=", False)] + self._scope_domain(scope),
        )
        self.env["crm.team.member"].flush_model(["user_id", "crm_team_id", "anchor_date_joined", "active"])
        self.env["crm.team"].flush_model(["anchor_enforced"])
        self.env["crm.lead"].flush_model(["user_id"])
        tz = self._tz()
        firsts = self.env.execute_query(
            SQL(
                """
                SELECT member.user_id, MIN(member.anchor_date_joined), MIN(lead.date_signed)
                  FROM crm_team_member member
                  JOIN crm_team team ON team.id = member.crm_team_id AND team.anchor_enforced
                  JOIN crm_lead lead
                    ON lead.user_id = member.user_id
                   AND (lead.date_signed AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                       >= member.anchor_date_joined
                 WHERE lead.id IN %(leads)s AND member.active %(teams)s
                 GROUP BY member.user_id
                """,
                tz=tz,
                leads=leads,
                teams=SQL("AND member.crm_team_id IN %s", tuple(scope["team_ids"]))
                if scope["team_ids"]
                else SQL(),
            )
        )
        buckets = {"before": [], "after": []}
        for _user_id, joined, first_deal in firsts:
            day = periods.local_date(first_deal, tz)  # the team's day, as the periods
            if (day - joined).days > thresholds["newcomer_days"]:
                continue
            for name, start, end in (
                ("before", period["previous_from"], period["previous_to"]),
                ("after", period["date_from"], period["date_to"]),
            ):
                if start <= day <= end:
                    buckets[name].append((day - joined).days)
        return {name: round(sum(days) / len(days), 1) if days else None for name, days in buckets.items()}


def _months_read(first_day, last_day, period):
    """The months from ``first_day`` to ``last_day`` split in two: those no
    bound of the period or of the previous period cuts (first days), and the
    ``(first, last)`` days of the others."""
    cuts = {period["date_from"], period["date_to"] + timedelta(days=1)}
    cuts |= {period["previous_from"], period["previous_to"] + timedelta(days=1)}
    whole, cut = [], []
    month = first_day.replace(day=1)
    while month <= last_day:
        following = month + relativedelta(months=1)
        start, stop = max(month, first_day), min(following - timedelta(days=1), last_day)
        if (
            start == month
            and stop == following - timedelta(days=1)
            and not any(month < c < following for c in cuts)
        ):
            whole.append(month)
        else:
            cut.append((start, stop))
        month = following
    return whole, cut


def _weighted_chars(rows):
    visits = sum(row["visits"] for row in rows)
    if not visits:
        return None
    return round(sum(row["avg_summary_chars"] * row["visits"] for row in rows) / visits, 1)
