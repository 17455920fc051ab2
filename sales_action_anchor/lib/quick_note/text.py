"""Text as the parser sees it: the regular-expression flags and CJK range its
patterns share, and how a piece of the note is measured, trimmed and joined."""

import re

from ..anchor_constants import VALUE_MAX_CHARS

# ASCII: \b and \w see CJK as non-word characters, so "明天call王总" has a word "call".
ASCII = re.ASCII
NOCASE = re.IGNORECASE | re.ASCII
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAS_CJK = re.compile(rf"[{CJK}]")


def size(text):
    """Length as a reader feels it: CJK characters plus Latin words."""
    return len(re.findall(rf"[{CJK}]", text)) + len(re.findall(r"[A-Za-z0-9]+", text))


def norm_piece(text):
    return text.strip(" \t,，.。;；:：!！?？、-—–")


def join(pieces):
    pieces = [p for p in pieces if p]
    if not pieces:
        return ""
    out = pieces[0]
    for piece in pieces[1:]:
        cjk = HAS_CJK.search(out[-1:]) or HAS_CJK.search(piece[:1])
        out += ("，" if cjk else ", ") + piece
    return out


def shorten(text, limit=VALUE_MAX_CHARS):
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not HAS_CJK.search(cut) and " " in cut and not text[limit].isspace():
        cut = cut[: cut.rfind(" ")]
    return norm_piece(cut)
