"""Words of pain-point summaries and morning core needs, for a "TOP demands" cloud.

``tokenize(text)`` gives the content words of one note, in order;
``top_words(texts, limit)`` counts them over ``(record_id, text)`` pairs::

    [{"word": "交期", "count": 3, "record_ids": [4, 7, 9]}, ...]

Pure Python (no ``odoo``); ``jieba`` is imported on first use.

How a note is read
------------------
- The text is NFKC-normalised (full-width ＥＲＰ is ERP) and its first
  ``MAX_CHARS`` characters are read. Runs of Chinese characters and the rest
  are handled separately, so mixed notes ("ERP系统对接困难") work.
- Chinese: ``jieba.lcut(run, HMM=False)``. Without HMM, unknown strings fall
  apart into single characters instead of glued guesses such as 王总说 or
  刘总嫌; the sales words jieba does not know (交期, 账期, 断货 …, see
  ``DOMAIN_WORDS``) are kept whole where jieba cut them or swallowed their
  first character (要账期 is 要账 + 期 to jieba: debt collecting, not payment
  terms), without touching jieba's shared dictionary. 不/没 before a content
  word is kept with it
  (不稳定, not 稳定), 太 is dropped from 太贵. Then dropped: the stop words of
  ``stop_words``, names with a title (王总, 李经理, 老王), numbers and
  amounts (三个, 一次) and single characters, except a few pain adjectives
  (贵, 慢, 差 … ``MEANINGFUL_SINGLE_CHARS``).
- Other text: lower-cased letter words (digits and punctuation split them),
  hyphens and apostrophes split them too (can't, it's are stop words), English
  stop words dropped, words shorter than 3 or longer than 30 letters dropped
  (a 30+ letter "word" is a pasted hash or keyboard mash), and plurals folded
  (prices → price, deliveries → delivery; sales, logistics and words in -ss,
  -us, -is kept) so one demand is one word.
- Without jieba, a Chinese run is read as overlapping character pairs (a
  warning is logged once): crude, but the cloud still shows something.

Counting
--------
A word's count is the number of texts that contain it (document frequency),
not its number of occurrences: one verbose note repeating 价格 five times must
not outweigh five salespeople each hearing it once. Ties are ordered by the
word (code-point order), so the result is deterministic.
"""

import functools
import logging
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from . import stop_words as S

_logger = logging.getLogger(__name__)

MAX_CHARS = 10_000

DOMAIN_WORDS = frozenset(
    {
        "交期",
        "账期",
        "货期",
        "排期",
        "客诉",
        "良率",
        "不良率",
        "退换货",
        "交货期",
        "回款慢",
        "售后服务",
        "断货",
        "起订量",
        "急单",
        "月结",
    }
)
"""Sales words jieba's dictionary splits (交/期, 要账/期); kept whole."""
# Longest first: 不良率 before 良率, 交货期 before 交期.
_DOMAIN_RE = re.compile("|".join(sorted(DOMAIN_WORDS, key=lambda word: (-len(word), word))))

_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df]+")
_LATIN_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_CJK_NUMBER_RE = re.compile(
    r"[零〇一二两三四五六七八九十百千万亿几半多数]+[个天周月年次点号倍成块元位家条件种]?"
)
_NEGATIONS = frozenset({"不", "没"})
_KEEP_PLURAL = frozenset(
    {"sales", "news", "series", "logistics", "analytics", "always", "various", "perhaps"}
)
_MIN_LATIN_LEN = 3
_MAX_LATIN_LEN = 30  # longer is a pasted hash, URL or keyboard mash, not a demand


@functools.cache
def _jieba():
    """jieba, loaded and quieted once; None when it is not installed."""
    try:
        import jieba
    except ImportError:
        _logger.warning("jieba is not installed: Chinese demand words are read as character pairs")
        return None
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _split(run):
    """jieba tokens of a run of Chinese characters (pairs without jieba)."""
    jieba = _jieba()
    if jieba is None:
        return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]
    return jieba.lcut(run, HMM=False)


