"""Dictated quick notes (语音速记) → the three elements of a customer visit.

``parse(text, now)`` reads what a salesperson dictated after a visit, in
Chinese, English or a mix of both ("明天call王总聊报价"), and returns the
fields of ``crm.anchor.visit`` it could recognise::

    {"pain_point": str, "value_point": str (≤ 50 characters),
     "agreed_action": "send_proposal" | "arrange_demo" | "provide_samples" | "send_quote" | "other",
     "next_followup": "YYYY-MM-DD HH:MM:SS" | False, "channel": "phone" | ... | False}

It is a suggestion for the form, not a judgement: the salesperson reviews it.
Pure Python (no ``odoo``); ``jieba`` segments Chinese and ``dateparser`` reads
English calendar dates such as "Dec 3rd" or "3/12"; both are imported on first
use and cached. Without them the parser still runs, with less coverage.

How a note is read
------------------
The note is cut into clauses (sentences, then commas; a long unpunctuated
Chinese clause is also cut before a date and before 我们). Dates, actions and
channels are found by the word lists of ``quick_note_words``. The pain point
is the clause introduced by a label or complaint word (痛点是, 嫌, 担心,
"complained that", "worried about"), else the first clause with a complaint
word (太, 经常, 不准, "too", "slow", "can't"); a label before a colon
("客户痛点：", "Pain:") takes its whole sentence, up to the next label,
value, date or next step. The value point is the clause
introduced by 我们/我说/提了/介绍了, "we can", "our", "offered", "Value:",
else the first neutral clause after the pain point. The next step is the date
in the clause that also names an action or a channel (the last date when none
does); the action and channel come from that clause, else the nearest one.
Words inside the pain point or the value ("客服电话打不进来", "our CPQ
generates a quote in minutes") and clauses about the visit that just happened
("今天拜访了许总", "Called Karen") are not taken for the next step.

Conventions (pinned by ``tests/unit/test_quick_note.py``)
---------------------------------------------------------
- ``now`` is naive, in the user's time zone; the result is in the same zone.
- A day without a time is at 09:00. Parts of the day without a clock time:
  morning/上午/早上 09:00, noon/中午 12:00, afternoon/下午 14:00, 傍晚 18:00,
  evening/tonight/晚上/今晚 19:00, "end of day"/EOD/下班前 17:00.
- A clock hour from 1 to 6 said without am/pm or a part of the day is in the
  afternoon ("3点", "at 4" → 15:00, 16:00); 7 to 12 is taken as said.
- A time without a day is today if it is still ahead, else tomorrow.
- Weeks start on Monday. 下周二 and "next Tuesday" are the Tuesday of next
  calendar week (on Monday 2 March: 10 March; on Thursday 5 March: 10 March
  too); 下下周一 is the Monday of the week after. 这周六/本周六/"this
  Saturday" is the Saturday of this week, or of next week once it is past.
  A weekday alone (周五, "on Friday", "Friday") is the next such day after
  today, never today. 下周/"next week" alone is next Monday; 周末/"weekend"
  is Saturday.
- 3天后/"in 3 days" count from today; 两周后/"in two weeks" 14 days;
  过两天/"in a couple of days" 2 days, 过几天/"in a few days" 3 days.
- 月底/"end of the month" is the last day of this month; 下个月/下个月初/
  "next month" the 1st of next month. 12月3日/"Dec 3"/"3/12" (month/day)
  without a year are this year, or next year once past; 3号/"the 3rd" this
  month, or next month once past. 明年 and vaguer words give no date.
- ``agreed_action`` is ``other`` both when the agreed step is none of the four
  (a call back, a contract, a site survey) and when no step is recognised:
  the form then asks the salesperson for the action's details.
- The channel is ``False`` unless the note names one for the next step;
  邮寄 (post) is not e-mail and a demo is not "video" unless said so.
- Empty, emoji-only, gibberish or very long input gives the empty result
  ("", "", "other", False, False); the first 10,000 characters are read.
"""

import datetime as dt
import functools
import logging
import re
import unicodedata
from dataclasses import dataclass

from . import anchor_constants as C
from . import quick_note_words as W

_logger = logging.getLogger(__name__)

ACTIONS = tuple(key for key, _label in C.AGREED_ACTIONS)
CHANNELS = tuple(key for key, _label in C.CHANNELS)
DEFAULT_ACTION = C.DEFAULT_ACTION
VALUE_MAX_CHARS = C.VALUE_MAX_CHARS
MAX_CHARS = 10_000
DAY_HOUR = 9

# ASCII: \b and \w see CJK as non-word characters, so "明天call王总" has a word "call".
_A = re.ASCII
_I = re.IGNORECASE | re.ASCII
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NUM = rf"(?:\d{{1,2}}|[{W.CN_NUM}]{{1,3}})"
_EN_NUM = (
    r"\d{1,3}|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|few|an?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
)
_EN_WD = "|".join(sorted(W.EN_WEEKDAYS, key=len, reverse=True))


def empty_result():
    return {
        "pain_point": "",
        "value_point": "",
        "agreed_action": DEFAULT_ACTION,
        "next_followup": False,
        "channel": False,
    }


