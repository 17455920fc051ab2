"""Hostile input against every anchor check (issue 7, "Trust"; issue 16, item 2):
the strategies, the rules' messages and the harness the test_hostile_*.py share.

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
import re
from contextlib import closing, contextmanager
from datetime import date, datetime, timedelta

import lxml.html
from hypothesis import HealthCheck, Phase, currently_in_test_context, event, settings
from hypothesis import strategies as st
from markupsafe import Markup

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL, format_list, html_sanitize

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


class HostileCase(HostileMixin, AnchorCase):
    """Opportunities of salesperson A (one in Visit with its first touch) and
    one of salesperson B, without planned actions: each example plans its own."""

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
