"""Dictated quick notes (语音速记) → the three elements of a customer visit.

``parse(text, now)`` reads what a salesperson dictated after a visit, in
Chinese, English or a mix of both ("明天call王总聊报价"), and returns the
fields of ``crm.anchor.visit`` it could recognise, under the fields' names::

    {"pain_summary": str, "value_point": str (≤ 50 characters),
     "agreed_action": "send_proposal" | "arrange_demo" | "provide_samples" | "send_quote" | "other",
     "date_next_followup": "YYYY-MM-DD HH:MM:SS" | False, "followup_channel": "phone" | ... | False}

The actions and channels are those of ``lib/anchor_constants``; ``date_next_followup``
is in the time zone of ``now`` (the field itself stores UTC).

It is a suggestion for the form, not a judgement: the salesperson reviews it.
Pure Python (no ``odoo``); ``jieba`` segments Chinese and ``dateparser`` reads
English calendar dates such as "Dec 3rd" or "3/12"; both are imported on first
use and cached. Without them the parser still runs, with less coverage.

How a note is read
------------------
The note is cut into clauses (sentences, then commas; a long unpunctuated
Chinese clause is also cut before a date and before 我们). Dates, actions and
channels are found by the word lists of ``words``. The pain point
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

Conventions (pinned by ``tests/unit/test_quick_note_*.py``)
-----------------------------------------------------------
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
import logging

from .result import ACTIONS, CHANNELS, DEFAULT_ACTION, MAX_CHARS, VALUE_MAX_CHARS, empty_result
from .scoring import Note

__all__ = ["ACTIONS", "CHANNELS", "DEFAULT_ACTION", "MAX_CHARS", "VALUE_MAX_CHARS", "empty_result", "parse"]

_logger = logging.getLogger(__name__)


def parse(text, now=None):
    """Fields of a visit found in the dictated ``text``; see the module doc.

    ``now`` is a naive datetime in the user's time zone (default: the machine's
    local time); relative dates ("明天", "next Tuesday") count from it."""
    now = _naive_now(now)
    try:
        return Note(text, now).result()
    except Exception:  # a suggestion must never stop the salesperson's form
        _logger.exception("quick note could not be read: %r", str(text)[:200])
        return empty_result()


def _naive_now(now):
    if now is None:
        return dt.datetime.now().replace(microsecond=0)
    if isinstance(now, dt.datetime):
        return now.replace(tzinfo=None)
    if isinstance(now, dt.date):
        return dt.datetime.combine(now, dt.time())
    raise TypeError("now must be a datetime")