def parse(text, now=None):
    """Fields of a visit found in the dictated ``text``; see the module doc.

    ``now`` is a naive datetime in the user's time zone (default: the machine's
    local time); relative dates ("明天", "next Tuesday") count from it."""
    now = _naive_now(now)
    try:
        return _Note(text, now).result()
    except Exception:  # a suggestion must never stop the salesperson's form
        _logger.exception("quick note could not be read: %r", str(text)[:200])
        return empty_result()


# ----------------------------------------------------------------------
# Libraries, loaded on first use
# ----------------------------------------------------------------------


@functools.cache
def _jieba():
    try:
        import jieba
    except ImportError:
        _logger.warning("jieba is not installed: Chinese quick notes are read character by character")
        return None
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # loads the dictionary once per process (about a second)
    return jieba


@functools.cache
def _dateparser():
    try:
        import dateparser
    except ImportError:
        _logger.warning("dateparser is not installed: dates such as 'Dec 3' are not read")
        return None
    return dateparser


@functools.lru_cache(maxsize=4096)
def _tokens(text):
    jieba = _jieba()
    if jieba is None:
        return tuple(text)
    return tuple(tok for tok in jieba.lcut(text, HMM=False) if tok.strip())


def _calendar_date(span, now):
    """A calendar date written in ``span`` ("Dec 3rd", "3/12"), read by dateparser."""
    dateparser = _dateparser()
    if dateparser is None:
        return None
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": dt.datetime.combine(now.date(), dt.time()),
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "MDY",
        "REQUIRE_PARTS": ["day", "month"],
        "PARSERS": ["absolute-time", "custom-formats"],
        # Only the calendar date is used: a fixed zone keeps dateparser from asking the
        # machine for its local zone (tzlocal), which fails on some servers.
        "TIMEZONE": "UTC",
    }
    try:
        found = dateparser.parse(span, languages=["en", "zh"], settings=settings)
    except Exception:  # dateparser raises on some odd inputs
        return None
    if not found:
        return None
    day = found.date()
    if day < now.date() and not re.search(r"\d{4}", span):
        try:
            day = day.replace(year=day.year + 1)
        except ValueError:
            return None
    return day


# ----------------------------------------------------------------------
# Dates and times
# ----------------------------------------------------------------------


@dataclass
class _Tok:
    """A piece of a date or time: a day, a part of the day, a clock time."""

    start: int
    end: int
    day: dt.date | None = None
    period: str | None = None
    hour: int | None = None
    minute: int = 0
    meridiem: str | None = None
    weak: bool = False  # only counts next to another date or time word ("三点" alone is not a time)


@dataclass
class _When:
    start: int
    end: int
    value: dt.datetime


def _num(word):
    """12 for "12", "十二"; 2 for "两"; None if not a number."""
    word = (word or "").strip().lower()
    if not word:
        return None
    if word.isdigit():
        return int(word)
    if word in W.EN_NUMBERS or re.sub(r"\s+", " ", word) in W.EN_NUMBERS:
        return W.EN_NUMBERS[re.sub(r"\s+", " ", word)]
    if word == "几":
        return 3
    if "十" in word:
        left, _, right = word.partition("十")
        tens = W.CN_DIGITS.get(left) if left else 1
        ones = W.CN_DIGITS.get(right) if right else 0
        if tens is None or ones is None or len(right) > 1:
            return None
        return tens * 10 + ones
    digits = [W.CN_DIGITS.get(ch) for ch in word]
    if None in digits:
        return None
    return int("".join(map(str, digits)))


def _monday(day):
    return day - dt.timedelta(days=day.weekday())


def _weekday(today, weekday, which):
    """The day of ``weekday`` in this week ("this"), next week ("next"), the week
    after ("next2"), or the next one after today (None)."""
    if which == "next":
        return _monday(today) + dt.timedelta(days=7 + weekday)
    if which == "next2":
        return _monday(today) + dt.timedelta(days=14 + weekday)
    if which == "this":
        day = _monday(today) + dt.timedelta(days=weekday)
        return day if day >= today else day + dt.timedelta(days=7)
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = _month_end(dt.date(year, month, 1)).day
    return dt.date(year, month, min(day.day, last))


def _month_end(day):
    first_next = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def _future_date(today, month, day, year=None):
    """``month``/``day`` this year, or next year once past (or in ``year``)."""
    try:
        found = dt.date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and found < today:
        found = found.replace(year=found.year + 1)
    return found


def _day_of_month(today, day):
    try:
        found = today.replace(day=day)
    except ValueError:
        return None
    if found < today:
        found = _add_months(today.replace(day=1), 1)
        try:
            found = found.replace(day=day)
        except ValueError:
            return None
    return found


def _relative(today, count, unit):
    """``count`` days, weeks or months after ``today``; None past two years (not a follow-up)."""
    unit = unit.lower()
    if count is None:
        return None
    if unit.startswith(("天", "日", "day")):
        found = today + dt.timedelta(days=min(count, 800))
    elif unit.startswith(("周", "星期", "礼拜", "week")):
        found = today + dt.timedelta(days=7 * min(count, 120))
    elif unit.startswith(("月", "month")):
        found = _add_months(today, min(count, 30))
    else:
        return None
    return found if (found - today).days <= 731 else None


_PREFIX_WEEK = {
    "下下": "next2",
    "下下个": "next2",
    "下": "next",
    "下个": "next",
    "这": "this",
    "这个": "this",
    "本": "this",
}


def _zh_week_prefix(prefix):
    prefix = (prefix or "").strip()
    if prefix.startswith("上"):
        return "past"
    return _PREFIX_WEEK.get(prefix)


