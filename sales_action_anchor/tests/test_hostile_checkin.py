"""Hostile input (see hostile.py) against the daily check-ins."""

from datetime import datetime, time, timedelta

import pytz
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import format_list

from .common import NOW
from .hostile import (
    CI,
    DATE_MAX,
    DST_EDGES,
    HOSTILE_TEXT,
    NOT_STARTED,
    TIMEZONES,
    TYPED_TEXT,
    HostileCase,
    either,
    in_range,
    out_of_range,
    unsavable,
)


@tagged("post_install", "-at_install")
class TestHostileCheckin(HostileCase):
    """Morning and evening check-ins: days, time zones, needs and planned actions."""

    # ------------------------------------------------------------------
    # Daily check-ins
    # ------------------------------------------------------------------

    def _deadline(self, day, hour, tz):
        """``hour`` o'clock of ``day`` in ``tz``, as naive UTC."""
        local = pytz.timezone(tz).localize(datetime.combine(day, time.min) + timedelta(hours=hour))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _checkin_refusals(self, day, tz, need, with_partner, tops, planned):
        """The rules each step of a check-in breaks, at NOW: opening it, the
        morning part, the evening part."""
        if not in_range(day):
            return [(UserError, out_of_range("Date"))], None, None
        started = day <= pytz.utc.localize(NOW).astimezone(pytz.timezone(tz)).date()
        if "\x00" in need:
            morning = [(UserError, unsavable("Core Need"))]
        else:
            missing = [
                label
                for label, present in (
                    ("today's key customer", with_partner),
                    ("its core need", need.strip()),
                )
                if not present
            ]
            morning = (
                [(UserError, f"Morning check-in incomplete: {format_list(self.env, missing)}")]
                if missing
                else []
            )
        gaps = [name for name in tops if name not in planned]
        if len(tops) < 3:
            evening = [(UserError, "Choose tomorrow's TOP 3 opportunities first.")]
        elif gaps:
            names = format_list(self.env, ["门窗五金集采"] * len(gaps))
            evening = [
                (
                    UserError,
                    f"Action loop not closed, please complete: agree an action with a reminder for {names}",
                )
            ]
        else:
            evening = []
        return (
            [],
            morning or ([] if started else [(UserError, NOT_STARTED)]),
            evening or ([] if started else [(UserError, NOT_STARTED)]),
        )

    @freeze_time(NOW)  # once for all examples: freezing the clock takes time
    @settings(CI, max_examples=20)
    @given(
        case=either(
            st.fixed_dictionaries(
                {
                    "need": TYPED_TEXT,
                    "with_partner": st.just(True),
                    "tops": st.permutations(["lead", "other_lead", "visit_lead"]),
                    "planned": st.just(["lead", "other_lead", "visit_lead"]),
                    # Yesterday, today or tomorrow where it is already tomorrow (Kiritimati, Asia).
                    "day": st.sampled_from([NOW.date() - timedelta(days=1), NOW.date()]),
                    "tz": st.sampled_from(TIMEZONES[:-1]),
                }
            ),
            st.fixed_dictionaries(
                {
                    "need": HOSTILE_TEXT,
                    "with_partner": st.booleans(),
                    "tops": st.lists(
                        st.sampled_from(["lead", "other_lead", "visit_lead"]), max_size=4, unique=True
                    ),
                    "planned": st.lists(st.sampled_from(["lead", "other_lead", "visit_lead"]), unique=True),
                    "day": st.one_of(
                        st.dates(),
                        st.sampled_from([local.date() for _zone, local in DST_EDGES]),
                        st.integers(-2, 2).map(lambda days: NOW.date() + timedelta(days=days)),
                    ),
                    "tz": st.sampled_from(TIMEZONES),
                }
            ),
        )
    )
    def test_checkins_with_hostile_input(self, case):
        valid, values = case
        self._count_outcome("valid input" if valid else "hostile input")
        need, tops, day, tz = values["need"], values["tops"], values["day"], values["tz"]
        opening, morning_refusals, evening_refusals = self._checkin_refusals(
            day, tz, need, values["with_partner"], tops, values["planned"]
        )
        if valid:
            self.assertEqual(
                [opening, morning_refusals, evening_refusals], [[], [], []], "the valid check-in is not"
            )
        with self._example():
            self.salesman.tz = tz
            # Tomorrow's agreed actions the salesperson planned on these opportunities.
            for name in values["planned"]:
                getattr(self, name).sudo().activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=min(day, DATE_MAX) + timedelta(days=1),
                    user_id=self.salesman.id,
                )
            Checkin = self.env["crm.anchor.checkin"]
            checkin, _error = self._attempt(
                lambda: Checkin.create({"user_id": self.salesman.id, "team_id": self.team.id, "date": day}),
                opening,
            )
            if not checkin:
                return
            mine = checkin.with_user(self.salesman)
            partner = self.customer if values["with_partner"] else self.env["res.partner"]

            def morning():
                mine.write({"morning_partner_id": partner.id, "morning_need": need})
                return mine.action_checkin_morning()

            _done, error = self._attempt(morning, morning_refusals)
            if not error:
                checkin.invalidate_recordset()
                self.assertEqual((checkin.morning_need, checkin.date_morning_done), (need, NOW))
                deadline = self._deadline(day, self.team.anchor_morning_deadline, tz)
                self.assertEqual(checkin.morning_state, "on_time" if deadline >= NOW else "late")

            def evening():
                mine.write({"top_lead_ids": [(6, 0, [getattr(self, name).id for name in tops])]})
                return mine.action_checkin_evening()

            _done, error = self._attempt(evening, evening_refusals)
            if not error:
                checkin.invalidate_recordset()
                self.assertEqual(checkin.date_evening_done, NOW)
                deadline = self._deadline(day, self.team.anchor_evening_deadline, tz)
                self.assertEqual(checkin.evening_state, "on_time" if deadline >= NOW else "late")
