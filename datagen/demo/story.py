"""Each opportunity's story, planned on days relative to the day it came in."""

from datagen.addon import anchor_constants, text_quality
from datagen.world.customer_words import (
    DELIVERY_QUESTION_WORDS,
    FIRST_WORDS,
    FOLLOW_WORDS,
    SECOND_QUOTE_WORDS,
    WON_WORDS,
)
from datagen.world.sales_process import METHOD_LABELS, TOUCH_METHOD_WEIGHTS
from datagen.world.short_notes import LAZY_NOTES, LAZY_SUMMARIES, LAZY_VALUE_POINTS
from datagen.world.visit_words import FEEDBACK, OTHER_ACTIONS, PAIN_CATEGORIES, PAIN_TEMPLATES, VALUE_POINTS

from .model import (
    DELIVERY,
    LEAD,
    PROPOSAL,
    QUOTE,
    SIGNED,
    VISIT,
    ActionDone,
    ClosedReminders,
    Document,
    SignedReminders,
    StageMove,
    Touch,
    Visit,
)
from .seed import rng

CHANNEL_KEYS = [key for key, _label in anchor_constants.CHANNELS]


def evidence_text(opp, method, words, first):
    """The excerpt a salesperson attaches to prove a touch: chat, call log, e-mail or check-in."""
    customer, contact, sales = opp.customer, opp.customer.contact, opp.user.name
    if method == "wechat":
        opening = (
            f"{contact.honor}您好，我是负责{customer.city}区域的{sales}，想跟您了解一下{opp.product}的需求。"
            if first
            else f"{contact.honor}，上次说的事情有进展吗？"
        )
        return (
            f"微信聊天记录（摘录）\n对象：{contact.name}（{customer.short} {contact.function}）\n"
            f"{sales}：{opening}\n{contact.name}：{words}\n{sales}：好的，收到，我整理一下尽快回复您。\n"
        )
    if method == "phone":
        masked = contact.mobile[:3] + "****" + contact.mobile[-4:]
        return (
            f"通话记录\n呼出号码：{masked}\n通话时长：{rng.randint(1, 12)}分{rng.randint(0, 59):02d}秒\n"
            f"客户：{contact.name}（{customer.short}）\n客户原话：{words}\n"
        )
    if method == "email":
        return (
            f"邮件往来（摘录）\n发件人：{contact.email}\n收件人：{opp.user.login}\n"
            f"主题：关于{opp.product}的询价\n正文：{words}\n"
        )
    return (
        f"外勤签到记录\n签到人：{sales}\n地点：{customer.name}（{customer.street}）\n"
        f"见面人：{contact.name} {contact.function}\n客户原话：{words}\n"
    )


