"""Element scoring: in the clauses of a note, which one is the pain point, the
value offered, and the next step (its date, action and channel), by the cues
each clause carries; see the package's documentation for the rules."""

import re
import unicodedata

from .clauses import cut_clauses
from .cues import (
    ACTION_RULES,
    CHANNEL_RULES,
    CUSTOMER,
    NEXT_CUE,
    NEXT_LABEL,
    NO_PAIN,
    NOT_VALUE,
    PAIN_CUES,
    PAIN_LABEL,
    PAIN_LEAD,
    PRONOUN_START,
    SPEAKER,
    VALUE_CUE,
    VALUE_LABEL,
    has_problem,
    is_past,
)
from .dates import find_times
from .result import DEFAULT_ACTION, MAX_CHARS, VALUE_MAX_CHARS, empty_result
from .text import HAS_CJK, join, norm_piece, shorten, size


class Note:
    """One note being read: its clauses, the dates, actions and channels named
    in it, and which clause holds each element."""

    def __init__(self, text, now):
        self.now = now
        self.text = re.sub(
            r"[ \t\r\f\v]+", " ", unicodedata.normalize("NFKC", str(text or ""))[:MAX_CHARS]
        ).strip()
        self.meaningful = bool(re.search(r"[^\W_]", self.text))

    def result(self):
        result = empty_result()
        if not self.meaningful:
            return result
        text = self.text
        self.whens = find_times(text, self.now)
        self.clauses = cut_clauses(text, self.whens)
        self.actions = [
            (m.start(), m.end(), action, strong)
            for action, strong, pattern in ACTION_RULES
            for m in pattern.finditer(text)
        ]
        self.channels = [
            (m.start(), m.end(), channel)
            for channel, pattern in CHANNEL_RULES
            for m in pattern.finditer(text)
        ]
        self.past = [is_past(self.chunk(c)) and not self.future_in(c) for c in self.clauses]

        pain_idx, pain = self.find_pain()
        value_idx, value = self.find_value(pain_idx)
        self.excluded = set(pain_idx) | set(value_idx)
        when, anchor = self.find_when()
        action_idx, action = self.find_action(anchor)
        channel = self.find_channel(anchor, action_idx)

        result.update(
            pain_summary=pain,
            value_point=shorten(value),
            agreed_action=action,
            date_next_followup=when.value.strftime("%Y-%m-%d %H:%M:%S") if when else False,
            followup_channel=channel,
        )
        return result

    # --- helpers over clauses

    def chunk(self, clause, body=False):
        return self.text[clause.body if body else clause.start : clause.end]

    def clause_of(self, pos):
        for i, c in enumerate(self.clauses):
            if c.start <= pos < c.end:
                return i
        return None

    def future_in(self, clause):
        return any(
            clause.start <= w.start < clause.end and w.value.date() > self.now.date() for w in self.whens
        )

    def hits_in(self, hits, i):
        c = self.clauses[i]
        return [h for h in hits if c.start <= h[0] < c.end]

    def is_free(self, i):
        """A clause that names no date, action, channel or cue: a continuation."""
        c = self.clauses[i]
        chunk = self.chunk(c)
        return not (
            self.hits_in(self.whens_as_hits(), i)
            or self.hits_in(self.actions, i)
            or self.hits_in(self.channels, i)
            or c.label
            or VALUE_CUE.search(chunk)
            or NO_PAIN.search(chunk)
            or NEXT_CUE.search(chunk)
            or any(p.search(chunk) for kind, p in PAIN_CUES if kind != "weak")
        )

    def whens_as_hits(self):
        return [(w.start, w.end) for w in self.whens]

    def is_next_step(self, i):
        return bool(self.hits_in(self.whens_as_hits(), i)) and bool(
            self.hits_in(self.actions, i) or self.hits_in(self.channels, i)
        )

    def is_value_clause(self, i):
        c = self.clauses[i]
        if c.label and VALUE_LABEL.search(c.label) and not PAIN_LABEL.search(c.label):
            return True
        return bool(VALUE_CUE.search(self.chunk(c, body=True))) and not self.is_next_step(i)

    # --- pain point

    def find_pain(self):
        candidates, no_pain = [], False
        for i, c in enumerate(self.clauses):
            body = self.chunk(c, body=True)
            if NO_PAIN.search(self.chunk(c)):
                no_pain = True
                continue
            if self.is_value_clause(i) or self.is_next_step(i) or (c.label and NEXT_LABEL.search(c.label)):
                continue
            if c.label and PAIN_LABEL.search(c.label):
                candidates.append((4, i, body))
                continue
            cue = self.pain_cue(body)
            if cue:
                kind, content = cue
                if not norm_piece(content):
                    continue
                if kind == "label":
                    score = 4
                elif kind == "strong" or has_problem(content) or self.continues_pain(i):
                    score = 3
                else:
                    score = 1  # "说" + no complaint word: used only when nothing better is found
                candidates.append((score, i, content))
            elif has_problem(body):
                candidates.append((2, i, SPEAKER.sub("", body)))
        if not candidates:
            return [], ""
        score, i, content = max(candidates, key=lambda cand: (cand[0], -cand[1]))
        if no_pain and score < 3:
            return [], ""
        indexes = [i]
        pieces = [self.clean_pain(content)]
        if score == 2 and i > 0 and PRONOUN_START.match(content) and self.joins_previous(i):
            indexes.insert(0, i - 1)
            pieces.insert(0, self.clean_pain(SPEAKER.sub("", self.chunk(self.clauses[i - 1], body=True))))
        # A label before a colon ("客户痛点：", "Pain:") introduces its whole
        # sentence; otherwise one more complaining clause at most goes with it.
        label = self.clauses[i].label
        labelled = bool(label and PAIN_LABEL.search(label))
        last = i
        while self.continues_pain(last, labelled) and (labelled or last == i):
            last += 1
            indexes.append(last)
            pieces.append(self.clean_pain(self.strip_cue(self.chunk(self.clauses[last]))))
        return indexes, join(pieces)

    def joins_previous(self, i):
        prev = self.clauses[i - 1]
        return (
            prev.sentence == self.clauses[i].sentence
            and not self.past[i - 1]
            and self.is_free(i - 1)
            and not self.is_value_clause(i - 1)
        )

    def pain_cue(self, body):
        best = None
        for kind, pattern in PAIN_CUES:
            m = pattern.search(body)
            if m and (best is None or m.start() < best[1].start()):
                best = (kind, m)
        if best is None:
            return None
        kind, m = best
        return kind, body[m.end() :]

    def strip_cue(self, chunk):
        cue = self.pain_cue(chunk)
        return cue[1] if cue and cue[0] != "label" else chunk

    def continues_pain(self, i, labelled=False):
        """Clause i + 1 goes on with the pain point of clause i: same sentence,
        no date, value, next step or label of its own, and a complaint too
        unless a label introduced the pain point."""
        j = i + 1
        if j >= len(self.clauses) or self.clauses[j].sentence != self.clauses[i].sentence:
            return False
        chunk = self.chunk(self.clauses[j])
        if self.is_value_clause(j) or self.is_next_step(j) or self.hits_in(self.whens_as_hits(), j):
            return False
        if NO_PAIN.search(chunk) or self.clauses[j].label:
            return False
        return labelled or has_problem(chunk)

    @staticmethod
    def clean_pain(text):
        text = norm_piece(text)
        for _ in range(3):
            text = norm_piece(PAIN_LEAD.sub("", text))
        # "the app crashes a lot and users leave bad reviews": keep the first complaint
        m = re.search(r"\s+(?:and|but|so)\s+", text)
        if (
            m
            and not HAS_CJK.search(text)
            and has_problem(text[: m.start()])
            and len(text[: m.start()].split()) >= 3
        ):
            text = text[: m.start()]
        return norm_piece(re.sub(r"[了啊呀呢吧嘛]+$", "", text))

    # --- value point

    def find_value(self, pain_idx):
        labelled = cued = None
        for i, c in enumerate(self.clauses):
            if i in pain_idx:
                continue
            body = self.chunk(c, body=True)
            if c.label and VALUE_LABEL.search(c.label) and not PAIN_LABEL.search(c.label):
                labelled = labelled or (i, body)
                continue
            m = VALUE_CUE.search(body)
            if m and not self.is_next_step(i) and not (c.label and NEXT_LABEL.search(c.label)):
                content = body[m.end() :]
                if norm_piece(content):
                    cued = cued or (i, content)
        found = labelled or cued
        if found is None and pain_idx:
            found = self.value_after(pain_idx)
        if found is None:
            return [], ""
        i, content = found
        indexes, pieces = [i], [self.clean_value(content)]
        j = i + 1
        while (
            j < len(self.clauses)
            and self.clauses[j].sentence == self.clauses[i].sentence
            and self.is_free(j)
            and not has_problem(self.chunk(self.clauses[j]))
            and not CUSTOMER.search(self.chunk(self.clauses[j]))
            and len(join([*pieces, self.chunk(self.clauses[j])])) <= VALUE_MAX_CHARS
        ):
            indexes.append(j)
            pieces.append(norm_piece(self.chunk(self.clauses[j])))
            j += 1
        return indexes, join(pieces)

    def value_after(self, pain_idx):
        """No value words: the first plain statement after the pain point, in the
        next sentences first (the rest of the pain's sentence usually adds to it)."""
        last = max(pain_idx)
        sentence = self.clauses[last].sentence
        later = [j for j in range(last + 1, len(self.clauses)) if self.clauses[j].sentence != sentence]
        same = [j for j in range(last + 1, len(self.clauses)) if self.clauses[j].sentence == sentence]
        for j in later + same:
            chunk = self.chunk(self.clauses[j], body=True)
            if (
                self.is_free(j)
                and not self.past[j]
                and not has_problem(chunk)
                and not CUSTOMER.search(chunk)
                and not NOT_VALUE.search(chunk)
                and size(chunk) >= (4 if HAS_CJK.search(chunk) else 3)
            ):
                return j, chunk
        return None

    @staticmethod
    def clean_value(text):
        text = norm_piece(text)
        text = re.sub(r"^(?:的|是|了|我们的?|我们|我方的?|咱们的?)+", "", text)
        return norm_piece(text)

    # --- next step

    def usable(self, pos):
        i = self.clause_of(pos)
        return i is not None and i not in self.excluded and not self.past[i]

    def find_when(self):
        best = None
        for when in self.whens:
            i = self.clause_of(when.start)
            if i is None or not self.usable(when.start):
                continue
            label = self.clauses[i].label
            score = (
                2 * bool([h for h in self.hits_in(self.actions, i) if self.usable(h[0])])
                + bool([h for h in self.hits_in(self.channels, i) if self.usable(h[0])])
                + bool(label and NEXT_LABEL.search(label))
            )
            if best is None or score >= best[0]:
                best = (score, when, i)
        if best is None:
            return None, None
        return best[1], best[2]

    def pick(self, hits, anchor, key):
        """The hit in the anchor clause, else in the nearest clause; ``key`` ranks
        hits of one clause."""
        usable = [(self.clause_of(h[0]), h) for h in hits if self.usable(h[0])]
        if not usable:
            return None, None
        if anchor is None:
            i, hit = min(usable, key=lambda ih: key(ih[1]))
            return i, hit
        i, hit = min(usable, key=lambda ih: (abs(ih[0] - anchor), ih[0] < anchor, key(ih[1])))
        return i, hit

    def find_action(self, anchor):
        i, hit = self.pick(self.actions, anchor, key=lambda h: (not h[3], h[0]))
        if hit is None:
            return None, DEFAULT_ACTION
        return i, hit[2]

    def find_channel(self, anchor, action_idx):
        """The channel named with the next step: in its clause, else in the action's,
        else in the same sentence or a clause next to it."""
        reference = anchor if anchor is not None else action_idx
        i, hit = self.pick(self.channels, reference, key=lambda h: h[0])
        if hit is None:
            return False
        far = reference is not None and i not in (reference, action_idx) and abs(i - reference) > 1
        if far and self.clauses[i].sentence != self.clauses[reference].sentence:
            return False
        return hit[2]
