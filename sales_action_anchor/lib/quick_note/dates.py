"""The date engine: the date and time words of a note (``time_rules``),
grouped when they are said together ("下周二下午3点", "Friday at 3pm") and
resolved to the datetimes they mean, counted from ``now``."""

import datetime as dt
import re
from dataclasses import dataclass

from . import words as W
from .text import NOCASE
from .time_rules import TIME_RULES

# A day without a time is at 09:00.
DAY_HOUR = 9


@dataclass
class When:
    """A date or time said in the note, ``start``:``end``, and the datetime it means."""

    start: int
    end: int
    value: dt.datetime


# What may stand between date and time words said together ("周五 下午", "Friday at 3pm").
_JOIN = re.compile(
    r"^[\s,，的@]*(?:(?:at|on|around|about|by|before|@|约|大概|左右|前|之前|以前)[\s,，的@]*)?$", NOCASE
)


def find_times(text, now):
    """Date/time expressions of ``text``, each resolved to a datetime."""
    found = []
    for pattern, handler in TIME_RULES:
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
            whens.append(When(group[0].start, group[-1].end, value))
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