def _build_time_rules():
    """(pattern, handler) pairs; a handler turns a match into a _Tok (or None)."""
    rules = []

    def rule(pattern, flags=_A):
        def register(handler):
            rules.append((re.compile(pattern, flags | _A), handler))
            return handler

        return register

    # --- Chinese days
    offsets = {"大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明儿": 1, "今天": 0, "今日": 0, "今儿": 0}

    @rule("大后天|后天|明天|明日|明儿|今天|今日|今儿")
    def zh_offset(m, now):
        return _Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=offsets[m.group()]))

    day_periods = {"明早": (1, "morning"), "明晨": (1, "morning"), "明晚": (1, "evening")}
    day_periods.update({"今晚": (0, "evening"), "今夜": (0, "evening"), "今早": (0, "morning")})

    @rule("明早|明晨|明晚|今晚|今夜|今早")
    def zh_day_period(m, now):
        offset, period = day_periods[m.group()]
        return _Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=offset), period=period)

    @rule(r"(下下个?|下个?|这个?|本|上个?)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天七1-7])")
    def zh_weekday(m, now):
        which = _zh_week_prefix(m.group(1))
        if which == "past":
            return None
        char = m.group(2)
        weekday = int(char) - 1 if char.isdigit() else W.ZH_WEEKDAYS[char]
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), weekday, which))

    @rule(r"(下下个?|下个?|这个?|本)?\s*(?:周|星期|礼拜)末")
    def zh_weekend(m, now):
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), 5, _zh_week_prefix(m.group(1)) or "this"))

    @rule(r"(下下个?|下个?)\s*(?:周|星期|礼拜)(?![一二三四五六日天七1-7末])")
    def zh_next_week(m, now):
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), 0, _zh_week_prefix(m.group(1))))

    @rule(rf"({_NUM}|半)\s*个?\s*(天|日|周|星期|礼拜|月)\s*(?:后|以后|之后)")
    def zh_after(m, now):
        if m.group(1) == "半":
            count, unit = (15, "天") if m.group(2) == "月" else (None, m.group(2))
            if count is None:
                return None
            return _Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=count))
        return _Tok(m.start(), m.end(), day=_relative(now.date(), _num(m.group(1)), m.group(2)))

    @rule(rf"过\s*({_NUM}|几)\s*(天|周|个星期|个礼拜)")
    def zh_in(m, now):
        return _Tok(m.start(), m.end(), day=_relative(now.date(), _num(m.group(1)), m.group(2).lstrip("个")))

    @rule(rf"(下下个?|下个?|本|这个?|{_NUM})?\s*月\s*(初|底|末|中旬|中)")
    def zh_month_part(m, now):
        today = now.date()
        prefix = (m.group(1) or "").strip()
        if prefix.startswith("下下"):
            first = _add_months(today.replace(day=1), 2)
        elif prefix.startswith("下"):
            first = _add_months(today.replace(day=1), 1)
        elif prefix and _num(prefix):
            month = _num(prefix)
            if not 1 <= month <= 12:
                return None
            first = _future_date(today.replace(day=1), month, 1)
        else:
            first = today.replace(day=1)
        part = m.group(2)
        if part in ("底", "末"):
            day = _month_end(first)
        elif part.startswith("中"):
            day = first.replace(day=15)
        else:
            day = first
        return _Tok(m.start(), m.end(), day=max(day, today))

    @rule(r"下个?月(?![初底末中\d一二三四五六七八九十])")
    def zh_next_month(m, now):
        return _Tok(m.start(), m.end(), day=_add_months(now.date().replace(day=1), 1))

    @rule(rf"(?:(\d{{4}})\s*年\s*)?({_NUM})\s*月\s*({_NUM})\s*[日号]?")
    def zh_date(m, now):
        month, day = _num(m.group(2)), _num(m.group(3))
        if month is None or day is None:
            return None
        year = int(m.group(1)) if m.group(1) else None
        return _Tok(m.start(), m.end(), day=_future_date(now.date(), month, day, year))

    @rule(rf"(?<![\d{W.CN_NUM}月年])({_NUM})\s*号(?![楼线店机房库位码车])")
    def zh_day_of_month(m, now):
        day = _num(m.group(1))
        return _Tok(m.start(), m.end(), day=_day_of_month(now.date(), day)) if day else None

    @rule(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
    def iso_date(m, now):
        return _Tok(
            m.start(),
            m.end(),
            day=_future_date(now.date(), int(m.group(2)), int(m.group(3)), int(m.group(1))),
        )

    # --- Chinese times
    for pattern, period in W.ZH_PERIODS:

        @rule(pattern)
        def zh_period(m, now, period=period):
            return _Tok(m.start(), m.end(), period=period)

    @rule(rf"({_NUM})\s*(点钟|点|时)(?:\s*(半|一刻|三刻|({_NUM})\s*分?))?")
    def zh_clock(m, now):
        hour = _num(m.group(1))
        extra = m.group(3) or ""
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(extra, _num(m.group(4)) if m.group(4) else 0)
        if hour is None or minute is None or hour > 24 or minute > 59:
            return None
        # "便宜一点" (a bit cheaper) is not one o'clock: 一点 alone needs a day or 上午/下午 next to it
        weak = m.group(1) in ("一", "幺") and not extra and m.group(2) != "点钟"
        return _Tok(m.start(), m.end(), hour=hour, minute=minute, weak=weak)

    # --- English days
    @rule(rf"\b(?:the\s+)?day\s+after\s+(?:{W.EN_TOMORROW})\b", _I)
    def en_after_tomorrow(m, now):
        return _Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=2))

    @rule(rf"\b(?:{W.EN_TOMORROW})\b", _I)
    def en_tomorrow(m, now):
        return _Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=1))

    @rule(r"\btoday\b", _I)
    def en_today(m, now):
        return _Tok(m.start(), m.end(), day=now.date())

    @rule(r"\bthis\s+(morning|afternoon|evening)\b", _I)
    def en_this_period(m, now):
        return _Tok(m.start(), m.end(), day=now.date(), period=m.group(1).lower())

    @rule(
        rf"\b(?:(next|nxt|this\s+coming|this|coming)\s+)?({_EN_WD})\b\.?(?:\s+(next\s+week|this\s+week))?",
        _I,
    )
    def en_weekday(m, now):
        modifier = (m.group(1) or "").lower()
        word = m.group(2).lower()
        postfix = (m.group(3) or "").lower()
        if not modifier and not postfix and word in ("sat", "sun", "mon"):
            before = m.string[max(0, m.start() - 8) : m.start()].lower()
            if not re.search(r"\b(?:on|by|till|until|before|from)\s*$", before):
                return None
        which = None
        if modifier in ("next", "nxt") or postfix == "next week":
            which = "next"
        elif modifier or postfix == "this week":
            which = "this"
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), W.EN_WEEKDAYS[word], which))

    @rule(rf"\bnext\s+week\s+(?:on\s+)?({_EN_WD})\b", _I)
    def en_next_week_day(m, now):
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), W.EN_WEEKDAYS[m.group(1).lower()], "next"))

    @rule(r"\b(?:the\s+)?week\s+after\s+next\b", _I)
    def en_week_after_next(m, now):
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), 0, "next2"))

    @rule(r"\bnext\s+week\b", _I)
    def en_next_week(m, now):
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), 0, "next"))

    @rule(r"\bend\s+of\s+(?:the\s+|this\s+)?week\b", _I)
    def en_end_of_week(m, now):
        return _Tok(m.start(), m.end(), day=max(_monday(now.date()) + dt.timedelta(days=4), now.date()))

    @rule(r"\b(?:early\s+|beginning\s+of\s+)?next\s+month\b", _I)
    def en_next_month(m, now):
        return _Tok(m.start(), m.end(), day=_add_months(now.date().replace(day=1), 1))

    @rule(r"\bend\s+of\s+(?:the\s+|this\s+)?month\b", _I)
    def en_end_of_month(m, now):
        return _Tok(m.start(), m.end(), day=_month_end(now.date()))

    @rule(r"\b(this|next|the)\s+weekend\b", _I)
    def en_weekend(m, now):
        which = "next" if m.group(1).lower() == "next" else "this"
        return _Tok(m.start(), m.end(), day=_weekday(now.date(), 5, which))

    @rule(rf"\b(?:in|within|after)\s+({_EN_NUM})\s+(days?|weeks?|months?)\b", _I)
    def en_in(m, now):
        return _Tok(m.start(), m.end(), day=_relative(now.date(), _num(m.group(1)), m.group(2)))

    @rule(rf"\b({_EN_NUM})\s+(days?|weeks?|months?)\s+(?:from\s+now|later|out)\b", _I)
    def en_from_now(m, now):
        return _Tok(m.start(), m.end(), day=_relative(now.date(), _num(m.group(1)), m.group(2)))

    @rule(
        rf"\b(?:{W.EN_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*%)(?:,?\s+\d{{4}}\b)?"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{W.EN_MONTHS})\b\.?(?:,?\s+\d{{4}}\b)?",
        _I,
    )
    def en_calendar(m, now):
        day = _calendar_date(m.group(), now)
        return _Tok(m.start(), m.end(), day=day) if day else None

    @rule(r"(?<![\d/.:])(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?(?![\d/%])")
    def slash_date(m, now):
        day = _calendar_date(m.group(), now)
        return _Tok(m.start(), m.end(), day=day) if day else None

    @rule(
        rf"(?:\b(?:on\s+)?the\s+(\d{{1,2}})(?:st|nd|rd|th)\b|\bon\s+(\d{{1,2}})(?:st|nd|rd|th)\b)"
        rf"(?!\s+(?:of\s+)?(?:{W.EN_MONTHS})\b)",
        _I,
    )
    def en_day_of_month(m, now):
        day = _day_of_month(now.date(), int(m.group(1) or m.group(2)))
        return _Tok(m.start(), m.end(), day=day) if day else None

    # --- English times
    for pattern, period in W.EN_PERIODS:

        @rule(pattern, _I)
        def en_period(m, now, period=period):
            return _Tok(m.start(), m.end(), period=period)

    @rule(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", _I)
    def en_clock_meridiem(m, now):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return _Tok(m.start(), m.end(), hour=hour, minute=minute, meridiem=m.group(3).lower() + "m")

    @rule(r"(?<![\d.:/])(\d{1,2}):(\d{2})(?![\d:])")
    def clock(m, now):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour > 23 or minute > 59:
            return None
        return _Tok(m.start(), m.end(), hour=hour, minute=minute)

    @rule(
        r"\b(?:at|around|@)\s*(\d{1,2})(?![\d:%/]|\.\d)"
        r"(?!\s*(?:%|percent|[ap]\.?\s?m\b|k\b|units?\b|stores?\b|people\b|sites?\b|dollars?\b|usd\b|rmb\b))",
        _I,
    )
    def en_at_hour(m, now):
        hour = int(m.group(1))
        if not 1 <= hour <= 12:
            return None
        return _Tok(m.start(), m.end(), hour=hour, weak=True)

    return rules


_TIME_RULES = _build_time_rules()
_JOIN = re.compile(
    r"^[\s,，的@]*(?:(?:at|on|around|about|by|before|@|约|大概|左右|前|之前|以前)[\s,，的@]*)?$", _I
)


def _find_times(text, now):
    """Date/time expressions of ``text``, each resolved to a datetime."""
    found = []
    for pattern, handler in _TIME_RULES:
        for m in pattern.finditer(text):
            tok = handler(m, now)
            if tok is not None and (tok.day or tok.period or tok.hour is not None):
                found.append(tok)
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    toks, end = [], -1
    for tok in found:
        if tok.start >= end:
            toks.append(tok)
            end = tok.end
    groups = []
    for tok in toks:
        group = groups[-1] if groups else None
        if (
            group
            and _JOIN.match(text[group[-1].end : tok.start])
            and not (tok.day and any(t.day for t in group))
            and not (tok.period and any(t.period for t in group))
            and not (tok.hour is not None and any(t.hour is not None for t in group))
        ):
            group.append(tok)
        else:
            groups.append([tok])
    whens = []
    for group in groups:
        if all(t.weak for t in group):
            continue
        value = _resolve(group, now)
        if value is not None:
            whens.append(_When(group[0].start, group[-1].end, value))
    return whens


def _resolve(group, now):
    day = next((t.day for t in group if t.day), None)
    period = next((t.period for t in group if t.period), None)
    clock = next((t for t in group if t.hour is not None), None)
    if clock is not None:
        hour, minute = clock.hour, clock.minute
        if clock.meridiem == "pm" and hour < 12:
            hour += 12
        elif clock.meridiem == "am" and hour == 12:
            hour = 0
        elif clock.meridiem is None:
            if period == "noon":
                hour += 12 if hour < 6 else 0
            elif (period and W.PERIODS[period][1] and hour < 12) or (period is None and 1 <= hour <= 6):
                hour += 12  # 下午3点; a bare 1 to 6 is in the afternoon
        if hour == 24:
            hour = 0
            day = (day or now.date()) + dt.timedelta(days=1)
    elif period:
        hour, minute = W.PERIODS[period][0], 0
    else:
        hour, minute = DAY_HOUR, 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    if day is None:
        value = dt.datetime.combine(now.date(), dt.time(hour, minute))
        return value if value > now else value + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour, minute))


