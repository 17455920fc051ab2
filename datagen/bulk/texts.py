"""What the salespeople write: pain points, values, notes, customers' words,
evidence excerpts and chatter bodies."""

import html
import re
import unicodedata
from itertools import product

from datagen.addon import text_quality
from datagen.world.customer_words import FIRST_WORDS, FOLLOW_WORDS, MORNING_NEEDS
from datagen.world.people import SURNAMES
from datagen.world.short_notes import (
    LAZY_NOTES,
    LAZY_SUMMARIES,
    LAZY_VALUE_POINTS,
    SHORT_PARTICLES,
    SHORT_PREDICATES,
    SHORT_SUBJECT_TITLES,
    SHORT_SUBJECTS,
)
from datagen.world.visit_words import (
    EN_FEEDBACK,
    EN_OTHER_ACTIONS,
    EN_PAIN_TEMPLATES,
    EN_VALUE_POINTS,
    FEEDBACK,
    OTHER_ACTIONS,
    PAIN_DETAILS,
    PAIN_TEMPLATES,
    VALUE_POINTS,
)

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize(text):
    """``text_quality.normalize`` (the key of ``pain_summary_key``), faster: ``\\W`` is
    exactly what ``str.isalnum`` rejects, plus the underscore."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def _short_phrases():
    """Every pain point of 4 to 6 characters the parts make, in a fixed order."""
    subjects = [s + t for s, _py in SURNAMES for t in SHORT_SUBJECT_TITLES]
    subjects += SHORT_SUBJECTS
    phrases = [s + p for s, p in product(subjects, SHORT_PREDICATES) if 4 <= len(s + p) <= 6]
    phrases += [
        s + p + q for s, p, q in product(subjects, SHORT_PREDICATES, SHORT_PARTICLES) if len(s + p + q) <= 6
    ]
    return list(LAZY_SUMMARIES) + phrases


SHORT_PHRASES = _short_phrases()


class Writer:
    """One salesperson's pen: never the same pain point twice (the add-on
    refuses a summary repeating one of the salesperson's earlier ones)."""

    def __init__(self, rng, style, english):
        self.rng = rng
        self.style = style
        self.english = english
        self.used = set()
        self._short = None

    def _fill(self, template, opp):
        return template.format(
            product=opp.product,
            project=opp.project,
            honor=opp.customer.honor,
            n=self.rng.randint(3, 15),
            days=self.rng.choice((30, 60, 90)),
        )

    def _draft(self, category, opp):
        rng = self.rng
        if self.english or rng.random() < 0.04:
            return self._fill(rng.choice(EN_PAIN_TEMPLATES[category]), opp)
        text = self._fill(rng.choice(PAIN_TEMPLATES[category]), opp)
        if self.style == "long":
            text += "，" + self._fill(rng.choice(PAIN_DETAILS), opp)
            if rng.random() < 0.4:
                text += "，" + self._fill(rng.choice(PAIN_DETAILS), opp)
        elif self.style == "medium":
            first = text.split("，")[0]
            if text_quality.cjk_char_count(first) >= 6:
                text = first
        return text

    def _next_short(self):
        if self._short is None:
            self._short = list(SHORT_PHRASES)
            self.rng.shuffle(self._short)
        while self._short:
            text = self._short.pop()
            if text not in self.used:
                return text
        return None

    def pain(self, category, opp):
        """(summary, normalised key) for a submitted visit."""
        text = None
        if self.style == "short" and self.rng.random() < 0.93:
            text = self._next_short()
        if text is None:
            text = self._draft(category, opp)
        key = normalize(text)
        attempt = 0
        while key in self.used:
            attempt += 1
            base = self._draft(category, opp) if attempt < 6 else text
            text = base if attempt < 6 else f"{text}，{self._fill(self.rng.choice(PAIN_DETAILS), opp)}"
            key = normalize(text)
        self.used.add(key)
        return text, key

    def value(self, category):
        if self.style == "short":
            return self.rng.choice(LAZY_VALUE_POINTS)
        pool = EN_VALUE_POINTS if self.english else VALUE_POINTS
        return self.rng.choice(pool[category])

    def other_action(self, opp):
        if self.style == "short":
            return self.rng.choice(LAZY_NOTES)
        if self.english:
            return self.rng.choice(EN_OTHER_ACTIONS)
        return self._fill(self.rng.choice(OTHER_ACTIONS), opp)

    def feedback(self, action, opp):
        if self.english:
            return self.rng.choice(EN_FEEDBACK)
        return self._fill(self.rng.choice(FEEDBACK[action]), opp)

    def words(self, opp, first=False, template=None):
        pool = FIRST_WORDS if first else FOLLOW_WORDS
        return self._fill(template or self.rng.choice(pool), opp)

    def morning_need(self, opp):
        return self._fill(self.rng.choice(MORNING_NEEDS), opp)


def evidence(rng, opp, rep_name, method, words):
    """The excerpt attached to prove a touch: chat, call log, e-mail or check-in."""
    customer = opp.customer
    if method == "wechat":
        return (
            "微信聊天记录（摘录）\n"
            f"对象：{customer.contact_name}（{customer.short} {customer.contact_function}）\n"
            f"{rep_name}：{customer.honor}您好，关于{opp.product}的事情跟您确认一下。\n"
            f"{customer.contact_name}：{words}\n{rep_name}：好的，收到。\n"
        )
    if method == "phone":
        return (
            f"通话记录\n通话时长：{rng.randint(1, 12)}分{rng.randint(0, 59):02d}秒\n"
            f"客户：{customer.contact_name}（{customer.short}）\n客户原话：{words}\n"
        )
    if method == "email":
        return f"邮件往来（摘录）\n发件人：{customer.email}\n主题：关于{opp.product}\n正文：{words}\n"
    return (
        f"外勤签到记录\n签到人：{rep_name}\n地点：{customer.name}（{customer.street}）\n"
        f"见面人：{customer.contact_name} {customer.contact_function}\n客户原话：{words}\n"
    )


def activity_done_body(type_name, icon, summary, note_html, feedback):
    """What ``mail.message_activity_done`` renders when an activity is marked done."""
    parts = [
        f'<div><p><span class="fa {icon} fa-fw"></span><span>{html.escape(type_name)}</span> done',
        f"<span>: </span><span>{html.escape(summary)}</span>" if summary else "",
        "</p>",
    ]
    if note_html:
        parts.append(f'<div class="o_mail_note_title fw-bold">Original note:</div><div>{note_html}</div>')
    if feedback:
        parts.append(f'<div><div class="fw-bold">Feedback:</div>{html.escape(feedback)}</div>')
    parts.append("</div>")
    return "".join(parts)
