"""Excel export of the managers' dashboard.

The route only checks its parameters and asks the dashboard for the figures
(``_get_data``: as ``get_data``, with None for "nothing to divide", an empty
cell) as the logged-in user; :class:`DashboardWorkbook` lays them out,
one sheet per block of the dashboard (see ``docs/dashboard-data.md``)."""

import io
import re
from datetime import date

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.http import content_disposition, request
from odoo.tools.misc import xlsxwriter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
IDS_PATTERN = re.compile(r"\d+(,\d+)*")

# Every sheet: a title, the filters, a blank row, then the table.
HEADER_ROW = 3
PERCENT = "0.0%"
PERCENT_DELTA = "+0.0%;-0.0%;0.0%"
DECIMAL = "0.0"
DECIMAL_DELTA = "+0.0;-0.0;0.0"
RATIO = "0.00"
INTEGER = "0"


class DashboardWorkbook:
    """Lays out the return value of ``crm.anchor.dashboard.get_data`` as an
    xlsx workbook; labels are in the language of ``env``."""

    def __init__(self, env, data, team_ids=None, user_ids=None):
        self.env = env
        self.data = data
        self.selection = {"teams": team_ids, "users": user_ids}
        self.output = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self.output, {"in_memory": True})
        self.formats = {}

    def render(self):
        """Return the workbook as bytes."""
        self._add_properties()
        self._stages_sheet()
        self._overdue_sheet()
        self._penetration_sheet()
        self._ranking_sheet()
        self._business_sheet()
        self._before_after_sheet()
        self.workbook.close()
        return self.output.getvalue()

    # ------------------------------------------------------------------
    # Cells
    # ------------------------------------------------------------------

    def _format(self, num_format=None, bold=False, **props):
        """One workbook format per combination, created on first use."""
        key = (num_format, bold, tuple(sorted(props.items())))
        if key not in self.formats:
            props = dict(props, bold=bold, valign="top")
            if num_format:
                props["num_format"] = num_format
            self.formats[key] = self.workbook.add_format(props)
        return self.formats[key]

    def _write(self, sheet, row, col, value, num_format=None, bold=False):
        """Numbers stay numbers, ``None`` an empty cell, booleans Yes / No."""
        cell_format = self._format(num_format, bold)
        if value is None:
            sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, bool):
            sheet.write_string(row, col, self.env._("Yes") if value else self.env._("No"), cell_format)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value, cell_format)
        else:
            sheet.write_string(row, col, str(value), cell_format)

    def _period_label(self, date_from, date_to):
        return self.env._("%(date_from)s to %(date_to)s", date_from=date_from, date_to=date_to)

    def _sheet(self, name, title, headers, widths):
        """A sheet with its title, the period and filters, and bold column headers."""
        sheet = self.workbook.add_worksheet(name)
        period = self.data["period"]
        sheet.write_string(
            0,
            0,
            f"{title} · {self._period_label(period['date_from'], period['date_to'])}",
            self._format(bold=True, font_size=13),
        )
        sheet.write_string(
            1,
            0,
            self.env._(
                "Teams: %(teams)s · Salespeople: %(users)s",
                teams=self._selected("teams"),
                users=self._selected("users"),
            ),
            self._format(italic=True, font_color="#6c757d"),
        )
        header_format = self._format(bold=True, bg_color="#e9ecef", bottom=1, text_wrap=True)
        for col, header in enumerate(headers):
            sheet.write_string(HEADER_ROW, col, header, header_format)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        return sheet

    def _selected(self, key):
        """Names of the teams or salespeople filtered on, "All" without a filter."""
        ids = self.selection[key]
        if not ids:
            return self.env._("All")
        names = {option["id"]: option["name"] for option in self.data["filters"][key]}
        return ", ".join(names.get(record_id, f"#{record_id}") for record_id in ids)

    def _add_properties(self):
        period = self.data["period"]
        self.workbook.set_properties(
            {
                "title": self.env._("Action Anchors Dashboard"),
                "subject": self._period_label(period["date_from"], period["date_to"]),
            }
        )

    # ------------------------------------------------------------------
    # Sheets
    # ------------------------------------------------------------------

    def _stages_sheet(self):
        _ = self.env._
        stages = self.data["stages"]
        sheet = self._sheet(
            _("Stages"),
            _("Stage Distribution"),
            [_("Stage"), _("Opportunities"), _("Share")],
            [22, 16, 12],
        )
        total = sum(stage["count"] for stage in stages)
        row = HEADER_ROW
        for row, stage in enumerate(stages, start=HEADER_ROW + 1):
            self._write(sheet, row, 0, stage["name"])
            self._write(sheet, row, 1, stage["count"], INTEGER)
            self._write(sheet, row, 2, stage["count"] / total if total else None, PERCENT)
        last = row
        self._write(sheet, last + 1, 0, _("Total"), bold=True)
        self._write(sheet, last + 1, 1, total, INTEGER, bold=True)

        chart = self.workbook.add_chart({"type": "doughnut"})
        chart.add_series(
            {
                "name": _("Opportunities"),
                "categories": [sheet.name, HEADER_ROW + 1, 0, last, 0],
                "values": [sheet.name, HEADER_ROW + 1, 1, last, 1],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": _("Stage Distribution")})
        chart.set_legend({"position": "right"})
        sheet.insert_chart(HEADER_ROW, 4, chart)

    def _overdue_sheet(self):
        _ = self.env._
        sheet = self._sheet(_("Overdue"), _("Overdue follow-ups"), [_("Figure"), _("Value")], [48, 12])
        self._write(sheet, HEADER_ROW + 1, 0, _("Opportunities not followed up in time"))
        self._write(sheet, HEADER_ROW + 1, 1, self.data["overdue"]["count"], INTEGER)

    def _penetration_sheet(self):
        _ = self.env._
        sheet = self._sheet(
            _("Penetration"),
            _("Key Action Penetration"),
            [
                _("Key action"),
                _("Month"),
                _("Expected"),
                _("Done on time"),
                _("Rate"),
                _("Target"),
                _("Habit formed"),
            ],
            [44, 14, 11, 13, 10, 10, 13],
        )
        chart = self.workbook.add_chart({"type": "line"})
        row = HEADER_ROW + 1
        for kpi in self.data["penetration"]:
            first = row
            for month in kpi["trend"]:
                self._write(sheet, row, 0, kpi["name"])
                self._write(sheet, row, 1, month["month"])
                self._write(sheet, row, 2, month["expected"], INTEGER)
                self._write(sheet, row, 3, month["done_on_time"], INTEGER)
                self._write(sheet, row, 4, month["rate"], PERCENT)
                self._write(sheet, row, 5, kpi["target"], PERCENT)
                row += 1
            if row > first:
                chart.add_series(
                    {
                        "name": [sheet.name, first, 0],
                        "categories": [sheet.name, first, 1, row - 1, 1],
                        "values": [sheet.name, first, 4, row - 1, 4],
                        "marker": {"type": "circle"},
                    }
                )
            self._write(sheet, row, 0, kpi["name"], bold=True)
            self._write(sheet, row, 1, _("Period total"), bold=True)
            self._write(sheet, row, 2, kpi["expected"], INTEGER, bold=True)
            self._write(sheet, row, 3, kpi["done_on_time"], INTEGER, bold=True)
            self._write(sheet, row, 4, kpi["rate"], PERCENT, bold=True)
            self._write(sheet, row, 5, kpi["target"], PERCENT, bold=True)
            self._write(sheet, row, 6, kpi["habit"], bold=True)
            row += 1
        chart.set_title({"name": _("Penetration trend")})
        chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
        chart.set_legend({"position": "bottom"})
        chart.show_blanks_as("gap")
        chart.set_size({"width": 620, "height": 340})
        sheet.insert_chart(HEADER_ROW, 8, chart)

    def _ranking_sheet(self):
        _ = self.env._
        ranking = self.data["ranking"]
        sheet = self._sheet(
            _("Ranking"),
            _("Visit Quality Ranking"),
            [
                _("Rank"),
                _("Salesperson"),
                _("Visits"),
                _("Avg. summary length (characters)"),
                _("Agreed actions due"),
                _("Agreed actions done"),
                _("Completion rate"),
                _("Follow-ups due"),
                _("Follow-ups on time"),
                _("Punctuality rate"),
                _("Top 3"),
                _("Busy for show"),
                _("Real progress"),
            ],
            [7, 18, 8, 14, 11, 11, 12, 11, 11, 12, 8, 10, 10],
        )
        row = HEADER_ROW
        columns = [
            ("rank", INTEGER),
            ("name", None),
            ("visits", INTEGER),
            ("avg_summary_chars", DECIMAL),
            ("actions_due", INTEGER),
            ("actions_done", INTEGER),
            ("completion_rate", PERCENT),
            ("followups_due", INTEGER),
            ("followups_on_time", INTEGER),
            ("punctuality_rate", PERCENT),
            ("top3", None),
            ("busy_for_show", None),
            ("real_progress", None),
        ]
        for row, line in enumerate(ranking["rows"], start=HEADER_ROW + 1):
            for col, (key, num_format) in enumerate(columns):
                self._write(sheet, row, col, line[key], num_format)

        thresholds = ranking["thresholds"]
        first = row + 2
        self._write(sheet, first, 1, _("Thresholds"), bold=True)
        lines = [
            (_("Busy for show: at least this many visits"), thresholds["busy_min_visits"], INTEGER),
            (
                _("Busy for show: average summary shorter than (characters)"),
                thresholds["busy_max_summary_chars"],
                INTEGER,
            ),
            (_("Real progress: completion rate above"), thresholds["real_progress_rate"], PERCENT),
        ]
        for line_row, (label, value, num_format) in enumerate(lines, start=first + 1):
            self._write(sheet, line_row, 1, label)
            self._write(sheet, line_row, 3, value, num_format)
        # The same rule and days as the dashboard's table.
        basis = _("Ranked on %(from)s – %(to)s", **{"from": ranking["date_from"], "to": ranking["date_to"]})
        if ranking["basis"] == "last_30_days":
            basis += " " + _(
                "(the last 30 days: fewer than %(min)s agreed actions per salesperson "
                "were due in the period)",
                min=ranking["min_due"],
            )
        rule = _(
            "Ranked by agreed actions done (of those due), then follow-ups kept, then visits. Salespeople "
            "who are busy for show, or have no agreed action due yet, come after the others and never "
            "reach the TOP 3."
        )
        for line_row, text in enumerate((basis, rule), start=first + len(lines) + 2):
            self._write(sheet, line_row, 1, text)

    def _business_sheet(self):
        _ = self.env._
        business = self.data["business"]
        sheet = self._sheet(
            _("Business figures"),
            _("In Business Terms"),
            [_("Figure"), _("Value"), _("Customers")],
            [58, 12, 60],
        )
        demand, trust, method = business["demand_heat"], business["trust"], business["method_transfer"]
        lines = [
            (_("Demand heat: customers asking for a second quote"), demand["count"], INTEGER, demand),
            (
                _("Trust: customers asking about delivery within 7 days of signing"),
                trust["count"],
                INTEGER,
                trust,
            ),
            (_("Trust: contracts signed"), trust["signed"], INTEGER, None),
            (
                _("Method transfer: top performers' average summary length (characters)"),
                method["top_avg_chars"],
                DECIMAL,
                None,
            ),
            (
                _("Method transfer: newcomers' average summary length (characters)"),
                method["newcomer_avg_chars"],
                DECIMAL,
                None,
            ),
            (_("Method transfer: top performers / newcomers"), method["ratio"], RATIO, None),
        ]
        for row, (label, value, num_format, figure) in enumerate(lines, start=HEADER_ROW + 1):
            self._write(sheet, row, 0, label)
            self._write(sheet, row, 1, value, num_format)
            if figure:
                self._write(sheet, row, 2, self._partner_names(figure.get("partner_ids") or []))

    def _partner_names(self, partner_ids):
        """Names of the customers the user may read, else an empty cell."""
        partners = self.env["res.partner"].browse(partner_ids).exists()._filtered_access("read")
        return "; ".join(partners.mapped("display_name")) or None

    def _before_after_sheet(self):
        _ = self.env._
        period = self.data["period"]
        sheet = self._sheet(
            _("Before-After"),
            _("Before / After"),
            [
                _("Indicator"),
                _(
                    "Before (%(period)s)",
                    period=self._period_label(period["previous_from"], period["previous_to"]),
                ),
                _("After (%(period)s)", period=self._period_label(period["date_from"], period["date_to"])),
                _("Change"),
            ],
            [36, 26, 26, 12],
        )
        for row, line in enumerate(self.data["before_after"], start=HEADER_ROW + 1):
            is_rate = line["kind"] == "rate"
            before, after = line["before"], line["after"]
            change = round(after - before, 6) if before is not None and after is not None else None
            self._write(sheet, row, 0, line["name"])
            self._write(sheet, row, 1, before, PERCENT if is_rate else DECIMAL)
            self._write(sheet, row, 2, after, PERCENT if is_rate else DECIMAL)
            self._write(sheet, row, 3, change, PERCENT_DELTA if is_rate else DECIMAL_DELTA)


class DashboardXlsxController(http.Controller):
    @http.route(
        "/sales_action_anchor/dashboard/xlsx", type="http", auth="user", methods=["GET"], readonly=True
    )
    def dashboard_xlsx(self, date_from=None, date_to=None, team_ids=None, user_ids=None, **kwargs):
        env = request.env
        start = _parse_date(env, "date_from", date_from)
        end = _parse_date(env, "date_to", date_to)
        if start > end:
            raise BadRequest(env._("The start date (date_from) must not be after the end date (date_to)."))
        # As the logged-in user: the dashboard applies their record rules.
        teams = _parse_ids(env, "team_ids", team_ids)
        users = _parse_ids(env, "user_ids", user_ids)
        data = env["crm.anchor.dashboard"]._get_data(
            start.isoformat(), end.isoformat(), team_ids=teams, user_ids=users
        )
        content = DashboardWorkbook(env, data, team_ids=teams, user_ids=users).render()
        filename = f"action-anchors-{start.isoformat()}-{end.isoformat()}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_CONTENT_TYPE),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )


def _parse_date(env, name, value):
    """``YYYY-MM-DD`` → date, else a 400 response naming the parameter."""
    if not value:
        raise BadRequest(env._("Missing parameter %(name)s: a date as YYYY-MM-DD.", name=name))
    try:
        if not DATE_PATTERN.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(
            env._("Invalid %(name)s “%(value)s”: expected a date as YYYY-MM-DD.", name=name, value=value)
        ) from None


def _parse_ids(env, name, value):
    """``"1,2"`` → ``[1, 2]``; missing or empty → ``None`` (no filter)."""
    if not value:
        return None
    value = value.replace(" ", "")
    if not IDS_PATTERN.fullmatch(value):
        raise BadRequest(
            env._(
                "Invalid %(name)s “%(value)s”: expected ids separated by commas, e.g. 3,7.",
                name=name,
                value=value,
            )
        )
    return [int(record_id) for record_id in value.split(",")]