# ----------------------------------------------------------------------
# Clauses
# ----------------------------------------------------------------------


@dataclass
class _Clause:
    start: int
    end: int
    sentence: int
    body: int  # where the text after a "label:" starts
    label: str = ""


_ABBREV = re.compile(
    rf"(?:\b(?:mr|mrs|ms|dr|st|vs|etc|inc|co|ltd|no|approx|dept|e\.g|i\.e|[ap]\.m|[a-z])|\b(?:{W.EN_MONTHS}))$",
    _I,
)
_SEP = re.compile(
    rf"(?P<hard>[。!?;\n]+|\.(?=\s|$|[{_CJK}]))"
    rf"|(?P<soft>(?<!\d),|,(?!\d)|、|\s+[-–—]+\s+|(?<=[{_CJK}])\s+(?=[{_CJK}]))"
)
_WE = re.compile(r"我们|我方|我司|咱们")
_NO_CUT_BEFORE_WE = set("了说嫌得让跟给和对帮与替比把被向为是在提讲心忧虑怕映馈怨疼槽诉满到示望要求请叫")
_WE_CLAIM = re.compile(W.WE_CLAIM)
_NEXT_AFTER = re.compile(
    r"[^,，。.;；!?\n]{0,15}?(?:"
    + "|".join(p for _a, _s, p in W.ACTIONS)
    + "|"
    + "|".join(p for _c, p in W.CHANNELS)
    + ")",
    _I,
)
_NEXT_CUE = re.compile(W.NEXT_CUE, _I)


