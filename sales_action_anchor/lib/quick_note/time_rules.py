"""The date and time words of a note, as a table: each rule is a pattern and
the handler that turns its match into a ``Tok`` (a day, a part of the day, a
clock time), or None when the match is no date after all.

Every match of every rule is offered; ``dates.find_times`` keeps, where two
overlap, the one that starts first, then the longest, then the earlier rule.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial

from . import words as W
from .day_math import (
    add_months,
    calendar_date,
    day_of_month,
    future_date,
    monday,
    month_end,
    number,
    relative,
    weekday_of,
    zh_week_prefix,
)
from .text import ASCII, NOCASE

NUM = rf"(?:\d{{1,2}}|[{W.CN_NUM}]{{1,3}})"
EN_NUM = (
    r"\d{1,3}|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|few|an?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
)
EN_WD = "|".join(sorted(W.EN_WEEKDAYS, key=len, reverse=True))


@dataclass
class Tok:
    """A piece of a date or time: a day, a part of the day, a clock time."""

    start: int
    end: int
    day: dt.date | None = None
    period: str | None = None
    hour: int | None = None
    minute: int = 0
    meridiem: str | None = None
    weak: bool = False  # only counts next to another date or time word ("三点" alone is not a time)


_ZH_DAY_OFFSETS = {"大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明儿": 1, "今天": 0, "今日": 0, "今儿": 0}


def zh_offset(m, now):
    return Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=_ZH_DAY_OFFSETS[m.group()]))


_ZH_DAY_PERIODS = {
    "明早": (1, "morning"),
    "明晨": (1, "morning"),
    "明晚": (1, "evening"),
    "今晚": (0, "evening"),
    "今夜": (0, "evening"),
    "今早": (0, "morning"),
}


def zh_day_period(m, now):
    offset, period = _ZH_DAY_PERIODS[m.group()]
    return Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=offset), period=period)


def zh_weekday(m, now):
    which = zh_week_prefix(m.group(1))
    if which == "past":
        return None
    char = m.group(2)
    weekday = int(char) - 1 if char.isdigit() else W.ZH_WEEKDAYS[char]
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), weekday, which))


def zh_weekend(m, now):
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), 5, zh_week_prefix(m.group(1)) or "this"))


def zh_next_week(m, now):
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), 0, zh_week_prefix(m.group(1))))


def zh_after(m, now):
    if m.group(1) == "半":
        count, unit = (15, "天") if m.group(2) == "月" else (None, m.group(2))
        if count is None:
            return None
        return Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=count))
    return Tok(m.start(), m.end(), day=relative(now.date(), number(m.group(1)), m.group(2)))


def zh_in(m, now):
    return Tok(m.start(), m.end(), day=relative(now.date(), number(m.group(1)), m.group(2).lstrip("个")))


def zh_month_part(m, now):
    today = now.date()
    prefix = (m.group(1) or "").strip()
    if prefix.startswith("下下"):
        first = add_months(today.replace(day=1), 2)
    elif prefix.startswith("下"):
        first = add_months(today.replace(day=1), 1)
    elif prefix and number(prefix):
        month = number(prefix)
        if not 1 <= month <= 12:
            return None
        first = future_date(today.replace(day=1), month, 1)
    else:
        first = today.replace(day=1)
    part = m.group(2)
    if part in ("底", "末"):
        day = month_end(first)
    elif part.startswith("中"):
        day = first.replace(day=15)
    else:
        day = first
    return Tok(m.start(), m.end(), day=max(day, today))


def zh_next_month(m, now):
    return Tok(m.start(), m.end(), day=add_months(now.date().replace(day=1), 1))


def zh_date(m, now):
    month, day = number(m.group(2)), number(m.group(3))
    if month is None or day is None:
        return None
    year = int(m.group(1)) if m.group(1) else None
    return Tok(m.start(), m.end(), day=future_date(now.date(), month, day, year))


def zh_day_of_month(m, now):
    day = number(m.group(1))
    return Tok(m.start(), m.end(), day=day_of_month(now.date(), day)) if day else None


def iso_date(m, now):
    return Tok(
        m.start(),
        m.end(),
        day=future_date(now.date(), int(m.group(2)), int(m.group(3)), int(m.group(1))),
    )


def zh_clock(m, now):
    hour = number(m.group(1))
    extra = m.group(3) or ""
    minute = {"半": 30, "一刻": 15, "三刻": 45}.get(extra, number(m.group(4)) if m.group(4) else 0)
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    # "便宜一点" (a bit cheaper) is not one o'clock: 一点 alone needs a day or 上午/下午 next to it
    weak = m.group(1) in ("一", "幺") and not extra and m.group(2) != "点钟"
    return Tok(m.start(), m.end(), hour=hour, minute=minute, weak=weak)


def en_after_tomorrow(m, now):
    return Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=2))


def en_tomorrow(m, now):
    return Tok(m.start(), m.end(), day=now.date() + dt.timedelta(days=1))


def en_today(m, now):
    return Tok(m.start(), m.end(), day=now.date())


def en_this_period(m, now):
    return Tok(m.start(), m.end(), day=now.date(), period=m.group(1).lower())


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
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), W.EN_WEEKDAYS[word], which))


def en_next_week_day(m, now):
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), W.EN_WEEKDAYS[m.group(1).lower()], "next"))


def en_week_after_next(m, now):
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), 0, "next2"))


def en_next_week(m, now):
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), 0, "next"))


def en_end_of_week(m, now):
    return Tok(m.start(), m.end(), day=max(monday(now.date()) + dt.timedelta(days=4), now.date()))


def en_next_month(m, now):
    return Tok(m.start(), m.end(), day=add_months(now.date().replace(day=1), 1))


def en_end_of_month(m, now):
    return Tok(m.start(), m.end(), day=month_end(now.date()))


def en_weekend(m, now):
    which = "next" if m.group(1).lower() == "next" else "this"
    return Tok(m.start(), m.end(), day=weekday_of(now.date(), 5, which))


def en_in(m, now):
    return Tok(m.start(), m.end(), day=relative(now.date(), number(m.group(1)), m.group(2)))


def en_from_now(m, now):
    return Tok(m.start(), m.end(), day=relative(now.date(), number(m.group(1)), m.group(2)))


def en_calendar(m, now):
    day = calendar_date(m.group(), now)
    return Tok(m.start(), m.end(), day=day) if day else None


def slash_date(m, now):
    day = calendar_date(m.group(), now)
    return Tok(m.start(), m.end(), day=day) if day else None


def en_day_of_month(m, now):
    day = day_of_month(now.date(), int(m.group(1) or m.group(2)))
    return Tok(m.start(), m.end(), day=day) if day else None


def en_clock_meridiem(m, now):
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    return Tok(m.start(), m.end(), hour=hour, minute=minute, meridiem=m.group(3).lower() + "m")


def clock(m, now):
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return Tok(m.start(), m.end(), hour=hour, minute=minute)


def en_at_hour(m, now):
    hour = int(m.group(1))
    if not 1 <= hour <= 12:
        return None
    return Tok(m.start(), m.end(), hour=hour, weak=True)


def period_only(m, now, period):
    """A part of the day without a clock time (上午, "tonight")."""
    return Tok(m.start(), m.end(), period=period)


def _rule(handler, pattern, flags=ASCII):
    return re.compile(pattern, flags | ASCII), handler


# In this order: for two matches of the same span, the earlier rule wins.
TIME_RULES = [
    # Chinese days
    _rule(zh_offset, "大后天|后天|明天|明日|明儿|今天|今日|今儿"),
    _rule(zh_day_period, "明早|明晨|明晚|今晚|今夜|今早"),
    _rule(zh_weekday, r"(下下个?|下个?|这个?|本|上个?)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天七1-7])"),
    _rule(zh_weekend, r"(下下个?|下个?|这个?|本)?\s*(?:周|星期|礼拜)末"),
    _rule(zh_next_week, r"(下下个?|下个?)\s*(?:周|星期|礼拜)(?![一二三四五六日天七1-7末])"),
    _rule(zh_after, rf"({NUM}|半)\s*个?\s*(天|日|周|星期|礼拜|月)\s*(?:后|以后|之后)"),
    _rule(zh_in, rf"过\s*({NUM}|几)\s*(天|周|个星期|个礼拜)"),
    _rule(zh_month_part, rf"(下下个?|下个?|本|这个?|{NUM})?\s*月\s*(初|底|末|中旬|中)"),
    _rule(zh_next_month, r"下个?月(?![初底末中\d一二三四五六七八九十])"),
    _rule(zh_date, rf"(?:(\d{{4}})\s*年\s*)?({NUM})\s*月\s*({NUM})\s*[日号]?"),
    _rule(zh_day_of_month, rf"(?<![\d{W.CN_NUM}月年])({NUM})\s*号(?![楼线店机房库位码车])"),
    _rule(iso_date, r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
    # Chinese times
    *(_rule(partial(period_only, period=period), pattern, ASCII) for pattern, period in W.ZH_PERIODS),
    _rule(zh_clock, rf"({NUM})\s*(点钟|点|时)(?:\s*(半|一刻|三刻|({NUM})\s*分?))?"),
    # English days
    _rule(en_after_tomorrow, rf"\b(?:the\s+)?day\s+after\s+(?:{W.EN_TOMORROW})\b", NOCASE),
    _rule(en_tomorrow, rf"\b(?:{W.EN_TOMORROW})\b", NOCASE),
    _rule(en_today, r"\btoday\b", NOCASE),
    _rule(en_this_period, r"\bthis\s+(morning|afternoon|evening)\b", NOCASE),
    _rule(
        en_weekday,
        rf"\b(?:(next|nxt|this\s+coming|this|coming)\s+)?({EN_WD})\b\.?(?:\s+(next\s+week|this\s+week))?",
        NOCASE,
    ),
    _rule(en_next_week_day, rf"\bnext\s+week\s+(?:on\s+)?({EN_WD})\b", NOCASE),
    _rule(en_week_after_next, r"\b(?:the\s+)?week\s+after\s+next\b", NOCASE),
    _rule(en_next_week, r"\bnext\s+week\b", NOCASE),
    _rule(en_end_of_week, r"\bend\s+of\s+(?:the\s+|this\s+)?week\b", NOCASE),
    _rule(en_next_month, r"\b(?:early\s+|beginning\s+of\s+)?next\s+month\b", NOCASE),
    _rule(en_end_of_month, r"\bend\s+of\s+(?:the\s+|this\s+)?month\b", NOCASE),
    _rule(en_weekend, r"\b(this|next|the)\s+weekend\b", NOCASE),
    _rule(en_in, rf"\b(?:in|within|after)\s+({EN_NUM})\s+(days?|weeks?|months?)\b", NOCASE),
    _rule(en_from_now, rf"\b({EN_NUM})\s+(days?|weeks?|months?)\s+(?:from\s+now|later|out)\b", NOCASE),
    _rule(
        en_calendar,
        rf"\b(?:{W.EN_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*%)(?:,?\s+\d{{4}}\b)?"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{W.EN_MONTHS})\b\.?(?:,?\s+\d{{4}}\b)?",
        NOCASE,
    ),
    _rule(slash_date, r"(?<![\d/.:])(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?(?![\d/%])"),
    _rule(
        en_day_of_month,
        rf"(?:\b(?:on\s+)?the\s+(\d{{1,2}})(?:st|nd|rd|th)\b|\bon\s+(\d{{1,2}})(?:st|nd|rd|th)\b)"
        rf"(?!\s+(?:of\s+)?(?:{W.EN_MONTHS})\b)",
        NOCASE,
    ),
    # English times
    *(_rule(partial(period_only, period=period), pattern, NOCASE) for pattern, period in W.EN_PERIODS),
    _rule(en_clock_meridiem, r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", NOCASE),
    _rule(clock, r"(?<![\d.:/])(\d{1,2}):(\d{2})(?![\d:])"),
    _rule(
        en_at_hour,
        r"\b(?:at|around|@)\s*(\d{1,2})(?![\d:%/]|\.\d)"
        r"(?!\s*(?:%|percent|[ap]\.?\s?m\b|k\b|units?\b|stores?\b|people\b|sites?\b|dollars?\b|usd\b|rmb\b))",
        NOCASE,
    ),
]
