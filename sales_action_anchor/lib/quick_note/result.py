"""The parser's result: its keys (the names of the ``crm.anchor.visit`` fields
they fill), the values they may take, the empty result."""

from .. import anchor_constants as C

ACTIONS = tuple(key for key, _label in C.AGREED_ACTIONS)
CHANNELS = tuple(key for key, _label in C.CHANNELS)
DEFAULT_ACTION = C.DEFAULT_ACTION
VALUE_MAX_CHARS = C.VALUE_MAX_CHARS
# Only the start of a very long note is read.
MAX_CHARS = 10_000


def empty_result():
    return {
        "pain_summary": "",
        "value_point": "",
        "agreed_action": DEFAULT_ACTION,
        "date_next_followup": False,
        "followup_channel": False,
    }
