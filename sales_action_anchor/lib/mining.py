"""Mine won and lost visits for talk templates.

A manager wants to hand newcomers "when the customer says X, say Y and propose
Z", where Y and Z are what the team actually said before winning, not what it
believes works. This module groups similar pain points and, per group, picks
the value statement and agreed action that most often preceded a win.

Choices, kept simple so a manager can check a proposal by hand:

* **Similarity**: Jaccard index of feature sets. Chinese is compared by
  character bigrams (no segmentation needed, robust to word order, so
  "交期太长，到货慢" and "到货慢，交期太长" match); other text by lower-case
  words without stop words and with a trailing plural "s" dropped.
* **Grouping**: single-link clustering within one category: two visits whose
  similarity reaches ``similarity`` share a group, and groups are closed under
  that link (connected components). Unlike greedy grouping this does not
  depend on input order; it may chain, which with a threshold of 0.35 keeps
  variants of one complaint together.
* **Evidence**: the won visits of the group that used the chosen value
  statement. Value statements are compared after
  :func:`~lib.text_quality.normalize` (case, width, punctuation, spacing).
* **Win rate**: per value statement, not per group: won leads / leads among
  the group's visits that used the chosen value statement. A lead counts as
  won when any of its facts says so (``won`` is a property of the lead).

Output is deterministic: input is put in ``visit_id`` order first and every
tie is broken on a stable key. No ``odoo`` import here; jieba is loaded on
first use, for keywords only.
"""

import functools
import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .text_quality import normalize

_logger = logging.getLogger(__name__)

_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]+")
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

KEYWORD_COUNT = 5

# Words that say nothing about the pain itself (a word list reads better than 150 quoted strings).
EN_STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can cannot could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more most
    my no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until up
    us very was we were what when where which while who whom why will with would you your yours
    every always often still really customer customers client clients said says say think thinks
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class VisitFact:
    """One submitted visit of an opportunity that was eventually won or lost."""

    visit_id: int
    lead_id: int
    category_id: int | None
    pain_summary: str
    value_point: str
    agreed_action: str
    won: bool


@dataclass
class TemplateProposal:
    """A talk template: for this kind of pain, say ``what_to_say`` and propose
    ``next_step``. ``visit_ids`` lists every visit of the pain-point group
    (sorted), so the whole group can be opened; ``evidence_count`` counts the
    won visits among them that used ``what_to_say``."""

    category_id: int | None
    pain_point: str
    keywords: list[str] = field(default_factory=list)
    what_to_say: str = ""
    next_step: str = ""
    evidence_count: int = 0
    win_rate: float = 0.0
    visit_ids: list[int] = field(default_factory=list)


# ----------------------------------------------------------------------
# Similarity
# ----------------------------------------------------------------------


def _fold_word(word):
    """Drop a plural "s" so "prices" and "price" compare equal."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _latin_words(text):
    """Lower-case words of ``text`` outside Chinese runs, in order."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return _WORD_RE.findall(_CJK_RUN_RE.sub(" ", text))


def features(text):
    """Feature set compared between pain summaries: Chinese character bigrams
    (a lone character stands for itself) and meaningful non-Chinese words."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    feats = set()
    for run in _CJK_RUN_RE.findall(text):
        if len(run) == 1:
            feats.add(run)
        feats.update(run[i : i + 2] for i in range(len(run) - 1))
    feats.update(_fold_word(w) for w in _latin_words(text) if w not in EN_STOP_WORDS)
    return frozenset(feats)


def jaccard(a, b):
    """Jaccard similarity of two feature sets; nothing in common (or nothing
    at all) is 0."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


# ----------------------------------------------------------------------
# Grouping
# ----------------------------------------------------------------------