class Story:
    """Plans an opportunity's events on relative days, day 0 being the day it came in."""

    def __init__(self, opportunity, summaries):
        self.opp = opportunity
        self.habits = opportunity.user.habits
        self.summaries = summaries  # per salesperson: normalized summaries used so far
        self.day = 0
        self.events = []
        self.touches = 0
        self.visits = 0

    # -- building blocks -------------------------------------------------

    def wait(self, low, high):
        self.day += rng.randint(low, high)

    def add(self, event):
        event.rel, event.seq = self.day, len(self.events)
        self.events.append(event)
        return event

    def touch(self, words=None, first=False, method=None, signal=""):
        self.touches += 1
        method = method or rng.choices(list(TOUCH_METHOD_WEIGHTS), list(TOUCH_METHOD_WEIGHTS.values()))[0]
        words = self.opp.fill(words or rng.choice(FIRST_WORDS if first else FOLLOW_WORDS))
        customer = self.opp.customer
        return self.add(
            Touch(
                number=self.touches,
                method=method,
                words=words,
                first=first,
                signal=signal,
                evidence_name=f"{METHOD_LABELS[method]}_{customer.short}_{self.touches}.txt",
                evidence_text=evidence_text(self.opp, method, words, first),
            )
        )

    def _summary(self, category):
        """A pain point this salesperson has not written before (the add-on refuses repeats)."""
        used = self.summaries.setdefault(self.opp.user.key, set())
        lazy = self.opp.user.persona == "lazy"
        for _attempt in range(200):
            if lazy:
                summary = rng.choice(LAZY_SUMMARIES)
            else:
                summary = self.opp.fill(rng.choice(PAIN_TEMPLATES[category]))
            key = text_quality.normalize(summary)
            if key not in used:
                used.add(key)
                assert text_quality.is_substantial(summary), summary
                return summary
        raise RuntimeError(f"out of distinct pain points for {self.opp.user.name}")

    def visit(self, action=None, state="submitted"):
        opp = self.opp
        self.visits += 1
        lazy = opp.user.persona == "lazy"
        categories = [c for c in PAIN_CATEGORIES if c != "local_marketing" or opp.customer.industry == "G"]
        category = rng.choice(categories)
        if action is None:
            if lazy:
                action = rng.choices(["other", "arrange_demo", "provide_samples"], [3, 2, 1])[0]
            else:
                action = rng.choice(["arrange_demo", "provide_samples", "other", "send_proposal"])
        note = ""
        if action == "other":
            note = rng.choice(LAZY_NOTES) if lazy else opp.fill(rng.choice(OTHER_ACTIONS))
        visit = Visit(
            number=self.visits,
            state=state,
            category=category,
            summary=self._summary(category),
            value=rng.choice(LAZY_VALUE_POINTS if lazy else VALUE_POINTS[category]),
            action=action,
            note=note,
            followup_gap=rng.randint(3, 10) if lazy else rng.randint(2, 7),
            channel=rng.choice(CHANNEL_KEYS),
        )
        assert len(visit.value) <= anchor_constants.VALUE_MAX_CHARS, visit.value
        return self.add(visit)

    def complete(self, visit, on_time=None):
        """Mark the visit's agreed action done (needed for a gate: placed in the story)."""
        if on_time is None:
            on_time = rng.random() < self.habits.on_time_rate
        gap = rng.randint(0, visit.followup_gap) if on_time else visit.followup_gap + rng.randint(1, 4)
        self.day = max(self.day, visit.rel + gap)
        done = self.add(ActionDone(visit=visit, feedback=self.opp.fill(rng.choice(FEEDBACK[visit.action]))))
        visit.done = done
        return done

    def move(self, stage):
        return self.add(StageMove(stage=stage))

    def document(self, kind):
        opp, customer = self.opp, self.opp.customer
        if kind == "proposal":
            name = f"供货方案_{customer.short}_{opp.project}.txt"
            text = (
                f"{opp.product}供货方案（摘要）\n客户：{customer.name}\n项目：{opp.project}\n"
                f"一、推荐产品：{opp.product}\n二、供货方式：按工期分批送货，苏州、无锡两仓备货\n"
                f"三、技术服务：首批施工技术员驻场指导\n四、下一步：确认用量后出正式报价\n"
            )
        else:
            name = f"报价单_{customer.short}_{opp.project}.txt"
            text = (
                f"报价单\n客户：{customer.name}\n项目：{opp.project}\n品名：{opp.product}\n"
                f"合计：{opp.revenue:,} 元（含13%增值税）\n付款方式：月结60天\n报价有效期：30天\n"
            )
        return self.add(Document(kind=kind, name=name, text=text))

    # -- the story by stage ------------------------------------------------

    def plan(self):
        opp, habits = self.opp, self.habits
        if opp.waiting:
            return self.events
        # first touch, within the 48 h SLA or not
        self.wait(*((3, 4) if rng.random() < habits.late_touch_rate else (0, 1)))
        self.touch(first=True)
        if opp.stage == LEAD:
            if rng.random() < 0.4:
                self.wait(1, 3)
                self.touch()
            return self.events
        self.wait(0, 1)
        self.move(VISIT)
        if rng.random() < 0.5:
            self.wait(1, 4)
            self.touch()
        if opp.stage == VISIT:
            self._plan_visit_stage()
            return self.events
        first = self._visits_until("send_proposal" if opp.stage >= QUOTE or rng.random() < 0.6 else None)
        self.move(PROPOSAL)
        if opp.stage == PROPOSAL:
            if rng.random() < 0.5:
                self.wait(1, 4)
                self.touch()
            return self.events
        # Quote: the proposal went out, by the agreed action or as an attached document
        if rng.random() < 0.8:
            self.complete(first)
        else:
            self.wait(1, 4)
            self.document("proposal")
        self.wait(0, 2)
        self.move(QUOTE)
        if opp.stage == QUOTE:
            self.wait(2, 6)
            if rng.random() < 0.5:
                self.visit(action="send_quote")
            elif rng.random() < 0.6:
                self.touch(words=SECOND_QUOTE_WORDS, signal="second_quote")
            else:
                self.touch()
            return self.events
        # Signed: the quote went out, then the contract
        self.wait(3, 8)
        if rng.random() < 0.5:
            self.touch()
            self.wait(1, 3)
        negotiation = self.visit(action="send_quote")
        if rng.random() < 0.75:
            self.complete(negotiation)
        else:
            self.wait(1, 3)
            self.document("quote")
        self.wait(1, 5)
        self.move(SIGNED)
        self.add(SignedReminders())
        if rng.random() < 0.5:
            self.wait(0, 2)
            self.touch(words=WON_WORDS[0])
        elif rng.random() < 0.6:
            self.wait(1, 5)
            self.touch(words=DELIVERY_QUESTION_WORDS, signal="delivery_question")
        if opp.stage == SIGNED:
            return self.events
        self.wait(3, 10)
        self.add(ClosedReminders(kinds=["delivery", "invoice"]))
        self.move(DELIVERY)
        self.wait(1, 6)
        self.touch(words=rng.choice(WON_WORDS[1:]))
        return self.events

    def _visits_until(self, last_action):
        """The visits before the opportunity moves on: one, or several for the lazy."""
        low, high = self.habits.visits
        for _i in range(rng.randint(low, high) - 1):
            self.wait(1, 4)
            self.visit()
            self.wait(2, 6)
        self.wait(1, 5)
        return self.visit(action=last_action)

    def _plan_visit_stage(self):
        if self.opp.user.persona == "lazy":  # visits, and visits, and visits
            self._visits_until(None)
            return
        variant = rng.choices(["draft", "submitted", "touches"], [35, 40, 25])[0]
        if variant == "submitted":
            self.wait(1, 5)
            self.visit()
        elif variant == "touches":
            self.wait(2, 5)
            self.touch()
        else:
            self.wait(1, 3)
            self.touch()
            self.visits += 1
            self.add(Visit(number=self.visits, state="draft", category=rng.choice(PAIN_CATEGORIES[:5])))
