"""Hostile input for the pure-Python text helpers (issue 7, "Trust"), without Odoo.

Property-based (hypothesis): random Unicode (no lone surrogates: Python's
JSON and the browser never produce them in valid UTF-8), control and format
characters, right-to-left marks, emoji, HTML and script, SQL-like strings,
100,000-character texts, and ``now`` at DST edges. The quick-note parser
must always return its documented result, never fail inside (it would log
and return the empty result), and read at most ``MAX_CHARS`` characters.

CI is reproducible: ``derandomize`` fixes the examples, ``database=None``
keeps no state between runs, ``deadline=None`` ignores the machine's speed;
scripts/test prints how many examples ran (``--hypothesis-show-statistics``).
The OWL templates are checked too: user text is only ever rendered escaped.
"""

import datetime as dt
import logging
import re
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lib import demand_words, quick_note, text_quality

CI = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
STATIC = Path(__file__).resolve().parents[2] / "static" / "src"

NOW = dt.datetime(2026, 3, 2, 9, 0)  # a Monday
# Local wall times that do not exist (New York springs forward at 02:00) or
# exist twice (Berlin falls back at 03:00).
DST_EDGES = [
    ("America/New_York", dt.datetime(2026, 3, 8, 2, 30)),
    ("Europe/Berlin", dt.datetime(2026, 10, 25, 2, 30)),
]
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE crm_lead; --",
    "' OR '1'='1",
    '=HYPERLINK("http://evil.example","x")',
    "%(name)s %s {0} \\n \\",
    "\u202eRTL override\u202c",
    "\u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "\ufeff\u200b\u200d",
    "👨‍👩‍👧🙂🔥",
    "\x00\x07\x1b[31m",
    "\r\n\t\x0b\x0c",
    "客户说安装太慢",
    "下周二下午3点演示",
    "明天call王总聊报价",
    "tomorrow 10am send the quote",
    "3/12",
    "十二月三日",
    "，。；！？",
]
FRAGMENT = st.sampled_from(FRAGMENTS)
HOSTILE_TEXT = st.one_of(
    st.text(),  # any Unicode but surrogates
    st.text(st.characters(categories=["Cc", "Cf", "Mn", "Zs", "Zl", "Zp"])),
    st.lists(st.one_of(FRAGMENT, st.text(max_size=8)), max_size=12).map("".join),
)
# Fragments already in NFKC form, so that cutting and normalizing commute.
STABLE_FRAGMENT = st.sampled_from([f for f in FRAGMENTS if unicodedata.is_normalized("NFKC", f)])
HUGE_TEXT = st.lists(STABLE_FRAGMENT, min_size=1, max_size=6).map(
    lambda parts: ("".join(parts) * (100_000 // len("".join(parts)) + 1))[:100_000]
)
NOWS = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2999, 12, 31))
FOLLOWUP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


@contextmanager
def parser_errors():
    """The records the parser logs when it fails inside and falls back to the
    empty result: a hostile input must not get there."""
    records = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append
    quick_note._logger.addHandler(handler)
    try:
        yield records
    finally:
        quick_note._logger.removeHandler(handler)


def check_result(result, text, now):
    assert set(result) == set(quick_note.empty_result())
    assert isinstance(result["pain_summary"], str)
    assert isinstance(result["value_point"], str)
    assert len(result["value_point"]) <= quick_note.VALUE_MAX_CHARS
    assert result["agreed_action"] in quick_note.ACTIONS
    assert result["followup_channel"] is False or result["followup_channel"] in quick_note.CHANNELS
    followup = result["date_next_followup"]
    if followup is not False:
        assert FOLLOWUP.fullmatch(followup), followup
        when = dt.datetime.strptime(followup, "%Y-%m-%d %H:%M:%S")
        # Relative and yearless dates are never in the past; a written year may be.
        if not re.search(r"\d{4}", unicodedata.normalize("NFKC", str(text))):
            assert when.date() >= now.date(), (text, now, followup)


def parse_checked(text, now):
    with parser_errors() as errors:
        result = quick_note.parse(text, now)
    assert not errors, errors[0].getMessage()
    check_result(result, text, now)
    return result


# ----------------------------------------------------------------------
# The quick-note parser
# ----------------------------------------------------------------------


