"""The stories placed in the last three months, with their times of day."""

from itertools import pairwise

from datagen.world.visit_words import FEEDBACK

from .model import SIGNED, ActionDone, Visit
from .moments import MAX_AGE_DAYS, HoursAgo, Moment
from .seed import rng
from .story import Story


def place(opp):
    """Fix the story in the last three months: when the opportunity came in, and
    so when everything else happened, so that its last follow-up is fresh, or
    more than three days old for the overdue ones."""
    events = opp.events
    if opp.waiting:
        opp.created = Moment(4, 9 * 60 + 40) if opp.user.persona == "slow" else HoursAgo(rng.choice([3, 20]))
        return
    followups = [e for e in events if e.is_followup]
    last = max(e.rel for e in events)
    last_followup = followups[-1].rel
    if opp.stage >= SIGNED:
        end = rng.randint(1, 20) if opp.stage == SIGNED else rng.randint(3, 35)
        age = end + last
    elif opp.overdue:
        age = max(rng.randint(5, 21) + last_followup, 1 + last)
    else:
        age = rng.randint(1, 2) + last  # the last event is a follow-up (see fresh_ending)
    if age > MAX_AGE_DAYS:  # squeeze the story into three months
        end = age - last
        for event in events:
            event.rel = event.rel * (MAX_AGE_DAYS - end) // last
        age = MAX_AGE_DAYS
    opp.created = Moment(age)
    for event in events:
        event.at = Moment(age - event.rel)


def fresh_ending(story):
    """A fresh opportunity ends on a follow-up: the salesperson checked in lately."""
    if story.opp.overdue or story.opp.waiting or story.opp.stage >= SIGNED:
        return
    if not story.events[-1].is_followup:
        story.wait(0, 1)
        story.touch()


def settle_agreed_actions(opp):
    """Once placed: the agreed actions that came due were done, or not, as the
    salesperson's habits go; a few were done before they were even due."""
    habits = opp.user.habits
    for visit in [e for e in opp.events if isinstance(e, Visit) and e.state == "submitted"]:
        visit.followup = Moment(visit.at.days - visit.followup_gap, rng.choice([10, 14, 15, 16]) * 60)
        if visit.done:
            continue
        due = visit.followup.days >= 1
        if due and rng.random() < habits.done_rate:
            on_time = rng.random() < habits.on_time_rate or visit.followup.days < 2
            day = (
                rng.randint(visit.followup.days, visit.at.days)
                if on_time
                else rng.randint(1, visit.followup.days - 1)
            )
        elif not due and visit.at.days >= 2 and rng.random() < habits.early_rate:
            day = rng.randint(1, visit.at.days - 1)
        else:
            continue
        feedback = opp.fill(rng.choice(FEEDBACK[visit.action]))
        visit.done = ActionDone(visit=visit, feedback=feedback, seq=visit.seq + 0.5, at=Moment(day))
        opp.events.append(visit.done)


def set_times(opp):
    """Order the events and give them times of day, in working hours."""
    for event in opp.events:
        if isinstance(event, Visit) and event.state == "draft":
            event.at = Moment(-rng.randint(1, 5))  # planned
    opp.events.sort(key=lambda e: (-e.at.days, e.seq))
    day, minute = None, 0
    if isinstance(opp.created, Moment):
        day, minute = opp.created.days, rng.randint(9 * 60, 10 * 60 + 30)
        opp.created = Moment(day, minute)
    for event in opp.events:
        if event.at.days != day:
            day, minute = event.at.days, rng.randint(9 * 60, 10 * 60 + 30)
        else:
            minute = min(minute + rng.randint(20, 70), 18 * 60 + 30)
        event.at = Moment(day, minute)
    # a visit is submitted after it ends, before whatever it made possible that day
    for event, following in pairwise([*opp.events, None]):
        if isinstance(event, Visit) and event.state == "submitted":
            room = 240
            if following and following.at.days == event.at.days:
                room = following.at.minute - event.at.minute - 1
            event.submitted = event.at.later(rng.randint(min(15, room), room))


def plan_all(opportunities):
    summaries = {}
    for opp in opportunities:
        story = Story(opp, summaries)
        story.plan()
        fresh_ending(story)
        opp.events = story.events
        place(opp)
        settle_agreed_actions(opp)
        set_times(opp)
        check(opp)


def check(opp):
    """What the add-on will verify anyway, checked here to fail early and clearly."""
    past = [e for e in opp.events if not (isinstance(e, Visit) and e.state == "draft")]
    assert all(e.at.days >= 1 for e in past), opp.key
    if isinstance(opp.created, Moment):
        assert opp.created.days <= MAX_AGE_DAYS, opp.key
        assert all(e.at.key() > opp.created.key() for e in past), opp.key
    followups = [e.at.days for e in past if e.is_followup]
    if opp.stage < SIGNED and followups:
        assert (min(followups) > 3) == opp.overdue, (opp.key, min(followups), opp.overdue)
    for event, following in pairwise([*past, None]):
        if isinstance(event, Visit) and following:
            assert event.submitted.key() < following.at.key(), opp.key
        if isinstance(event, ActionDone):
            assert event.at.key() > event.visit.at.key(), opp.key
        if isinstance(event, Visit):
            assert event.followup.key() > event.at.key(), opp.key
