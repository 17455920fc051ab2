"""Clause cutting: a note is cut into sentences, then at commas; a long
unpunctuated Chinese clause is also cut before a next step's date and before
我们 opening a claim. A short label before a colon ("痛点：", "Next step:")
is kept apart from the clause's body."""

import re
from dataclasses import dataclass

from . import words as W
from .text import CJK, NOCASE


@dataclass
class Clause:
    """A clause of the note, ``start``:``end``, in its ``sentence`` (a number)."""

    start: int
    end: int
    sentence: int
    body: int  # where the text after a "label:" starts
    label: str = ""


_ABBREV = re.compile(
    rf"(?:\b(?:mr|mrs|ms|dr|st|vs|etc|inc|co|ltd|no|approx|dept|e\.g|i\.e|[ap]\.m|[a-z])|\b(?:{W.EN_MONTHS}))$",
    NOCASE,
)
_SEP = re.compile(
    rf"(?P<hard>[。!?;\n]+|\.(?=\s|$|[{CJK}]))"
    rf"|(?P<soft>(?<!\d),|,(?!\d)|、|\s+[-–—]+\s+|(?<=[{CJK}])\s+(?=[{CJK}]))"
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
    NOCASE,
)
NEXT_CUE = re.compile(W.NEXT_CUE, NOCASE)


def cut_clauses(text, whens):
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
            if not before or not re.match(rf"[{CJK}]", before[-1]):
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
                clauses.append(_label(text, Clause(a, b, sentence, a)))
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