@settings(CI, max_examples=300)
@given(text=HOSTILE_TEXT)
def test_any_text_gives_the_documented_result(text):
    parse_checked(text, NOW)


@settings(CI, max_examples=150)
@given(text=HOSTILE_TEXT, now=NOWS)
def test_any_text_at_any_moment(text, now):
    parse_checked(text, now)


@settings(CI, max_examples=15)
@given(text=HUGE_TEXT)
def test_100000_characters_are_cut_to_the_first_10000(text):
    assert len(text) == 100_000
    result = parse_checked(text, NOW)
    # The parser reads only the first MAX_CHARS characters: its work is bounded.
    assert result == quick_note.parse(text[: quick_note.MAX_CHARS], NOW)


@settings(CI, max_examples=100)
@given(edge=st.sampled_from(DST_EDGES), shift=st.integers(-180, 180), text=HOSTILE_TEXT)
def test_dst_edges_in_local_and_aware_time(edge, shift, text):
    """``now`` a few hours around a missing or repeated local hour, naive or
    aware (an aware ``now`` is read as wall time)."""
    zone, local = edge
    naive = local + dt.timedelta(minutes=shift)
    aware = naive.replace(tzinfo=ZoneInfo(zone))
    assert parse_checked(text, naive) == parse_checked(text, aware)


def test_dst_edges_give_the_wall_clock_follow_up():
    for zone, local in DST_EDGES:
        aware = local.replace(tzinfo=ZoneInfo(zone))
        day = local.date()
        tomorrow = day + dt.timedelta(days=1)
        assert parse_checked("明天上午10点演示", aware)["date_next_followup"] == f"{tomorrow} 10:00:00"
        assert parse_checked("今天下午3点打电话", aware)["date_next_followup"] == f"{day} 15:00:00"
        assert parse_checked("call tomorrow at 4pm", local)["date_next_followup"] == f"{tomorrow} 16:00:00"


# ----------------------------------------------------------------------
# Text measures and the word cloud
# ----------------------------------------------------------------------


@settings(CI, max_examples=200)
@given(text=st.one_of(HOSTILE_TEXT, HUGE_TEXT))
def test_summary_measures_and_key_never_fail(text):
    assert 0 <= text_quality.cjk_char_count(text) <= len(text)
    assert text_quality.latin_word_count(text) >= 0
    assert isinstance(text_quality.is_substantial(text), bool)
    key = text_quality.summary_key(text)
    # Bounded, so that the indexed column always takes it.
    assert len(key.encode("utf-8")) <= text_quality.KEY_MAX_BYTES
    # Spacing and punctuation do not make a summary new.
    assert key == text_quality.summary_key(f"  {text} !!! ")


@settings(CI, max_examples=100)
@given(texts=st.lists(st.tuples(st.integers(1, 10**6), st.one_of(HOSTILE_TEXT, HUGE_TEXT)), max_size=5))
# One unpunctuated 10,000-character Chinese note: cubic (minutes) before domain words were bounded.
@example(texts=[(1, ("客户说安装太慢" * 1500)[:10_000])])
def test_word_cloud_words_are_text_of_the_notes(texts):
    words = demand_words.top_words(texts, limit=40)
    assert len(words) <= 40
    for entry in words:
        assert isinstance(entry["word"], str) and entry["word"].strip()
        assert entry["count"] <= len(texts)
        assert set(entry["record_ids"]) <= {record_id for record_id, _text in texts}


# ----------------------------------------------------------------------
# Where the text is shown: OWL renders it escaped
# ----------------------------------------------------------------------


def test_owl_templates_never_render_text_as_html():
    """Summaries, words and names reach the dashboard, morning views and mobile
    page as JSON; t-esc / t-att escape them. Nothing may render raw HTML."""
    raw_xml = re.compile(r"\bt-(?:out|raw)\b|data-tooltip-(?:template|info)")
    raw_js = re.compile(r"\bmarkup\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(")
    offenders = [
        f"{path.relative_to(STATIC)}:{number}: {line.strip()}"
        for pattern, suffix in ((raw_xml, ".xml"), (raw_js, ".js"))
        for path in sorted(STATIC.rglob(f"*{suffix}"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert sorted(STATIC.rglob("*.xml")), STATIC
    assert not offenders, offenders
