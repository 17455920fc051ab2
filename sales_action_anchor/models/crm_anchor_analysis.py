from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import periods
from ..lib.ratios import rate
from .crm_anchor_input_guard import DATE_MAX, DATE_MIN, MAX_ID

# Fewer agreed actions due than this per salesperson, on average, and a period
# says too little to rank on: the ranking covers the last 30 days instead.
RANKING_MIN_DUE = 5
RANKING_FALLBACK_DAYS = 30


class CrmAnchorAnalysis(models.AbstractModel):
    """The one analysis layer the dashboard, the morning views, the pilot
    comparison (and through the dashboard the Excel export) inherit. It alone
    owns the period (local dates of the team's time zone turned into UTC
    bounds), the scope (teams, salespeople, the caller's record rules), the
    thresholds and the definition of a due obligation."""

    _name = "crm.anchor.analysis"
    _description = "Action Anchors: analysis layer"

    def _period(self, date_from, date_to):
        try:
            if not all(not value or isinstance(value, (str, date)) for value in (date_from, date_to)):
                raise ValueError(f"{date_from!r}, {date_to!r}")
            start, end = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        except ValueError as error:
            raise UserError(_("Dates must be written YYYY-MM-DD: %(error)s", error=error)) from error
        if not start or not end or start > end:
            raise UserError(_("Choose a period whose start is on or before its end."))
        if start < DATE_MIN or end > DATE_MAX:
            raise UserError(
                _(
                    "Choose a period between %(min)s and %(max)s.",
                    min=DATE_MIN.isoformat(),
                    max=DATE_MAX.isoformat(),
                )
            )
        if start.day == 1 and (end + timedelta(days=1)).day == 1:
            # Whole calendar months (a month, a quarter, a year) are compared
            # with as many months just before: March with February, not with
            # the 31 days before it.
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            previous_from = start - relativedelta(months=months)
        else:
            previous_from = start - timedelta(days=(end - start).days + 1)
        return {
            "date_from": start,
            "date_to": end,
            "previous_from": previous_from,
            "previous_to": start - timedelta(days=1),
        }

    @api.model
    def _scope(self, team_ids, user_ids):
        """The teams and salespeople filtered on: lists of ids, or None for all."""
        scope = {"team_ids": team_ids or None, "user_ids": user_ids or None}
        for ids in scope.values():
            if ids is not None and not (
                isinstance(ids, (list, tuple))
                and all(isinstance(i, int) and not isinstance(i, bool) and 0 < i <= MAX_ID for i in ids)
            ):
                raise UserError(_("Filter by teams and salespeople with lists of ids, e.g. [3, 7]."))
        return scope

    @api.model
    def _tz(self):
        """The time zone the team's days are counted in: its company's (the
        company's address), else the caller's, else UTC."""
        return self.env.company.partner_id.tz or self.env.user.tz or "UTC"

    def _bounds(self, start, end):
        """[start 00:00, the day after end 00:00) in the team's time zone, as
        naive UTC datetimes to compare with stored datetimes."""
        return periods.local_bounds(start, end, self._tz())

    @api.model
    def _today(self):
        return periods.local_date(fields.Datetime.now(), self._tz())

    @api.model
    def _due_domain(self):
        """The one definition of a due obligation: settled (done or missed),
        or still pending past its deadline. A pending one not yet due is not
        expected yet: it counts neither for nor against anyone."""
        return ["|", ("state", "!=", "pending"), ("date_deadline", "<", fields.Datetime.now())]

    @api.model
    def _due_sql(self, alias):
        """``_due_domain`` as SQL on ``alias``, a crm_anchor_expectation row,
        for the SQL report views: "now" is the database's, at each query."""
        return SQL(
            "(%(state)s <> 'pending' OR %(deadline)s < (now() AT TIME ZONE 'UTC'))",
            state=SQL.identifier(alias, "state"),
            deadline=SQL.identifier(alias, "date_deadline"),
        )

    @staticmethod
    def _scope_domain(scope, team_field="team_id", user_field="user_id"):
        domain = []
        if scope["team_ids"]:
            domain.append((team_field, "in", scope["team_ids"]))
        if scope["user_ids"]:
            domain.append((user_field, "in", scope["user_ids"]))
        return domain

    def _lead_domain(self, scope):
        return [("type", "=", "opportunity"), ("team_id.anchor_enforced", "=", True)] + self._scope_domain(
            scope
        )

    def _subselect(self, model, domain):
        """SQL selecting the ids of ``model`` matching ``domain`` that the
        caller may read (record rules included)."""
        return self.env[model]._search(domain).subselect()

    def _select_rows(self, model, domain, columns):
        """SQL selecting ``columns`` of the rows of ``model`` matching ``domain``
        that the caller may read: filtered in place, not through ``id IN``."""
        records = self.env[model]
        query = records._search(domain)
        # Through the ORM's column SQL: what this transaction wrote is flushed before it is read.
        return query.select(*(records._field_to_sql(query.table, column, query) for column in columns))

    def _member_domain(self):
        """The team memberships the caller may list: everyone's for "All
        Documents" users and managers, only their own for salespeople, as with
        their documents."""
        if self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return []
        return [("user_id", "=", self.env.uid)]

    def _thresholds(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "busy_min_visits": int(param("sales_action_anchor.busy_min_visits", 10)),
            "busy_max_summary_chars": int(param("sales_action_anchor.busy_max_summary_chars", 15)),
            "real_progress_rate": int(param("sales_action_anchor.real_progress_rate", 92)) / 100,
            "newcomer_days": int(param("sales_action_anchor.newcomer_days", 180)),
        }

    # ------------------------------------------------------------------
    # Figures shared by several views
    # ------------------------------------------------------------------

    def _ranking(self, period, scope, thresholds):
        """The visit-quality ranking: ``{"basis", "date_from", "date_to",
        "due_per_person", "min_due", "rows"}``. A period in which fewer than
        RANKING_MIN_DUE agreed actions per salesperson are due (early in a
        month) says too little to rank on: the ranking then covers the last
        RANKING_FALLBACK_DAYS days up to the period's end (or today), and
        ``basis`` says so. Both are read in one query, whichever is used."""
        last = min(period["date_to"], self._today())
        recent = (last - timedelta(days=RANKING_FALLBACK_DAYS - 1), last)
        windows = {"period": (period["date_from"], period["date_to"])}
        if not period["date_from"] <= recent[0] <= recent[1] <= period["date_to"]:
            # Inside the period, the last 30 days could never have more due: not read.
            windows["last_30_days"] = recent
        rows = self._ranking_rows(windows, scope, thresholds)
        too_little = _due_per_person(rows["period"]) < RANKING_MIN_DUE
        more_recently = _total_due(rows.get("last_30_days", [])) > _total_due(rows["period"])
        basis = "last_30_days" if too_little and more_recently else "period"
        ranked = rows[basis]
        _rank(ranked)
        return {
            "basis": basis,
            "date_from": windows[basis][0].isoformat(),
            "date_to": windows[basis][1].isoformat(),
            "due_per_person": round(_due_per_person(ranked), 1),
            "min_due": RANKING_MIN_DUE,
            "rows": ranked,
        }

    def _ranking_rows(self, windows, scope, thresholds):
        """{window name: unranked rows}: visit quality per salesperson over the
        visits submitted in each window (``(date_from, date_to)``, local dates)."""
        bounds = {name: self._bounds(*days) for name, days in windows.items()}
        low = min(start for start, _end in bounds.values())
        high = max(end for _start, end in bounds.values())
        # The visit-quality report defines what "due", "done" and "kept" mean per visit.
        report_domain = [
            ("date_visit", ">=", low),
            ("date_visit", "<", high),
            ("team_id.anchor_enforced", "=", True),
        ] + self._scope_domain(scope)
        figures = """COUNT(*) FILTER (WHERE %(inside)s), AVG(report.summary_chars) FILTER (WHERE %(inside)s),
               COUNT(report.action_done_rate) FILTER (WHERE %(inside)s),
               COUNT(*) FILTER (WHERE %(inside)s AND report.action_done_rate = 100),
               COUNT(report.followup_kept_rate) FILTER (WHERE %(inside)s),
               COUNT(*) FILTER (WHERE %(inside)s AND report.followup_kept_rate = 100)"""
        columns = SQL(", ").join(
            SQL(
                figures,
                inside=SQL("report.date_visit >= %s AND report.date_visit < %s", start, end),
            )
            for start, end in bounds.values()
        )
        result = self.env.execute_query(
            SQL(
                """
                WITH report AS MATERIALIZED (%(rows)s)  -- once per visit: each rate is read twice
                SELECT report.user_id, partner.name, %(columns)s
                  FROM report
                  JOIN res_users salesperson ON salesperson.id = report.user_id
                  JOIN res_partner partner ON partner.id = salesperson.partner_id
                 GROUP BY report.user_id, partner.name
                """,
                rows=self._select_rows(
                    "crm.anchor.visit.report",
                    report_domain,
                    ["user_id", "date_visit", "summary_chars", "action_done_rate", "followup_kept_rate"],
                ),
                columns=columns,
            )
        )
        rows = {name: [] for name in windows}
        for user_id, name, *values in result:
            for index, (window, (start, end)) in enumerate(bounds.items()):
                visits, avg_chars, due, done, followups_due, followups_on_time = values[
                    6 * index : 6 * index + 6
                ]
                if not visits:
                    continue
                completion = rate(done, due)
                rows[window].append(
                    {
                        "user_id": user_id,
                        "name": name,
                        "visits": visits,
                        "avg_summary_chars": round(float(avg_chars or 0), 1),
                        "actions_due": due,
                        "actions_done": done,
                        "completion_rate": completion,
                        "followups_due": followups_due,
                        "followups_on_time": followups_on_time,
                        "punctuality_rate": rate(followups_on_time, followups_due),
                        "busy_for_show": visits >= thresholds["busy_min_visits"]
                        and float(avg_chars or 0) < thresholds["busy_max_summary_chars"],
                        "real_progress": completion is not None
                        and completion > thresholds["real_progress_rate"],
                        "visit_domain": [
                            ("user_id", "=", user_id),
                            ("state", "=", "submitted"),
                            ("date_visit", ">=", start),
                            ("date_visit", "<", end),
                            ("lead_id.team_id.anchor_enforced", "=", True),
                        ]
                        + self._scope_domain(scope),
                    }
                )
        return rows

    def _newcomer_joined(self, scope, thresholds):
        """{user id: date joined} of the team members who are still newcomers."""
        since = self._today() - timedelta(days=thresholds["newcomer_days"])
        members = self.env["crm.team.member"].search_read(
            [("anchor_date_joined", ">=", since), ("crm_team_id.anchor_enforced", "=", True)]
            + self._scope_domain(scope, team_field="crm_team_id")
            + self._member_domain(),
            ["user_id", "anchor_date_joined"],
        )
        return {member["user_id"][0]: member["anchor_date_joined"] for member in members}


def _total_due(rows):
    return sum(row["actions_due"] for row in rows)


def _due_per_person(rows):
    return _total_due(rows) / len(rows) if rows else 0


def _rank(rows):
    """Order by agreed actions done (of those due), then follow-ups kept, then
    visits. Who is "busy for show", or has nothing due yet, comes after the
    others and never reaches the TOP 3: a place there is earned by what gets
    done, not by the number of visits."""
    for row in rows:
        row["top3_eligible"] = row["completion_rate"] is not None and not row["busy_for_show"]
    rows.sort(
        key=lambda row: (
            not row["top3_eligible"],
            -(row["completion_rate"] or 0),
            -(row["punctuality_rate"] or 0),
            -row["visits"],
            row["name"],
        )
    )
    for rank, row in enumerate(rows, start=1):
        row.update(rank=rank, top3=row["top3_eligible"] and rank <= 3)