def _clauses(text, whens):
    pieces, pos, sentence = [], 0, 0
    for m in _SEP.finditer(text):
        if m.group("hard") == "." and _ABBREV.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        pieces.append((pos, m.start(), sentence))
        if m.group("hard"):
            sentence += 1
        pos = m.end()
    pieces.append((pos, len(text), sentence))

    # In unpunctuated Chinese, a next step starts at its date ("…保证稳定下周一上门演示")
    # and a claim at 我们 ("…经常掉线我们的专线能保证稳定").
    step_cuts = {w.start for w in whens if _NEXT_AFTER.match(text, w.end)}
    we_cuts = {m.start() for m in _WE.finditer(text) if _WE_CLAIM.match(text, m.start())}
    clauses = []
    for start, end, sentence in pieces:
        bounds = [start]
        for cut in sorted(step_cuts | we_cuts):
            if not start < cut < end:
                continue
            before = text[start:cut].rstrip()
            if not before or not re.match(rf"[{_CJK}]", before[-1]):
                continue
            if cut in step_cuts or before[-1] not in _NO_CUT_BEFORE_WE:
                bounds.append(cut)
        bounds.append(end)
        for a, b in zip(bounds, bounds[1:], strict=False):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                clauses.append(_label(text, _Clause(a, b, sentence, a)))
    return clauses


