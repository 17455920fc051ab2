"""The shared vocabulary (``lib/anchor_constants``) is the only definition:
the quick-note parser and its word tables speak exactly its keys."""

from lib import anchor_constants as C
from lib import quick_note
from lib.quick_note import words as W


def test_parser_speaks_the_shared_keys():
    assert [key for key, _label in C.AGREED_ACTIONS] == list(quick_note.ACTIONS)
    assert [key for key, _label in C.CHANNELS] == list(quick_note.CHANNELS)
    assert quick_note.DEFAULT_ACTION == C.DEFAULT_ACTION
    assert quick_note.VALUE_MAX_CHARS == C.VALUE_MAX_CHARS


def test_word_tables_name_only_known_keys():
    assert {action for action, _strong, _pattern in W.ACTIONS} <= set(quick_note.ACTIONS)
    assert {channel for channel, _pattern in W.CHANNELS} <= set(quick_note.CHANNELS)


def test_touch_methods_are_channels():
    expected = [("phone", "Phone"), ("wechat", "WeChat"), ("onsite", "On-site"), ("email", "Email")]
    assert expected == C.TOUCH_METHODS
    assert set(C.TOUCH_METHODS) <= set(C.CHANNELS)
