"""What a clause says, in the words of ``words``: a complaint, the value
offered, a next step, a report of what already happened."""

import re

from . import words as W
from .libraries import tokens
from .text import HAS_CJK, NOCASE

NEXT_CUE = re.compile(W.NEXT_CUE, NOCASE)
PAIN_CUES = [(kind, re.compile(pattern, NOCASE)) for kind, pattern in W.PAIN_CUES]
PAIN_LABEL = re.compile(r"痛点|问题|难点|困扰|\bpain|\bproblem|\bissue|\bchallenge|\bconcern", NOCASE)
VALUE_LABEL = re.compile(r"价值|卖点|我们|我方|\bvalue\b|\boffer|\bpitch|\bsolution\b|\bbenefit", NOCASE)
NEXT_LABEL = re.compile(W.NEXT_LABEL, NOCASE)
VALUE_CUE = re.compile(rf"^(?:但是|不过|然后|另外|and\s+|so\s+|but\s+)?(?:{W.VALUE_CUES})", NOCASE)
NO_PAIN = re.compile(W.NO_PAIN, NOCASE)
_EN_PROBLEM = re.compile(W.EN_PROBLEM, NOCASE)
_ZH_TAKES_TIME = re.compile(W.ZH_TAKES_TIME)
_PAST_EN = re.compile(W.PAST_EN, NOCASE)
CUSTOMER = re.compile(W.CUSTOMER_SUBJECT, NOCASE)
PAIN_LEAD = re.compile(W.PAIN_LEAD, NOCASE)
SPEAKER = re.compile(W.SPEAKER)
NOT_VALUE = re.compile(W.NOT_VALUE, NOCASE)
_PAST_ZH = re.compile(W.PAST_ZH)
ACTION_RULES = [(action, strong, re.compile(pattern, NOCASE)) for action, strong, pattern in W.ACTIONS]
CHANNEL_RULES = [(channel, re.compile(pattern, NOCASE)) for channel, pattern in W.CHANNELS]
_PARTICLES = set("了啊呀呢吧嘛哦的")
PRONOUN_START = re.compile(r"(?:it|this|that|which)\b|[这那]", NOCASE)


def has_problem(text):
    if _EN_PROBLEM.search(text) or _ZH_TAKES_TIME.search(text):
        return True
    if not HAS_CJK.search(text):
        return False
    if any(word in text for word in W.ZH_PROBLEM_WORDS):
        return True
    toks = [tok for tok in tokens(text) if re.search(r"\w", tok)]
    while toks and toks[-1] in _PARTICLES:
        toks.pop()
    for i, tok in enumerate(toks):
        if tok in W.ZH_PROBLEM_ADJ and (i == len(toks) - 1 or (i > 0 and toks[i - 1] in W.ZH_DEGREE)):
            return True
    return False


def is_past(text):
    if _PAST_EN.search(text):
        return True
    return bool(HAS_CJK.search(text) and _PAST_ZH.search(text))
