"""Shared by the quick-note parser's tests: every test passes a frozen ``now``;
NOW is Monday 2 March 2026, 09:00."""

import datetime as dt

from lib.quick_note import parse

NOW = dt.datetime(2026, 3, 2, 9, 0)  # a Monday
THURSDAY = dt.datetime(2026, 3, 5, 16, 30)
YEAR_END = dt.datetime(2026, 12, 28, 10, 0)  # a Monday
EMPTY = {
    "pain_summary": "",
    "value_point": "",
    "agreed_action": "other",
    "date_next_followup": False,
    "followup_channel": False,
}


def when(text, now=NOW):
    return parse(text, now)["date_next_followup"]
