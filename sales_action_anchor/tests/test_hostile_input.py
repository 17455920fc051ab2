"""Hostile input (see hostile.py) against the visit, the touch and the stage gates."""

from datetime import timedelta

import pytz
from freezegun import freeze_time
from hypothesis import example, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..exceptions import InvalidFieldsError
from ..lib import text_quality
from .common import NOW
from .hostile import (
    ATTACHMENTS,
    CI,
    DATETIMES,
    EVIDENCE,
    FUTURE,
    HOSTILE_TEXT,
    JSON,
    LONG_SUMMARY,
    PAST,
    SUMMARIES,
    TIMEZONES,
    TYPED_TEXT,
    VALUE_POINTS,
    HostileCase,
    as_chatter,
    either,
    in_future,
    in_range,
    out_of_range,
    unsavable,
)


@tagged("post_install", "-at_install")
class TestHostileInput(HostileCase):
    """The visit's three elements and dates, the touch's words and evidence, forced stage moves."""

    # ------------------------------------------------------------------
    # Visit: the three elements
    # ------------------------------------------------------------------

    def _visit_text_refusals(self, summary, value, note, action):
        """The rules a submitted visit with these texts breaks."""
        labels = {"Pain Point": summary, "Value Offered": value, "Agreed Action Details": note}
        nul = [(UserError, unsavable(label)) for label, text in labels.items() if "\x00" in text]
        if nul:
            return nul
        missing = [
            label
            for label, present in (
                ("pain point", summary.strip()),
                ("value offered", value.strip()),
                ("agreed action details", action != "other" or note.strip()),
            )
            if not present
        ]
        problems = [self._incomplete(missing)] if missing else []
        if summary.strip() and not text_quality.is_substantial(summary.strip(), 4, 3):
            problems.append("The pain point is too short: write at least 4 Chinese characters or 3 words.")
        if len(value.strip()) > 50:
            problems.append(f"The value offered must fit in 50 characters (it has {len(value.strip())}).")
        return [(InvalidFieldsError, "\n".join(problems))] if problems else []

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=50)
    @given(
        case=either(
            st.fixed_dictionaries({"summary": SUMMARIES, "value": VALUE_POINTS, "note": TYPED_TEXT}),
            st.fixed_dictionaries({"summary": HOSTILE_TEXT, "value": HOSTILE_TEXT, "note": HOSTILE_TEXT}),
        ),
        action=st.sampled_from(["send_proposal", "arrange_demo", "provide_samples", "send_quote", "other"]),
        channel=st.sampled_from(["phone", "wechat", "onsite", "email", "video"]),
    )
    # A pasted essay: its repeat-detection key once overflowed the btree index (a server error).
    @example(
        case=(True, {"summary": LONG_SUMMARY, "value": "预装配方案", "note": "现场"}),
        action="arrange_demo",
        channel="onsite",
    )
    def test_visit_submission_with_hostile_text(self, case, action, channel):
        valid, texts = case
        self._count_outcome("valid input" if valid else "hostile input")
        summary, value, note = texts["summary"], texts["value"], texts["note"]
        refusals = self._visit_text_refusals(summary, value, note, action)
        self.assertEqual(refusals if valid else [], [], "the strategy of valid texts made invalid ones")
        with self._example():
            vals = self._visit_vals(
                self.visit_lead,
                pain_summary=summary,
                value_point=value,
                agreed_action=action,
                agreed_action_note=note,
                followup_channel=channel,
                date_next_followup=NOW + timedelta(days=1),
                state="submitted",
            )
            Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
            visit, _error = self._attempt(lambda: Visit.create(vals), refusals)
            if visit:
                visit.invalidate_recordset()
                self.assertEqual(
                    (visit.pain_summary, visit.value_point, visit.agreed_action_note, visit.state),
                    (summary, value, note, "submitted"),
                )
                # The agreed action's activity carries the note as typed (a Char, shown escaped).
                label = dict(Visit._fields["agreed_action"]._description_selection(self.env))[action]
                self.assertEqual(visit.activity_id.summary, " – ".join(filter(None, [label, note])))

    def _visit_dates_refusals(self, date_visit, followup, duration):
        """The rules a visit submitted with these dates and duration breaks, at NOW."""
        ranges = [
            (UserError, out_of_range(label))
            for label, moment in (("Next Follow-up", followup), ("Visit Date", date_visit))
            if not in_range(moment)
        ]
        if ranges:
            return ranges
        refusals = []
        if not 0 <= duration <= 24:  # NaN too
            refusals.append((ValidationError, "A visit lasts between 0 and 24 hours."))
        if date_visit > NOW + timedelta(minutes=10):
            refusals.append((ValidationError, in_future("Visit Date")))
        if followup <= NOW:
            refusals.append((InvalidFieldsError, "The next follow-up must be in the future."))
        return refusals

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=40)
    @given(
        case=either(
            st.tuples(PAST, FUTURE, st.floats(0, 24)),
            st.tuples(DATETIMES, DATETIMES, st.floats(allow_nan=True, allow_infinity=True)),
        ),
        tz=st.sampled_from(TIMEZONES),
    )
    def test_visit_dates_durations_and_timezones(self, case, tz):
        valid, (date_visit, followup, duration) = case
        self._count_outcome("valid input" if valid else "hostile input")
        refusals = self._visit_dates_refusals(date_visit, followup, duration)
        self.assertEqual(refusals if valid else [], [], "the strategy of valid dates made invalid ones")
        with self._example():
            self.salesman.tz = tz
            vals = self._visit_vals(
                self.visit_lead,
                date_visit=date_visit,
                date_next_followup=followup,
                visit_duration=duration,
                state="submitted",
            )
            Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
            visit, _error = self._attempt(lambda: Visit.create(vals), refusals)
            if visit:
                visit.invalidate_recordset()
                self.assertEqual((visit.date_visit, visit.date_next_followup), (date_visit, followup))
                self.assertEqual(visit.visit_duration, duration)
                # The activity is due on the follow-up's day where the salesperson is.
                local = pytz.utc.localize(followup).astimezone(pytz.timezone(tz))
                self.assertEqual(visit.activity_id.date_deadline, local.date())

    @settings(CI, max_examples=20)
    @given(case=either(TYPED_TEXT, st.one_of(HOSTILE_TEXT, JSON)))
    def test_visit_reopen_reason(self, case):
        valid, reason = case
        self._count_outcome("valid input" if valid else "hostile input")
        if not isinstance(reason, str) or not reason.strip():
            refusals = [(UserError, "Give the reason for reopening the visit.")]
        elif "\x00" in reason:
            refusals = [(UserError, unsavable("Reason"))]
        else:
            refusals = []
        self.assertEqual(refusals if valid else [], [], "the strategy of valid reasons made invalid ones")
        with self._example():
            visit = self._visit(self.visit_lead, date_next_followup=self._followup(), state="submitted")
            messages = visit.message_ids
            _done, error = self._attempt(
                lambda: visit.with_user(self.manager).action_reopen(reason), refusals
            )
            if not error:
                self.assertEqual(visit.state, "draft")
                logged = (visit.message_ids - messages).filtered(lambda m: "reopened" in str(m.body))
                self.assertEqual(
                    [str(message.body) for message in logged],
                    [as_chatter(f"Visit reopened by {self.manager.name}. Reason: {reason}")],
                )
                self.assertNoMarkupFrom(logged.body, reason)

    # ------------------------------------------------------------------
    # Touch: customer's words and evidence
    # ------------------------------------------------------------------

    def _touch_refusals(self, words, evidence, moment):
        """The rules a touch logged with these words, evidence and date breaks, at NOW."""
        refusals = [(UserError, unsavable("Customer's Own Words"))] if "\x00" in words else []
        if not in_range(moment):
            refusals.append((UserError, out_of_range("Date")))
        if refusals:
            return refusals
        if moment > NOW + timedelta(minutes=10):
            refusals.append((ValidationError, in_future("Date")))
        missing = [
            label
            for label, present in (
                ("customer's own words", words.strip()),
                ("evidence (call screenshot or chat excerpt)", evidence),
            )
            if not present
        ]
        if missing:
            refusals.append((ValidationError, self._incomplete(missing)))
        return refusals

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=30)
    @given(
        case=either(
            st.tuples(TYPED_TEXT, st.lists(EVIDENCE, min_size=1, max_size=2), PAST),
            st.tuples(HOSTILE_TEXT, st.lists(ATTACHMENTS, max_size=2), DATETIMES),
        )
    )
    def test_touch_with_hostile_words_and_evidence(self, case):
        valid, (words, evidence, date) = case
        self._count_outcome("valid input" if valid else "hostile input")
        refusals = self._touch_refusals(words, evidence, date)
        self.assertEqual(refusals if valid else [], [], "the strategy of valid touches made invalid ones")
        with self._example():
            attachments = self.env["ir.attachment"].with_user(self.salesman).create(evidence)
            vals = {
                "lead_id": self.lead.id,
                "user_id": self.salesman.id,
                "method": "wechat",
                "date": date,
                "customer_words": words,
                "evidence_attachment_ids": [(6, 0, attachments.ids)],
                "state": "done",
            }
            Touch = self.env["crm.anchor.touch"].with_user(self.salesman)
            touch, _error = self._attempt(lambda: Touch.create(vals), refusals)
            if touch:
                touch.invalidate_recordset()
                self.assertEqual((touch.customer_words, touch.date, touch.date_logged), (words, date, NOW))
                self.assertEqual(touch.evidence_attachment_ids, attachments)
                self.assertEqual(self.lead.date_first_touch, date)

    def test_refusals_are_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        Visit = self.env["crm.anchor.visit"].with_user(self.salesman).with_context(lang="zh_CN")
        vals = self._visit_vals(
            self.visit_lead, pain_summary="客户说安装\x00太慢", visit_duration=float("nan")
        )
        with self.assertRaises(UserError) as caught:
            Visit.create(vals)
        self.assertIn("含有无法保存的字符", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            Visit.create(dict(vals, pain_summary="客户说安装太慢"))
        self.assertIn("一次拜访的时长应在 0 到 24 小时之间", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self.env["crm.anchor.dashboard"].with_context(lang="zh_CN").get_data("0001-01-01", "2026-01-31")
        self.assertIn("请选择 1900-01-01 至 2999-12-31 之间的时间段", str(caught.exception))

    def test_evidence_that_is_not_base64_never_reaches_the_touch(self):
        """Odoo refuses such an attachment itself (ir.attachment decodes ``datas``),
        before any anchor check: the touch then has no evidence and is refused."""
        with self.assertRaises(ValueError):
            self.env["ir.attachment"].create({"name": "x.png", "datas": "not base64!"})
        Touch = self.env["crm.anchor.touch"].with_user(self.salesman)
        _touch, error = self._attempt(
            lambda: Touch.create(
                {"lead_id": self.lead.id, "customer_words": "客户说价格太高", "state": "done"}
            ),
            [(ValidationError, self._incomplete(["evidence (call screenshot or chat excerpt)"]))],
        )
        self.assertIsNotNone(error)

    # ------------------------------------------------------------------
    # Stage gates: forced moves and documents
    # ------------------------------------------------------------------

    @settings(CI, max_examples=25)
    @given(
        stage=st.sampled_from(["lead", "visit", "proposal", "quote", "signed", "delivery"]),
        case=either(TYPED_TEXT, HOSTILE_TEXT),
        documents=st.lists(ATTACHMENTS, max_size=2),
    )
    def test_stage_gates_forced_with_a_hostile_reason(self, stage, case, documents):
        valid, reason = case
        self._count_outcome("valid input" if valid else "hostile input")
        if not reason.strip():
            refusals = [(ValidationError, "Give the reason for forcing the stage.")]
        elif "\x00" in reason:
            refusals = [(UserError, unsavable("Reason"))]
        else:
            refusals = []
        self.assertEqual(refusals if valid else [], [], "the strategy of valid reasons made invalid ones")
        # The lead is in Visit with its first touch, no visit submitted, a quote if documents.
        missing = {
            "proposal": "Visit submitted",
            "quote": "Proposal sent",
            "signed": None if documents else "Quote sent",
            "delivery": "Contract signed",
        }.get(stage)
        with self._example():
            lead = self.visit_lead
            attachments = self.env["ir.attachment"].create(documents)
            lead.anchor_quote_attachment_ids = attachments
            Wizard = self.env["crm.anchor.stage.force"].with_user(self.manager)
            messages = lead.message_ids

            def force():
                wizard = Wizard.create(
                    {"lead_id": lead.id, "stage_id": self.stage[stage].id, "reason": reason}
                )
                return wizard.action_confirm()

            _done, error = self._attempt(force, refusals)
            if not error:
                self.assertEqual(lead.stage_id, self.stage[stage])
                logged = (lead.message_ids - messages).filtered(lambda m: "Stage gate forced" in str(m.body))
                expected = (
                    f"Stage gate forced into {self.stage[stage].name} by {self.manager.name}. "
                    f"Missing evidence: {missing}. Reason: {reason}"
                )
                self.assertEqual(
                    [str(message.body) for message in logged],
                    [as_chatter(expected)] if missing else [],
                )
                for message in lead.message_ids - messages:
                    self.assertNoMarkupFrom(message.body, reason)