def _label(text, clause):
    """ "痛点：…", "Next step: …": a short label before a colon says what follows."""
    chunk = text[clause.start : clause.end]
    m = re.search(r"(?<!\d):(?!\d)", chunk)
    if m:
        head = chunk[: m.start()].strip()
        if head and len(head) <= 30 and len(head.split()) <= 4:
            clause.label = head
            clause.body = clause.start + m.end()
            while clause.body < clause.end and text[clause.body].isspace():
                clause.body += 1
    return clause


# ----------------------------------------------------------------------
# The note
# ----------------------------------------------------------------------

_PAIN_CUES = [(kind, re.compile(pattern, _I)) for kind, pattern in W.PAIN_CUES]
_PAIN_LABEL = re.compile(r"痛点|问题|难点|困扰|\bpain|\bproblem|\bissue|\bchallenge|\bconcern", _I)
_VALUE_LABEL = re.compile(r"价值|卖点|我们|我方|\bvalue\b|\boffer|\bpitch|\bsolution\b|\bbenefit", _I)
_NEXT_LABEL = re.compile(W.NEXT_LABEL, _I)
_VALUE_CUE = re.compile(rf"^(?:但是|不过|然后|另外|and\s+|so\s+|but\s+)?(?:{W.VALUE_CUES})", _I)
_NO_PAIN = re.compile(W.NO_PAIN, _I)
_EN_PROBLEM = re.compile(W.EN_PROBLEM, _I)
_ZH_TAKES_TIME = re.compile(W.ZH_TAKES_TIME)
_PAST_EN = re.compile(W.PAST_EN, _I)
_CUSTOMER = re.compile(W.CUSTOMER_SUBJECT, _I)
_PAIN_LEAD = re.compile(W.PAIN_LEAD, _I)
_SPEAKER = re.compile(W.SPEAKER)
_NOT_VALUE = re.compile(W.NOT_VALUE, _I)
_PAST_ZH = re.compile(W.PAST_ZH)
_ACTION_RULES = [(action, strong, re.compile(pattern, _I)) for action, strong, pattern in W.ACTIONS]
_CHANNEL_RULES = [(channel, re.compile(pattern, _I)) for channel, pattern in W.CHANNELS]
_PARTICLES = set("了啊呀呢吧嘛哦的")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_PRONOUN_START = re.compile(r"(?:it|this|that|which)\b|[这那]", _I)


def _naive_now(now):
    if now is None:
        return dt.datetime.now().replace(microsecond=0)
    if isinstance(now, dt.datetime):
        return now.replace(tzinfo=None)
    if isinstance(now, dt.date):
        return dt.datetime.combine(now, dt.time())
    raise TypeError("now must be a datetime")


def _has_problem(text):
    if _EN_PROBLEM.search(text) or _ZH_TAKES_TIME.search(text):
        return True
    if not _HAS_CJK.search(text):
        return False
    if any(word in text for word in W.ZH_PROBLEM_WORDS):
        return True
    tokens = [tok for tok in _tokens(text) if re.search(r"\w", tok)]
    while tokens and tokens[-1] in _PARTICLES:
        tokens.pop()
    for i, tok in enumerate(tokens):
        if tok in W.ZH_PROBLEM_ADJ and (i == len(tokens) - 1 or (i > 0 and tokens[i - 1] in W.ZH_DEGREE)):
            return True
    return False


def _is_past(text):
    if _PAST_EN.search(text):
        return True
    return bool(_HAS_CJK.search(text) and _PAST_ZH.search(text))


def _size(text):
    """Length as a reader feels it: CJK characters plus Latin words."""
    return len(re.findall(rf"[{_CJK}]", text)) + len(re.findall(r"[A-Za-z0-9]+", text))


def _norm_piece(text):
    return text.strip(" \t,，.。;；:：!！?？、-—–")


def _join(pieces):
    pieces = [p for p in pieces if p]
    if not pieces:
        return ""
    out = pieces[0]
    for piece in pieces[1:]:
        cjk = _HAS_CJK.search(out[-1:]) or _HAS_CJK.search(piece[:1])
        out += ("，" if cjk else ", ") + piece
    return out


def _shorten(text, limit=VALUE_MAX_CHARS):
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not _HAS_CJK.search(cut) and " " in cut and not text[limit].isspace():
        cut = cut[: cut.rfind(" ")]
    return _norm_piece(cut)