def _cluster(feats, threshold):
    """Single-link groups of ``feats`` (a list of feature sets): two sets are
    linked when their Jaccard similarity reaches ``threshold``.

    Identical sets (the same summary said again) are compared once and weighed
    by how often they occur. Candidate pairs come from prefix filtering (as in
    all-pairs similarity joins): with each set's features ordered from rarest
    to most common, two sets at least ``threshold`` similar share one of the
    first ``|x| - ceil(threshold·|x|) + 1`` features of each, so only those are
    indexed. Exact, and common words ("客户", "price") link nothing by
    themselves, so the work grows with the real overlap, not with n².
    Returns ``(groups, centrality)``: lists of indexes in ascending order, and
    each index's summed similarity to the members it is linked to (the medoid
    is the most central).
    """
    members = defaultdict(list)  # distinct feature set -> indexes having it
    for i, fs in enumerate(feats):
        members[fs].append(i)
    distinct = list(members)
    frequency = Counter(f for fs in distinct for f in fs)
    parent = list(range(len(distinct)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    weight = [float(len(members[fs])) for fs in distinct]
    central = [w - 1 for w in weight]
    index = defaultdict(list)
    for i, fs in enumerate(distinct):
        prefix = sorted(fs, key=lambda f: (frequency[f], f))[: len(fs) - math.ceil(threshold * len(fs)) + 1]
        for j in {j for f in prefix for j in index[f]}:
            sim = jaccard(fs, distinct[j])
            if sim >= threshold:
                central[i] += sim * weight[j]
                central[j] += sim * weight[i]
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        for f in prefix:
            index[f].append(i)
    groups = defaultdict(list)
    centrality = [0.0] * len(feats)
    for d, fs in enumerate(distinct):
        groups[find(d)].extend(members[fs])
        for i in members[fs]:
            centrality[i] = central[d]
    return [sorted(group) for group in sorted(groups.values(), key=min)], centrality


# ----------------------------------------------------------------------
# Keywords
# ----------------------------------------------------------------------


@functools.cache
def _jieba_analyse():
    """jieba's TF-IDF extractor, imported on first use (loading its IDF table
    takes a moment) and kept quiet; None when jieba is not installed."""
    try:
        import jieba
        import jieba.analyse
    except ImportError:
        _logger.warning("jieba is not installed: Chinese keywords are character bigrams")
        return None
    jieba.setLogLevel(logging.WARNING)
    return jieba.analyse


def _keywords(texts, count=KEYWORD_COUNT):
    """Top keywords of a group's summaries (``texts`` in a stable order):
    jieba TF-IDF when there is Chinese, else words by the number of summaries
    using them, then by frequency, then alphabetically."""
    if any(_CJK_RUN_RE.search(t or "") for t in texts):
        analyse = _jieba_analyse()
        joined = "\n".join(texts)
        if analyse is not None:
            tags = analyse.extract_tags(joined, topK=None)
            keep = [t for t in tags if t.casefold() not in EN_STOP_WORDS and not t.isdigit()]
            return keep[:count]
        bigrams = Counter(run[i : i + 2] for run in _CJK_RUN_RE.findall(joined) for i in range(len(run) - 1))
        return [w for w, _n in sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))][:count]
    doc_freq, freq = Counter(), Counter()
    for text in texts:
        words = [w for w in _latin_words(text) if w not in EN_STOP_WORDS and not w.isdigit()]
        freq.update(words)
        doc_freq.update(set(words))
    ranked = sorted(freq, key=lambda w: (-doc_freq[w], -freq[w], w))
    return ranked[:count]


# ----------------------------------------------------------------------
# Mining
# ----------------------------------------------------------------------


def _canonical(facts):
    """Facts in ``visit_id`` order, exact repeats dropped; two different facts
    for one visit are an error (which one to trust would depend on order)."""
    by_id = {}
    for fact in facts:
        seen = by_id.setdefault(fact.visit_id, fact)
        if seen != fact:
            raise ValueError(f"Conflicting facts for visit {fact.visit_id}")
    return [by_id[k] for k in sorted(by_id)]


