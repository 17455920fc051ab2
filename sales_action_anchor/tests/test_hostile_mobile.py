"""Hostile input (see hostile.py) against the mobile page's sync, and user text
shown in chatter, calendar, QR sheet and talk templates."""

import base64
import re
from datetime import timedelta

from freezegun import freeze_time
from hypothesis import example, given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NOW
from .hostile import (
    CI,
    DATETIMES,
    HOSTILE_TEXT,
    JSON,
    LONG_SUMMARY,
    PNG_1PX,
    SCRIPT,
    STORABLE_TEXT,
    TEXT,
    HostileCase,
    either,
    in_future,
    matches,
    out_of_range,
    unsavable,
)


@tagged("post_install", "-at_install")
class TestHostileMobile(HostileCase):
    """The mobile sync with malformed entries; user text stays text wherever it is shown."""

    # ------------------------------------------------------------------
    # Mobile sync
    # ------------------------------------------------------------------

    def _mobile_entry(self, uuid):
        return {
            "client_uuid": uuid,
            "lead_id": self.visit_lead.id,
            "date_visit": fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=1)),
            "pain_category_id": self.category_price.id,
            # Each entry its own pain point: a repeated one is refused.
            "pain_summary": f"客户说安装太慢，影响交付 {uuid}",
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

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=40)
    @given(data=st.data())
    def test_mobile_sync_with_malformed_entries(self, data):
        values = self._entry_values()
        entries, broken = [], []
        for index in range(data.draw(st.integers(1, 3), "entries")):
            entry = self._mobile_entry(f"hostile-{index}")
            keys = data.draw(st.sets(st.sampled_from(sorted(values)), max_size=4), "broken keys")
            for key in keys:
                if data.draw(st.booleans(), f"drop {key}"):
                    entry.pop(key)
                else:
                    entry[key] = data.draw(values[key], key)
            sent = data.draw(st.one_of(st.just(entry), JSON), "entry") if index == 2 else entry
            entries.append(sent)
            broken.append(bool(keys) or sent is not entry)
        with self._example():
            Visit = self.env["crm.anchor.visit"].sudo()
            before = self._row_counts()
            # A list of entries is never refused as a whole: each entry gets its outcome.
            results = self.env["crm.anchor.mobile"].with_user(self.salesman).sync_entries(entries)
            self.assertEqual(len(results), len(entries))
            if all(result["status"] == "refused" for result in results):
                self.assertEqual(self._row_counts(), before, "a refused entry left rows behind")
            received = set()
            for entry, is_broken, result in zip(entries, broken, results, strict=True):
                self._count_outcome(f"{'broken' if is_broken else 'valid'} entry {result['status']}")
                if not is_broken:
                    # An entry as the page sends it is received, whatever the others hold.
                    self.assertEqual(result["status"], "created", result["message"])
                if result["status"] == "refused":
                    self.assertTrue(
                        any(matches(expected, result["message"]) for expected in self.MOBILE_REFUSALS),
                        result["message"],
                    )
                    self.assertFalse(result["visit_id"])
                    continue
                # Only a second entry with the identifier of one received before is a duplicate.
                uuid = entry["client_uuid"].strip()
                self.assertEqual(result["status"], "duplicate" if uuid in received else "created")
                received.add(uuid)
                visit = Visit.browse(result["visit_id"])
                visit.invalidate_recordset()
                self.assertEqual(visit.client_uuid, uuid)
                self.assertEqual(visit.user_id, self.salesman)
                if result["status"] == "created":
                    # Stored as typed, but for the spaces around (the page's fields are trimmed).
                    for key in ("pain_summary", "value_point", "agreed_action_note"):
                        self.assertEqual(visit[key] or "", (entry.get(key) or "").strip())
            # A refused identifier may not even be searchable (a NUL character).
            created = Visit.search([("client_uuid", "in", list(received))])
            self.assertEqual(
                set(created.ids), {r["visit_id"] for r in results if r["status"] in ("created", "duplicate")}
            )

    # Every reason a malformed entry may be refused for, as the page shows it.
    MOBILE_REFUSALS = [
        "This entry has no identifier, so it cannot be received safely.",
        "This entry's identifier is not valid, so it cannot be received safely.",
        re.compile(
            r"This entry is malformed \((pain_summary|value_point|agreed_action|agreed_action_note"
            r"|followup_channel|quick_note) is not text\)\."
        ),
        re.compile(r"Unknown (Agreed Action|Follow-up Channel) “.+”\.", re.DOTALL),
        "This entry is malformed (the photo is not {name, data}).",
        "The opportunity of this visit no longer exists.",
        re.compile(
            r"Uh-oh! Looks like you have stumbled upon some top-secret records\.\n\n"
            r"Sorry, Rep A \(id=\d+\) doesn't have 'read' access to:\n- Lead/Opportunity \(crm\.lead\).*",
            re.DOTALL,
        ),
        "The photo could not be read; take it again.",
        "The photo must be an image.",
        re.compile(r"Unreadable date: .*", re.DOTALL),
        *(
            unsavable(label)
            for label in ("Pain Point", "Value Offered", "Agreed Action Details", "Client Entry ID")
        ),
        out_of_range("Visit Date"),
        out_of_range("Next Follow-up"),
        in_future("Visit Date"),
        # The anchor check: one line per problem.
        re.compile(
            r"((Action loop not closed, please complete: .+"
            r"|The pain point is too short: write at least 4 Chinese characters or 3 words\."
            r"|The value offered must fit in 50 characters \(it has \d+\)\."
            r"|The next follow-up must be in the future\.)(\n|$))+"
        ),
    ]

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=10)
    @given(case=either(st.integers(1, 3), JSON))
    def test_mobile_sync_with_anything_but_a_list(self, case):
        valid, entries = case
        self._count_outcome("valid input" if valid else "hostile input")
        with self._example():
            if valid:
                entries = [self._mobile_entry(f"listed-{index}") for index in range(entries)]
            refusals = [] if isinstance(entries, list) else [(UserError, "Send the entries as a list.")]
            Mobile = self.env["crm.anchor.mobile"].with_user(self.salesman)
            results, _error = self._attempt(lambda: Mobile.sync_entries(entries), refusals)
            if results is None:
                return
            if valid:
                self.assertEqual([r["status"] for r in results], ["created"] * len(entries))
            else:
                # What JSON makes of an entry is no dictionary with an identifier.
                self.assertEqual(
                    [(r["status"], r["message"]) for r in results],
                    [("refused", "This entry has no identifier, so it cannot be received safely.")]
                    * len(entries),
                )

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
    @given(case=either(st.tuples(STORABLE_TEXT, STORABLE_TEXT), st.tuples(HOSTILE_TEXT, HOSTILE_TEXT)))
    @example(case=(True, ("安装太慢", LONG_SUMMARY)))
    def test_talk_template_with_hostile_text(self, case):
        valid, (pain, what_to_say) = case
        self._count_outcome("valid input" if valid else "hostile input")
        refusals = [
            (UserError, unsavable(label))
            for label, text in (("Pain Point", pain), ("What to Say", what_to_say))
            if "\x00" in text
        ]
        self.assertEqual(refusals if valid else [], [], "the strategy of valid texts made invalid ones")
        with self._example():
            Template = self.env["crm.anchor.template"].with_user(self.manager)
            vals = {
                "pain_category_id": self.category_price.id,
                "pain_point": pain,
                "what_to_say": what_to_say,
            }
            template, _error = self._attempt(lambda: Template.create(vals), refusals)
            if template:
                template.invalidate_recordset()
                self.assertEqual((template.pain_point, template.what_to_say), (pain, what_to_say))
