"""Real concurrent transactions on one opportunity.

Each unit of work runs in its own thread, cursor and transaction, and is
wrapped in ``retrying`` as Odoo's RPC layer wraps a call: serialization
failures and deadlocks are rolled back and retried, the rest is committed.
Everything is committed, so these tests run only on a throwaway copy of the
test database, named in SAA_CONCURRENCY_DB (scripts/test), never on the one
the other tests share.
"""

import os
import threading
import unittest
import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests.common import get_db_name, new_test_user

# Bounds, so that a hang fails the test instead of blocking the run.
BARRIER_TIMEOUT = 60
JOIN_TIMEOUT = 300
REMINDER_TYPES = (
    "sales_action_anchor.mail_activity_type_anchor_overdue",
    "sales_action_anchor.mail_activity_type_anchor_first_touch",
    "sales_action_anchor.mail_activity_type_anchor_checkin_morning",
    "sales_action_anchor.mail_activity_type_anchor_checkin_evening",
)


def noon_timezone(now):
    """A timezone where it is about noon now, so that no local day turns
    during the test ("Etc/GMT-9" is UTC+9: the sign is POSIX's)."""
    offset = 12 - now.hour
    return f"Etc/GMT{-offset:+d}"


def run_concurrently(dbname, works):
    """Run each ``(uid, work)`` at the same time, ``work(env)`` in its own
    transaction. The barrier holds each transaction after its snapshot is
    taken (a first read) until all have one, so that they truly overlap;
    retries start at once. Returns ``(results, errors)``, in order."""
    barrier = threading.Barrier(len(works), timeout=BARRIER_TIMEOUT)
    results, errors = [None] * len(works), [None] * len(works)

    def run(index, uid, work):
        threading.current_thread().dbname = dbname
        first_try = True

        def attempt():
            nonlocal first_try
            if first_try:
                first_try = False
                env.cr.execute("SELECT id FROM crm_lead LIMIT 1")  # the snapshot
                barrier.wait()
            return work(env)

        try:
            with Registry(dbname).cursor() as cr:
                env = api.Environment(cr, uid, {})
                results[index] = retrying(attempt, env)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors[index] = error
            barrier.abort()  # nobody waits for a thread that died

    threads = [
        threading.Thread(target=run, args=(index, uid, work), daemon=True)
        for index, (uid, work) in enumerate(works)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError(f"A transaction was still running after {JOIN_TIMEOUT} s")
    return results, errors


class ConcurrencyCase(unittest.TestCase):
    """Salesperson A owns the opportunities; B (all leads) and the jobs work
    on them too. Both are members of the add-on's anchor team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dbname = get_db_name()
        if os.environ.get("SAA_CONCURRENCY_DB") != cls.dbname:
            raise unittest.SkipTest("These tests commit: set SAA_CONCURRENCY_DB to a throwaway copy's name.")
        cls.registry = Registry(cls.dbname)
        cls.now = fields.Datetime.now()
        cls.tz = noon_timezone(cls.now)
        tag = uuid.uuid4().hex[:8]
        with cls.transaction() as env:
            team = env.ref("sales_action_anchor.crm_team_anchor")
            cls.user_a = new_test_user(
                env, f"conc_a_{tag}", groups="sales_team.group_sale_salesman", name="Rep A", tz=cls.tz
            ).id
            cls.user_b = new_test_user(
                env,
                f"conc_b_{tag}",
                groups="sales_team.group_sale_salesman_all_leads",
                name="Rep B",
                tz=cls.tz,
            ).id
            team.member_ids |= env["res.users"].browse([cls.user_a, cls.user_b])
            cls.partner = env["res.partner"].create({"name": f"并发测试客户 {tag}", "is_company": True}).id
            # Settle what the demo data leaves to the jobs, so that the jobs
            # run during the tests only meet the tests' own records.
            env["crm.lead"]._anchor_sync_overdue()
            env["crm.lead"]._anchor_sync_first_touch_sla()
            env["crm.anchor.expectation"]._cron_anchor_missed()
            env["crm.anchor.checkin"]._cron_anchor_checkins()

    @classmethod
    @contextmanager
    def transaction(cls, uid=SUPERUSER_ID):
        """An environment in a transaction of its own, committed at the end."""
        with cls.registry.cursor() as cr:
            yield api.Environment(cr, uid, {})

    @classmethod
    def _lead(cls, env, days_since_touch=5):
        """An opportunity of A, last touched ``days_since_touch`` days ago
        (imported history: the overdue flag is left to the job)."""
        lead = (
            env["crm.lead"]
            .with_user(cls.user_a)
            .create(
                {
                    "name": f"并发商机 {uuid.uuid4().hex[:6]}",
                    "type": "opportunity",
                    "partner_id": cls.partner,
                    "team_id": env.ref("sales_action_anchor.crm_team_anchor").id,
                    "stage_id": env.ref("sales_action_anchor.stage_anchor_lead").id,
                    "user_id": cls.user_a,
                }
            )
        )
        evidence = env["ir.attachment"].create(
            {"name": "wechat.txt", "raw": "客户：下周可以来看样品".encode()}
        )
        env["crm.anchor.touch"].create(
            {
                "lead_id": lead.id,
                "user_id": cls.user_a,
                "date": cls.now - timedelta(days=days_since_touch),
                "method": "wechat",
                "customer_words": "现在的供应商老是延期交货",
                "evidence_attachment_ids": [(6, 0, evidence.ids)],
                "state": "done",
            }
        )
        return lead.sudo()

    @classmethod
    def _visit_vals(cls, lead, user_id, **vals):
        return {
            "lead_id": lead.id,
            "user_id": user_id,
            "pain_category_id": lead.env.ref("sales_action_anchor.pain_category_price").id,
            # Unique per visit: a summary may not repeat the salesperson's earlier ones.
            "pain_summary": f"客户说安装太慢，影响工地交付进度 {uuid.uuid4().hex[:8]}",
            "value_point": "预装配方案，安装时间减半",
            "agreed_action": "arrange_demo",
            "date_next_followup": cls.now + timedelta(days=1),
            "followup_channel": "onsite",
            **vals,
        }

    def _reminder_duplicates(self, env):
        """(model, record, type) of the job's reminders that exist more than once."""
        types = [env.ref(xmlid).id for xmlid in REMINDER_TYPES]
        groups = env["mail.activity"]._read_group(
            [("activity_type_id", "in", types)], ["res_model", "res_id", "activity_type_id"], ["__count"]
        )
        return [group[:3] for group in groups if group[3] > 1]

    def assertNoErrors(self, errors):
        self.assertEqual([repr(error) for error in errors if error], [])


class TestConcurrency(ConcurrencyCase):
    def test_two_salespeople_and_the_jobs_on_one_opportunity(self):
        with self.transaction() as env:
            lead = self._lead(env)
            visits = env["crm.anchor.visit"].create(
                [
                    # Visited yesterday: reported late, and the "missed" job wants them too.
                    self._visit_vals(lead, self.user_a, date_visit=self.now - timedelta(hours=26)),
                    self._visit_vals(lead, self.user_b, date_visit=self.now - timedelta(hours=25)),
                ]
            )
            day = visits[0].date_visit_local_day
            env["crm.anchor.checkin"].create(
                [
                    {"user_id": user, "team_id": lead.team_id.id, "date": day}
                    for user in (self.user_a, self.user_b)
                ]
            )
            lead_id, (visit_a, visit_b) = lead.id, visits.ids

        def submit(visit_id):
            return lambda env: env["crm.anchor.visit"].browse(visit_id).action_submit()

        def jobs(env):
            env["crm.lead"]._cron_anchor_overdue()
            env["crm.anchor.expectation"]._cron_anchor_missed()
            env["crm.anchor.checkin"]._cron_anchor_checkins()

        _results, errors = run_concurrently(
            self.dbname,
            [(self.user_a, submit(visit_a)), (self.user_b, submit(visit_b)), (SUPERUSER_ID, jobs)],
        )
        self.assertNoErrors(errors)

        with self.transaction() as env:
            lead = env["crm.lead"].browse(lead_id)
            visits = env["crm.anchor.visit"].browse([visit_a, visit_b])
            self.assertEqual(visits.mapped("state"), ["submitted", "submitted"])
            agreed = env["mail.activity"].search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "=", lead_id),
                    (
                        "activity_type_id",
                        "=",
                        env.ref("sales_action_anchor.mail_activity_type_anchor_agreed_action").id,
                    ),
                ]
            )
            self.assertEqual(agreed, visits.activity_id)
            self.assertEqual(len(agreed), 2)
            # Followed up yesterday: not overdue, whichever committed first.
            self.assertEqual(lead.date_last_followup, max(visits.mapped("date_visit")))
            self.assertFalse(lead.anchor_overdue)
            self.assertEqual(self._reminder_duplicates(env), [])
            self.assertFalse(
                env["mail.activity"].search(
                    [
                        ("res_model", "=", "crm.lead"),
                        ("res_id", "=", lead_id),
                        ("activity_type_id", "=", env.ref(REMINDER_TYPES[0]).id),
                    ]
                )
            )
            ledger = env["crm.anchor.expectation"].search([("lead_id", "=", lead_id)])
            self.assertEqual(
                sorted((row.kpi_code, row.visit_id.id, row.state) for row in ledger),
                sorted(
                    [
                        ("agreed_action", visit_a, "pending"),
                        ("agreed_action", visit_b, "pending"),
                        ("first_touch", False, "done_on_time"),
                        ("visit_complete", visit_a, "done_late"),
                        ("visit_complete", visit_b, "done_late"),
                    ]
                ),
            )
            checkins = env["crm.anchor.checkin"].search(
                [("user_id", "in", [self.user_a, self.user_b]), ("date", "=", visits[0].date_visit_local_day)]
            )
            self.assertEqual(checkins.mapped("visit_count"), [1, 1])
            self.assertEqual(set(checkins.mapped("visit_state")), {"late"})
            # The job settled the day's other parts meanwhile, without undoing the count.
            self.assertEqual(set(checkins.mapped("morning_state")), {"missed"})

    def test_offline_resend_twice_at_once_creates_one_visit(self):
        with self.transaction() as env:
            lead = self._lead(env, days_since_touch=1)
            vals = self._visit_vals(lead, self.user_a, date_visit=self.now - timedelta(hours=1))
            entry = {
                "client_uuid": str(uuid.uuid4()),
                **{key: vals[key] for key in ("lead_id", "pain_category_id", "pain_summary", "value_point")},
                "agreed_action": "send_quote",
                "followup_channel": "phone",
                "date_visit": fields.Datetime.to_string(vals["date_visit"]),
                "date_next_followup": fields.Datetime.to_string(vals["date_next_followup"]),
                "quick_note": "客户说安装太慢",
            }

        def sync(env):
            return env["crm.anchor.mobile"].sync_entries([entry])

        results, errors = run_concurrently(self.dbname, [(self.user_a, sync), (self.user_a, sync)])
        self.assertNoErrors(errors)
        self.assertEqual(sorted(result[0]["status"] for result in results), ["created", "duplicate"])
        with self.transaction() as env:
            visits = env["crm.anchor.visit"].search([("client_uuid", "=", entry["client_uuid"])])
            self.assertEqual(len(visits), 1)
            self.assertEqual(visits.state, "submitted")
            self.assertTrue(visits.activity_id)
            self.assertEqual(
                env["crm.anchor.expectation"].search_count([("visit_id", "=", visits.id)]), 2
            )  # report and agreed action, once each

    def test_overdue_job_twice_at_once_creates_one_reminder(self):
        with self.transaction() as env:
            lead_id = self._lead(env).id

        def job(env):
            env["crm.lead"]._cron_anchor_overdue()

        _results, errors = run_concurrently(self.dbname, [(SUPERUSER_ID, job), (SUPERUSER_ID, job)])
        self.assertNoErrors(errors)
        with self.transaction() as env:
            lead = env["crm.lead"].browse(lead_id)
            self.assertTrue(lead.anchor_overdue)
            self.assertEqual(
                lead.activity_ids.activity_type_id,
                env.ref("sales_action_anchor.mail_activity_type_anchor_overdue"),
            )
            self.assertEqual(self._reminder_duplicates(env), [])

    def test_checkin_job_twice_at_once_creates_one_reminder_per_part(self):
        tag = uuid.uuid4().hex[:8]
        with self.transaction() as env:
            team = env.ref("sales_action_anchor.crm_team_anchor")
            users = env["res.users"].concat(
                *[
                    new_test_user(
                        env, f"conc_{name}_{tag}", groups="sales_team.group_sale_salesman", tz=self.tz
                    )
                    for name in ("c", "d")
                ]
            )
            team.member_ids |= users
            user_ids = users.ids

        def morning_deadline_in(hours):
            """Where these salespeople are; its reminder is due from an hour before."""
            local = pytz.utc.localize(fields.Datetime.now()).astimezone(pytz.timezone(self.tz))
            with self.transaction() as env:
                env.ref("sales_action_anchor.crm_team_anchor").anchor_morning_deadline = (
                    local.hour + local.minute / 60 + hours
                )

        def job(env):
            env["crm.anchor.checkin"]._cron_anchor_checkins()

        # The first runs of the day create the check-ins; later ones remind.
        morning_deadline_in(3)
        _results, errors = run_concurrently(self.dbname, [(SUPERUSER_ID, job), (SUPERUSER_ID, job)])
        self.assertNoErrors(errors)
        morning_deadline_in(0.5)
        _results, errors = run_concurrently(self.dbname, [(SUPERUSER_ID, job), (SUPERUSER_ID, job)])
        self.assertNoErrors(errors)
        with self.transaction() as env:
            checkins = env["crm.anchor.checkin"].search([("user_id", "in", user_ids)])
            self.assertEqual(len(checkins), 2)
            morning = env.ref("sales_action_anchor.mail_activity_type_anchor_checkin_morning")
            for checkin in checkins:
                self.assertEqual(checkin.activity_ids.activity_type_id, morning)
            self.assertEqual(self._reminder_duplicates(env), [])