def _spelling(group_facts, key):
    """The way a value statement was most often written (earliest visit on a
    tie), shown instead of its normalised key."""
    spellings = Counter((f.value_point or "").strip() for f in group_facts if normalize(f.value_point) == key)
    first = {}
    for f in group_facts:
        first.setdefault((f.value_point or "").strip(), f.visit_id)
    return min(spellings, key=lambda s: (-spellings[s], first[s]))


def _proposal(category_id, group_facts, centrality, won_leads):
    """The template of one pain-point group, or None without any win."""
    by_value = defaultdict(list)
    for f in group_facts:
        key = normalize(f.value_point)
        if key:
            by_value[key].append(f)

    def score(key):
        visits = by_value[key]
        won_visits = sum(1 for f in visits if f.lead_id in won_leads)
        leads = {f.lead_id for f in visits}
        rate = len(leads & won_leads) / len(leads)
        return won_visits, rate

    scored = {key: score(key) for key in by_value}
    candidates = [k for k in scored if scored[k][0] > 0]
    if not candidates:
        return None
    best = min(candidates, key=lambda k: (-scored[k][0], -scored[k][1], k))
    evidence, rate = scored[best]
    winning = [f for f in by_value[best] if f.lead_id in won_leads]

    # The action that followed the chosen statement in wins; ties go to the
    # action with more wins in the whole group, then to the code's order.
    with_value = Counter(f.agreed_action for f in winning if f.agreed_action)
    in_group = Counter(f.agreed_action for f in group_facts if f.agreed_action and f.lead_id in won_leads)
    next_step = min(with_value, key=lambda a: (-with_value[a], -in_group[a], a)) if with_value else ""

    medoid = min(range(len(group_facts)), key=lambda i: (-centrality[i], group_facts[i].visit_id))
    return TemplateProposal(
        category_id=category_id,
        pain_point=group_facts[medoid].pain_summary.strip(),
        keywords=_keywords([f.pain_summary for f in group_facts]),
        what_to_say=_spelling(group_facts, best),
        next_step=next_step,
        evidence_count=evidence,
        win_rate=rate,
        visit_ids=[f.visit_id for f in group_facts],
    )


def mine_templates(
    facts: Iterable[VisitFact],
    min_evidence: int = 2,
    similarity: float = 0.35,
    top_n: int | None = None,
) -> list[TemplateProposal]:
    """Talk templates mined from visits of won and lost opportunities.

    Visits are grouped per category by pain-point similarity (see the module
    docstring); each group with at least ``min_evidence`` (and at least one)
    won visits behind its best value statement gives one proposal. Proposals
    come by evidence count, then win rate, descending (then category and
    first visit, for a stable order); ``top_n`` keeps the first ones.
    Visits whose summary has nothing to compare are left out.
    """
    if not 0.0 <= similarity <= 1.0:
        raise ValueError("similarity must be between 0 and 1")
    if top_n is not None and top_n < 0:
        raise ValueError("top_n must not be negative")
    facts = _canonical(facts)
    won_leads = {f.lead_id for f in facts if f.won}

    by_category = defaultdict(list)
    for fact in facts:
        fs = features(fact.pain_summary)
        if fs:
            by_category[fact.category_id].append((fact, fs))

    proposals = []
    for category_id in sorted(by_category, key=lambda c: (c is not None, c or 0)):
        members = by_category[category_id]
        groups, centrality = _cluster([fs for _f, fs in members], similarity)
        for group in groups:
            group_facts = [members[i][0] for i in group]
            proposal = _proposal(category_id, group_facts, [centrality[i] for i in group], won_leads)
            if proposal is not None and proposal.evidence_count >= max(1, min_evidence):
                proposals.append(proposal)

    proposals.sort(
        key=lambda p: (
            -p.evidence_count,
            -p.win_rate,
            p.category_id is not None,
            p.category_id or 0,
            p.visit_ids[0],
        )
    )
    return proposals if top_n is None else proposals[:top_n]