def _segment(run):
    """Tokens of a run of Chinese characters, domain words whole. jieba may
    split one (交/期) or swallow its first character into the word before
    (要账/期); a domain word is taken when at least one of its ends is where
    jieba cut, so that 提交/期限 and 对账/期间 keep their own words."""
    tokens = _split(run)
    if _jieba() is None:
        return tokens
    bounds = list(accumulate(map(len, tokens), initial=0))
    known = set(bounds)
    domain = {
        match.start(): match.end()
        for match in _DOMAIN_RE.finditer(run)
        if match.start() in known or match.end() in known
    }
    if not domain:
        return tokens
    cuts = sorted(known | set(domain) | set(domain.values()))
    out, pos = [], 0
    while pos < len(run):
        end = domain.get(pos) or cuts[bisect_right(cuts, pos)]
        out.append(run[pos:end])
        pos = end
    return out


def _glue(tokens):
    """Keep a negation with the content word it negates (不+稳定)."""
    glued = []
    for tok in tokens:
        if glued and glued[-1] in _NEGATIONS and not _is_chinese_stop(tok) and len(tok) > 1:
            glued[-1] += tok
        else:
            glued.append(tok)
    return glued


def _is_name(tok):
    """王总, 李经理, 陈姐, 老王, 小李: a person, not a demand."""
    if len(tok) == 2 and tok[0] in "老小" and tok[1] in S.SURNAMES:
        return True
    return tok[0] in S.SURNAMES and tok[1:] in S.HONORIFICS


def _is_chinese_stop(tok):
    return tok in S.CHINESE_STOP_WORDS or _is_name(tok) or bool(_CJK_NUMBER_RE.fullmatch(tok))


def _chinese_words(run):
    words = []
    for tok in _glue(_segment(run)):
        if len(tok) == 2 and tok[0] in "太嫌":
            tok = tok[1]  # 太贵, 嫌贵 → 贵: the intensifier or the complaint is not the demand
        if _is_chinese_stop(tok):
            continue
        if len(tok) == 1 and tok not in S.MEANINGFUL_SINGLE_CHARS:
            continue
        words.append(tok)
    return words


def _fold_plural(word):
    """prices → price, deliveries → delivery, boxes → box; sales, process, status kept."""
    if word in _KEEP_PLURAL or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _latin_words(segment):
    words = []
    for match in _LATIN_WORD_RE.finditer(segment.casefold()):
        word = match.group()
        if word in S.ENGLISH_STOP_WORDS:
            continue
        for part in word.split("'"):
            if not _MIN_LATIN_LEN <= len(part) <= _MAX_LATIN_LEN or part in S.ENGLISH_STOP_WORDS:
                continue
            part = _fold_plural(part)
            if len(part) >= _MIN_LATIN_LEN and part not in S.ENGLISH_STOP_WORDS:
                words.append(part)
    return words


@functools.lru_cache(maxsize=4096)
def _tokenize(text):
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    words, pos = [], 0
    for match in _CJK_RUN_RE.finditer(text):
        words += _latin_words(text[pos : match.start()])
        words += _chinese_words(match.group())
        pos = match.end()
    words += _latin_words(text[pos:])
    return tuple(words)


def tokenize(text: str) -> list[str]:
    """Content words of one note, in reading order, repeats kept.

    ``None``/``False`` (an empty Odoo field) give ``[]``, like any text without
    a content word (emoji, punctuation, numbers, gibberish made of stop words)."""
    if not text or not isinstance(text, str):
        return []
    return list(_tokenize(text[:MAX_CHARS]))  # cut first: the cache keeps its keys


def top_words(texts: Iterable[tuple[int, str]], limit: int = 50) -> list[dict]:
    """The ``limit`` words found in the most texts.

    Returns ``[{"word", "count", "record_ids"}]``, by count descending then word;
    ``count`` is the number of texts containing the word (document frequency,
    so a verbose note cannot dominate) and ``record_ids`` the sorted, unique ids
    of those texts. A record given twice (e.g. its summary and its core need)
    counts twice but is listed once. ``limit`` ``None`` means all; 0 or less
    gives ``[]``."""
    if limit is not None and limit <= 0:
        return []
    counts, ids = {}, {}
    for record_id, text in texts:
        for word in set(tokenize(text)):
            counts[word] = counts.get(word, 0) + 1
            ids.setdefault(word, set()).add(record_id)
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    if limit is not None:
        ranked = ranked[:limit]
    return [{"word": w, "count": counts[w], "record_ids": sorted(ids[w])} for w in ranked]
