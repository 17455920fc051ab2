"""Measure free-text answers the way a sales manager reads them.

Chinese text is measured in CJK characters, other text in words, because
"4 Chinese characters" and "3 English words" carry about the same meaning.
"""

import hashlib
import re
import unicodedata

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]")
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# A key longer than this (in UTF-8 bytes) is replaced by its digest: a btree
# index entry holds at most about 2.7 kB, and a pasted essay must still save.
KEY_MAX_BYTES = 2000


def cjk_char_count(text):
    """Number of CJK ideographs in ``text``."""
    return len(_CJK_RE.findall(text or ""))


def latin_word_count(text):
    """Number of words made of non-CJK letters or digits in ``text``."""
    without_cjk = _CJK_RE.sub(" ", text or "")
    return len(_WORD_RE.findall(without_cjk))


def is_substantial(text, min_cjk_chars=4, min_words=3):
    """True when ``text`` says enough: at least ``min_cjk_chars`` Chinese
    characters or at least ``min_words`` other words."""
    return cjk_char_count(text) >= min_cjk_chars or latin_word_count(text) >= min_words


def normalize(text):
    """Canonical form used to spot a summary repeated word for word:
    case, width, punctuation and spacing do not make a summary new."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in text if ch.isalnum())


def summary_key(text):
    """Indexable key of ``normalize(text)``: the normalized text itself, or
    ``"sha256:"`` and its digest when longer than ``KEY_MAX_BYTES`` (a
    normalized text has no ``:``, so the two kinds never collide)."""
    key = normalize(text)
    encoded = key.encode("utf-8")
    if len(encoded) > KEY_MAX_BYTES:
        return "sha256:" + hashlib.sha256(encoded).hexdigest()
    return key