class _Note:
    def __init__(self, text, now):
        self.now = now
        self.text = re.sub(
            r"[ \t\r\f\v]+", " ", unicodedata.normalize("NFKC", str(text or ""))[:MAX_CHARS]
        ).strip()
        self.meaningful = bool(re.search(r"[^\W_]", self.text))

    def result(self):
        result = empty_result()
        if not self.meaningful:
            return result
        text = self.text
        self.whens = _find_times(text, self.now)
        self.clauses = _clauses(text, self.whens)
        self.actions = [
            (m.start(), m.end(), action, strong)
            for action, strong, pattern in _ACTION_RULES
            for m in pattern.finditer(text)
        ]
        self.channels = [
            (m.start(), m.end(), channel)
            for channel, pattern in _CHANNEL_RULES
            for m in pattern.finditer(text)
        ]
        self.past = [_is_past(self.chunk(c)) and not self.future_in(c) for c in self.clauses]

        pain_idx, pain = self.find_pain()
        value_idx, value = self.find_value(pain_idx)
        self.excluded = set(pain_idx) | set(value_idx)
        when, anchor = self.find_when()
        action_idx, action = self.find_action(anchor)
        channel = self.find_channel(anchor, action_idx)

        result.update(
            pain_point=pain,
            value_point=_shorten(value),
            agreed_action=action,
            next_followup=when.value.strftime("%Y-%m-%d %H:%M:%S") if when else False,
            channel=channel,
        )
        return result

    # --- helpers over clauses

    def chunk(self, clause, body=False):
        return self.text[clause.body if body else clause.start : clause.end]

    def clause_of(self, pos):
        for i, c in enumerate(self.clauses):
            if c.start <= pos < c.end:
                return i
        return None

    def future_in(self, clause):
        return any(
            clause.start <= w.start < clause.end and w.value.date() > self.now.date() for w in self.whens
        )

    def hits_in(self, hits, i):
        c = self.clauses[i]
        return [h for h in hits if c.start <= h[0] < c.end]

    def is_free(self, i):
        """A clause that names no date, action, channel or cue: a continuation."""
        c = self.clauses[i]
        chunk = self.chunk(c)
        return not (
            self.hits_in(self.whens_as_hits(), i)
            or self.hits_in(self.actions, i)
            or self.hits_in(self.channels, i)
            or c.label
            or _VALUE_CUE.search(chunk)
            or _NO_PAIN.search(chunk)
            or _NEXT_CUE.search(chunk)
            or any(p.search(chunk) for kind, p in _PAIN_CUES if kind != "weak")
        )

    def whens_as_hits(self):
        return [(w.start, w.end) for w in self.whens]

    def is_next_step(self, i):
        return bool(self.hits_in(self.whens_as_hits(), i)) and bool(
            self.hits_in(self.actions, i) or self.hits_in(self.channels, i)
        )

    def is_value_clause(self, i):
        c = self.clauses[i]
        if c.label and _VALUE_LABEL.search(c.label) and not _PAIN_LABEL.search(c.label):
            return True
        return bool(_VALUE_CUE.search(self.chunk(c, body=True))) and not self.is_next_step(i)

    # --- pain point

    def find_pain(self):
        candidates, no_pain = [], False
        for i, c in enumerate(self.clauses):
            body = self.chunk(c, body=True)
            if _NO_PAIN.search(self.chunk(c)):
                no_pain = True
                continue
            if self.is_value_clause(i) or self.is_next_step(i) or (c.label and _NEXT_LABEL.search(c.label)):
                continue
            if c.label and _PAIN_LABEL.search(c.label):
                candidates.append((4, i, body))
                continue
            cue = self.pain_cue(body)
            if cue:
                kind, content = cue
                if not _norm_piece(content):
                    continue
                if kind == "label":
                    score = 4
                elif kind == "strong" or _has_problem(content) or self.continues_pain(i):
                    score = 3
                else:
                    score = 1  # "说" + no complaint word: used only when nothing better is found
                candidates.append((score, i, content))
            elif _has_problem(body):
                candidates.append((2, i, _SPEAKER.sub("", body)))
        if not candidates:
            return [], ""
        score, i, content = max(candidates, key=lambda cand: (cand[0], -cand[1]))
        if no_pain and score < 3:
            return [], ""
        indexes = [i]
        pieces = [self.clean_pain(content)]
        if score == 2 and i > 0 and _PRONOUN_START.match(content) and self.joins_previous(i):
            indexes.insert(0, i - 1)
            pieces.insert(0, self.clean_pain(_SPEAKER.sub("", self.chunk(self.clauses[i - 1], body=True))))
        # A label before a colon ("客户痛点：", "Pain:") introduces its whole
        # sentence; otherwise one more complaining clause at most goes with it.
        label = self.clauses[i].label
        labelled = bool(label and _PAIN_LABEL.search(label))
        last = i
        while self.continues_pain(last, labelled) and (labelled or last == i):
            last += 1
            indexes.append(last)
            pieces.append(self.clean_pain(self.strip_cue(self.chunk(self.clauses[last]))))
        return indexes, _join(pieces)

    def joins_previous(self, i):
        prev = self.clauses[i - 1]
        return (
            prev.sentence == self.clauses[i].sentence
            and not self.past[i - 1]
            and self.is_free(i - 1)
            and not self.is_value_clause(i - 1)
        )

    def pain_cue(self, body):
        best = None
        for kind, pattern in _PAIN_CUES:
            m = pattern.search(body)
            if m and (best is None or m.start() < best[1].start()):
                best = (kind, m)
        if best is None:
            return None
        kind, m = best
        return kind, body[m.end() :]

    def strip_cue(self, chunk):
        cue = self.pain_cue(chunk)
        return cue[1] if cue and cue[0] != "label" else chunk

    def continues_pain(self, i, labelled=False):
        """Clause i + 1 goes on with the pain point of clause i: same sentence,
        no date, value, next step or label of its own, and a complaint too
        unless a label introduced the pain point."""
        j = i + 1
        if j >= len(self.clauses) or self.clauses[j].sentence != self.clauses[i].sentence:
            return False
        chunk = self.chunk(self.clauses[j])
        if self.is_value_clause(j) or self.is_next_step(j) or self.hits_in(self.whens_as_hits(), j):
            return False
        if _NO_PAIN.search(chunk) or self.clauses[j].label:
            return False
        return labelled or _has_problem(chunk)

    @staticmethod
    def clean_pain(text):
        text = _norm_piece(text)
        for _ in range(3):
            text = _norm_piece(_PAIN_LEAD.sub("", text))
        # "the app crashes a lot and users leave bad reviews": keep the first complaint
        m = re.search(r"\s+(?:and|but|so)\s+", text)
        if (
            m
            and not _HAS_CJK.search(text)
            and _has_problem(text[: m.start()])
            and len(text[: m.start()].split()) >= 3
        ):
            text = text[: m.start()]
        return _norm_piece(re.sub(r"[了啊呀呢吧嘛]+$", "", text))

    # --- value point

    def find_value(self, pain_idx):
        labelled = cued = None
        for i, c in enumerate(self.clauses):
            if i in pain_idx:
                continue
            body = self.chunk(c, body=True)
            if c.label and _VALUE_LABEL.search(c.label) and not _PAIN_LABEL.search(c.label):
                labelled = labelled or (i, body)
                continue
            m = _VALUE_CUE.search(body)
            if m and not self.is_next_step(i) and not (c.label and _NEXT_LABEL.search(c.label)):
                content = body[m.end() :]
                if _norm_piece(content):
                    cued = cued or (i, content)
        found = labelled or cued
        if found is None and pain_idx:
            found = self.value_after(pain_idx)
        if found is None:
            return [], ""
        i, content = found
        indexes, pieces = [i], [self.clean_value(content)]
        j = i + 1
        while (
            j < len(self.clauses)
            and self.clauses[j].sentence == self.clauses[i].sentence
            and self.is_free(j)
            and not _has_problem(self.chunk(self.clauses[j]))
            and not _CUSTOMER.search(self.chunk(self.clauses[j]))
            and len(_join([*pieces, self.chunk(self.clauses[j])])) <= VALUE_MAX_CHARS
        ):
            indexes.append(j)
            pieces.append(_norm_piece(self.chunk(self.clauses[j])))
            j += 1
        return indexes, _join(pieces)

    def value_after(self, pain_idx):
        """No value words: the first plain statement after the pain point, in the
        next sentences first (the rest of the pain's sentence usually adds to it)."""
        last = max(pain_idx)
        sentence = self.clauses[last].sentence
        later = [j for j in range(last + 1, len(self.clauses)) if self.clauses[j].sentence != sentence]
        same = [j for j in range(last + 1, len(self.clauses)) if self.clauses[j].sentence == sentence]
        for j in later + same:
            chunk = self.chunk(self.clauses[j], body=True)
            if (
                self.is_free(j)
                and not self.past[j]
                and not _has_problem(chunk)
                and not _CUSTOMER.search(chunk)
                and not _NOT_VALUE.search(chunk)
                and _size(chunk) >= (4 if _HAS_CJK.search(chunk) else 3)
            ):
                return j, chunk
        return None

    @staticmethod
    def clean_value(text):
        text = _norm_piece(text)
        text = re.sub(r"^(?:的|是|了|我们的?|我们|我方的?|咱们的?)+", "", text)
        return _norm_piece(text)

    # --- next step

    def usable(self, pos):
        i = self.clause_of(pos)
        return i is not None and i not in self.excluded and not self.past[i]

    def find_when(self):
        best = None
        for when in self.whens:
            i = self.clause_of(when.start)
            if i is None or not self.usable(when.start):
                continue
            label = self.clauses[i].label
            score = (
                2 * bool([h for h in self.hits_in(self.actions, i) if self.usable(h[0])])
                + bool([h for h in self.hits_in(self.channels, i) if self.usable(h[0])])
                + bool(label and _NEXT_LABEL.search(label))
            )
            if best is None or score >= best[0]:
                best = (score, when, i)
        if best is None:
            return None, None
        return best[1], best[2]

    def pick(self, hits, anchor, key):
        """The hit in the anchor clause, else in the nearest clause; ``key`` ranks
        hits of one clause."""
        usable = [(self.clause_of(h[0]), h) for h in hits if self.usable(h[0])]
        if not usable:
            return None, None
        if anchor is None:
            i, hit = min(usable, key=lambda ih: key(ih[1]))
            return i, hit
        i, hit = min(usable, key=lambda ih: (abs(ih[0] - anchor), ih[0] < anchor, key(ih[1])))
        return i, hit

    def find_action(self, anchor):
        i, hit = self.pick(self.actions, anchor, key=lambda h: (not h[3], h[0]))
        if hit is None:
            return None, DEFAULT_ACTION
        return i, hit[2]

    def find_channel(self, anchor, action_idx):
        """The channel named with the next step: in its clause, else in the action's,
        else in the same sentence or a clause next to it."""
        reference = anchor if anchor is not None else action_idx
        i, hit = self.pick(self.channels, reference, key=lambda h: h[0])
        if hit is None:
            return False
        far = reference is not None and i not in (reference, action_idx) and abs(i - reference) > 1
        if far and self.clauses[i].sentence != self.clauses[reference].sentence:
            return False
        return hit[2]
