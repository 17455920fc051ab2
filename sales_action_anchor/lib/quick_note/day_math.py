"""Calendar arithmetic of the date engine: number words, weeks that start on
Monday, months of uneven length, and dates said without a year or month."""

import datetime as dt
import re

from . import words as W
from .libraries import load_dateparser


def number(word):
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


def monday(day):
    return day - dt.timedelta(days=day.weekday())


def weekday_of(today, weekday, which):
    """The day of ``weekday`` in this week ("this"), next week ("next"), the week
    after ("next2"), or the next one after today (None)."""
    if which == "next":
        return monday(today) + dt.timedelta(days=7 + weekday)
    if which == "next2":
        return monday(today) + dt.timedelta(days=14 + weekday)
    if which == "this":
        day = monday(today) + dt.timedelta(days=weekday)
        return day if day >= today else day + dt.timedelta(days=7)
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = month_end(dt.date(year, month, 1)).day
    return dt.date(year, month, min(day.day, last))


def month_end(day):
    first_next = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def future_date(today, month, day, year=None):
    """``month``/``day`` this year, or next year once past (or in ``year``)."""
    try:
        found = dt.date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and found < today:
        found = found.replace(year=found.year + 1)
    return found


def day_of_month(today, day):
    try:
        found = today.replace(day=day)
    except ValueError:
        return None
    if found < today:
        found = add_months(today.replace(day=1), 1)
        try:
            found = found.replace(day=day)
        except ValueError:
            return None
    return found


def relative(today, count, unit):
    """``count`` days, weeks or months after ``today``; None past two years (not a follow-up)."""
    unit = unit.lower()
    if count is None:
        return None
    if unit.startswith(("天", "日", "day")):
        found = today + dt.timedelta(days=min(count, 800))
    elif unit.startswith(("周", "星期", "礼拜", "week")):
        found = today + dt.timedelta(days=7 * min(count, 120))
    elif unit.startswith(("月", "month")):
        found = add_months(today, min(count, 30))
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


def zh_week_prefix(prefix):
    prefix = (prefix or "").strip()
    if prefix.startswith("上"):
        return "past"
    return _PREFIX_WEEK.get(prefix)


def calendar_date(span, now):
    """A calendar date written in ``span`` ("Dec 3rd", "3/12"), read by dateparser."""
    dateparser = load_dateparser()
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
