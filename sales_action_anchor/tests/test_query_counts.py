from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from ..models import crm_lead_overdue
from .common import NOW, AnchorCase

# The large history is this many times the small one.
GROWTH = 10
# What the history's won visits offered: the talk template mining finds.
BEST_VALUE = "本地仓48小时到货"


class QueryCounts:
    """The hot paths, each in a fixed number of queries. The same tests run on
    a small history (TestQueryCountsSmall) and on ten times more
    (TestQueryCountsLarge) and pin the same numbers, exactly: a count that
    grows with the data fails one of the two, and one that drops is pinned
    lower in the same commit.

    Each operation runs once before it is measured, to fill the registry's
    caches as a running server has them; the record cache is emptied before
    each measure, as at the start of a request. The counts are those of the
    database scripts/test installs (the add-on and its demo data, fresh). (A mixin, so that no test
    runner runs these tests without a history.)"""

    UNITS = 0  # units of history, see _add_history()
    visits_made = 0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep_c = new_test_user(
            cls.env,
            "anchor_rep_qc",
            groups="sales_team.group_sale_salesman",
            name="Rep C",
            tz="Asia/Shanghai",
        )
        cls.team.member_ids |= cls.rep_c
        cls.reps = cls.salesman | cls.salesman_b | cls.rep_c
        with freeze_time(NOW):
            cls.evidence = cls._evidence()
            # The salesperson's regular customer: the opportunity whose own history grows too.
            cls.regular = cls._lead(
                stage="visit", name="年度框架协议", date_first_touch=NOW - timedelta(days=400)
            )
            cls._add_history(cls.UNITS)

    # ------------------------------------------------------------------
    # History
    # ------------------------------------------------------------------

    @classmethod
    def _add_history(cls, units):
        """``units`` units of history, made as an import would and settled as
        the scheduled jobs leave it, dated over the past year. A unit: for each
        salesperson an opportunity in Lead with a touch, one in Visit with a
        submitted visit, and a past day's check-in; an opportunity in Quote and
        a won one with a submitted visit; and on the regular customer's
        opportunity two more visits and a touch. Each visit brings its ledger
        rows and its agreed action's activity."""
        env = cls.env(
            su=True,
            context=dict(
                cls.env.context,
                # No chatter messages nor e-mails: they would only slow the set-up down.
                mail_create_nolog=True,
                mail_notrack=True,
                mail_auto_subscribe_no_notify=True,
                mail_activity_quick_update=True,
            ),
        )
        lead_vals, days = [], []
        for unit in range(units):
            day = NOW - timedelta(days=2 + unit * 30 % 360)
            for rep in cls.reps:
                lead_vals += [cls._history_lead(f"{unit} {rep.name}", rep, "lead", day)]
                lead_vals += [cls._history_lead(f"{unit} {rep.name}", rep, "visit", day)]
            rep = cls.reps[unit % len(cls.reps)]
            lead_vals += [cls._history_lead(unit, rep, stage, day) for stage in ("quote", "signed")]
            days.append(day)
        # Each opportunity with a customer of its own: what is read per customer shows.
        customers = env["res.partner"].create(
            [{"name": f"历史客户 {vals['name']}", "is_company": True} for vals in lead_vals]
        )
        for vals, customer in zip(lead_vals, customers, strict=True):
            vals["partner_id"] = customer.id
        leads = env["crm.lead"].create(lead_vals)
        touches, visits, checkins = [], [], []
        for lead in leads:
            day = lead.date_first_touch
            if lead.stage_id == cls.stage["lead"]:
                touches.append(cls._history_touch(lead, day))
            else:
                visits.append(cls._history_visit(lead, day - timedelta(hours=2)))
        for unit, day in enumerate(days):
            visits += [cls._history_visit(cls.regular, day - timedelta(days=offset)) for offset in (1, 2)]
            touches.append(cls._history_touch(cls.regular, day - timedelta(days=3)))
            checkins += [
                {
                    "user_id": rep.id,
                    "team_id": cls.team.id,
                    "date": (NOW - timedelta(days=1 + unit)).date(),
                    "morning_need": f"第{unit}天：交期要稳定",
                    "morning_state": "on_time",
                    "evening_state": "missed",
                }
                for rep in cls.reps
            ]
        env["crm.anchor.touch"].create(touches)
        env["crm.anchor.visit"].create(visits)
        env["crm.anchor.checkin"].create(checkins)
        env["crm.anchor.expectation"]._cron_anchor_missed()
        env["crm.lead"]._anchor_sync_overdue()
        env["crm.lead"]._anchor_sync_first_touch_sla()
        env.flush_all()

    @classmethod
    def _history_lead(cls, name, rep, stage, day):
        evidence = {"date_first_touch": day, "date_proposal_sent": day, "date_quote_sent": day}
        return {
            "name": f"History {name} {stage}",
            "type": "opportunity",
            "team_id": cls.team.id,
            "user_id": rep.id,
            "stage_id": cls.stage[stage].id,
            **(evidence if stage != "lead" else {"date_first_touch": day}),
        }

    @classmethod
    def _history_touch(cls, lead, date):
        return {
            "lead_id": lead.id,
            "user_id": lead.user_id.id,
            "date": date,
            "method": "phone",
            "customer_words": "客户说交期要再确认",
            "evidence_attachment_ids": [(6, 0, cls.evidence.ids)],
            "state": "done",
        }

    @classmethod
    def _history_visit(cls, lead, date):
        # Alike enough to make one talk template, never twice the same (which the anchor check refuses).
        cls.visits_made += 1
        return cls._visit_vals(
            lead,
            date_visit=date,
            date_next_followup=date + timedelta(days=1),
            pain_summary=f"交期太长，到货太慢，影响工地施工，第{cls.visits_made}次反馈",
            value_point=BEST_VALUE,
            state="submitted",
        )

    def _warm_up(self, operation):
        """Run ``operation`` once, and what a commit would run after it (the
        chatter's tracking): the registry's caches are then as warm as on a
        server that already did it."""
        self.env.invalidate_all()
        operation()
        self.env.flush_all()
        self.env.cr.flush()

    def _measure(self, expected, operation):
        """Run ``operation`` on an empty record cache in exactly ``expected``
        queries, those of the commit that follows included. Exactly: Odoo's
        ``assertQueryCount`` is a ceiling (fewer queries only log a line), so
        the large history could use slack the small one leaves."""
        self.env.invalidate_all()
        with patch("random.random", lambda: 1):  # no garbage collection of the bus on the way
            # As assertQueryCount: the current user is loaded before counting.
            self.env.user.login  # noqa: B018  # pylint: disable=pointless-statement
            self.env.flush_all()
            self.env.cr.flush()
            start = self.cr.sql_log_count
            result = operation()
            self.env.flush_all()
            self.env.cr.flush()
            count = self.cr.sql_log_count - start
        self.assertEqual(
            count,
            expected,
            f"{count} queries where {expected} are pinned, with {self.UNITS} units of history: "
            "more is a regression; fewer is progress, pin the new number in the same commit.",
        )
        return result

    # ------------------------------------------------------------------
    # Salespeople
    # ------------------------------------------------------------------

    def test_submit_visit(self):
        """A visit to the regular customer, on a day with a check-in to recount."""
        self.env["crm.anchor.checkin"].create(
            [{"user_id": rep.id, "team_id": self.team.id, "date": NOW.date()} for rep in self.reps]
        )
        Visit = self.env["crm.anchor.visit"].with_user(self.salesman)

        def new_visit(**vals):
            visit = Visit.create(self._visit_vals(self.regular, **vals))
            self.env.cr.flush()  # as the request that created it ends
            return visit

        # Twice: the first submission subscribes the salesperson, which the next ones do not.
        self._warm_up(new_visit(pain_summary="第一次拜访，确认需求和预算").action_submit)
        self._warm_up(new_visit(pain_summary="第二次拜访，带样品给客户看").action_submit)
        visit = new_visit()
        # 28 since the ledger's daily summary (26 before): its UPSERT, the time zones of its day.
        self._measure(28, visit.action_submit)
        self.assertEqual(visit.state, "submitted")
        # Its history, the draft prepared when it entered Visit, and the three visits above.
        self.assertEqual(self.regular.visit_count, 2 * self.UNITS + 4)

    def test_stage_gates(self):
        """Visit → Proposal checks the submitted visits; Proposal → Quote checks
        the proposal and opens the obligation to send the quote."""

        def ready(lead):
            # With a submitted visit and a proposal sent, both gates open.
            self._visit(lead, pain_summary=f"{lead.name}：客户说安装太慢，影响交付").action_submit()
            lead.sudo().date_proposal_sent = NOW
            self.env.flush_all()
            self.env.cr.flush()
            return lead.with_user(self.salesman)

        def move(lead, stage):
            return lambda: lead.write({"stage_id": self.stage[stage].id})

        for name in ("样品试单", "配件试单"):
            warm = ready(self._lead(stage="visit", name=name, date_first_touch=NOW))
            self._warm_up(move(warm, "proposal"))
            self._warm_up(move(warm, "quote"))
        lead = ready(self.regular)
        # The stage entry the move records, and base_automation's search for its rules (2 queries).
        self._measure(31, move(lead, "proposal"))
        self._measure(35, move(lead, "quote"))
        self.assertEqual(lead.stage_id, self.stage["quote"])

    def test_mobile_home(self):
        mobile = self.env["crm.anchor.mobile"].with_user(self.salesman)
        self._warm_up(mobile.get_home)
        home = self._measure(19, mobile.get_home)
        # Each unit leaves the regular customer's agreed action and one of a history opportunity due.
        self.assertGreaterEqual(len(home["due"]), self.UNITS)

    # ------------------------------------------------------------------
    # Managers
    # ------------------------------------------------------------------

    def test_dashboard_month_and_year(self):
        dashboard = self.env["crm.anchor.dashboard"].with_user(self.manager)

        def month():
            return dashboard.get_data("2026-03-01", "2026-03-31")

        def year():
            return dashboard.get_data("2025-04-01", "2026-03-31")

        self._warm_up(month)
        self._warm_up(year)
        self._measure(19, month)
        data = self._measure(19, year)
        self.assertEqual(sum(row["visits"] for row in data["ranking"]["rows"]), 7 * self.UNITS)

    def test_report_pivots(self):
        """What the pivot views ask: figures by salesperson and month."""

        def pivot(model, measures, date_field):
            report = self.env[model].with_user(self.manager)
            return lambda: report.read_group([], measures, ["user_id", f"{date_field}:month"], lazy=False)

        penetration = pivot(
            "crm.anchor.penetration.report", ["expected_count:sum", "on_time_rate:avg"], "date_deadline"
        )
        quality = pivot(
            "crm.anchor.visit.report",
            ["visit_count:sum", "summary_chars:avg", "action_done_rate:avg", "followup_kept_rate:avg"],
            "date_visit",
        )
        self._warm_up(penetration)
        self._warm_up(quality)
        # The salespeople come in name order from the grouping query itself.
        self._measure(6, penetration)
        rows = self._measure(6, quality)
        self.assertGreaterEqual(sum(row["visit_count"] for row in rows), 7 * self.UNITS)

    def test_morning_views(self):
        morning = self.env["crm.anchor.morning"].with_user(self.manager)

        def data():
            return morning.get_data("2025-04-01", "2026-03-31")

        self._warm_up(data)
        # 16 since the analysis layer counts in the company's time zone (14 before).
        result = self._measure(16, data)
        self.assertGreaterEqual(len(result["heatmap"]["cells"]), 3 * self.UNITS)

    # ------------------------------------------------------------------
    # Scheduled jobs
    #
    # A run does at most one batch (made small here) and reports what is
    # left; its queries are those of a batch, whatever the rows waiting and
    # the history. Creating a reminder for someone else costs Odoo's own
    # assignment e-mail (about 15 queries each) and a subscription per
    # salesperson: part of the batch's count, hence the batch size.
    # ------------------------------------------------------------------

    def _new_leads(self, count, days_ago):
        """``count`` opportunities created ``days_ago`` days ago, never touched."""
        with freeze_time(NOW - timedelta(days=days_ago)):
            return self.env["crm.lead"].create(
                [
                    {
                        "name": f"Quiet {index}",
                        "type": "opportunity",
                        "partner_id": self.customer.id,
                        "team_id": self.team.id,
                        "user_id": self.reps[index % len(self.reps)].id,
                        "stage_id": self.stage["lead"].id,
                    }
                    for index in range(count)
                ]
            )

    def _quiet_leads(self, count, days_ago):
        """``count`` opportunities last followed up ``days_ago`` days ago."""
        leads = self._new_leads(count, days_ago)
        with freeze_time(NOW - timedelta(days=days_ago)):
            self.env["crm.anchor.touch"].create(
                [self._history_touch(lead, NOW - timedelta(days=days_ago)) for lead in leads]
            )
        return leads

    def _run_cron(self, expected, xmlid):
        """Run what the job ``xmlid`` runs (``model.<method>()``) as the
        scheduler does, with a record of its progress, in ``expected``
        queries; return the progress."""
        cron = self.env.ref(xmlid)
        _cron, progress = cron._add_progress()
        model = self.env[cron.model_id.model].with_context(ir_cron_progress_id=progress.id)
        self._measure(expected, getattr(model, cron.code.removeprefix("model.").removesuffix("()")))
        return progress

    def test_overdue_cron(self):
        Lead = self.env["crm.lead"]
        self._quiet_leads(2, days_ago=5)
        self._warm_up(Lead._cron_anchor_overdue)
        quiet = self._quiet_leads(2 * self.UNITS, days_ago=5)
        with patch.object(crm_lead_overdue, "CRON_BATCH_SIZE", 3):
            progress = self._run_cron(66, "sales_action_anchor.ir_cron_anchor_overdue")
        self.assertEqual((progress.done, progress.remaining), (3, 2 * self.UNITS - 3))
        self.assertEqual(quiet.mapped("anchor_overdue").count(True), 3)

    def test_first_touch_sla_cron(self):
        Lead = self.env["crm.lead"]
        self._new_leads(2, days_ago=3)
        self._warm_up(Lead._cron_anchor_first_touch_sla)
        waiting = self._new_leads(2 * self.UNITS, days_ago=3)
        with patch.object(crm_lead_overdue, "CRON_BATCH_SIZE", 3):
            progress = self._run_cron(67, "sales_action_anchor.ir_cron_anchor_first_touch_sla")
        self.assertEqual((progress.done, progress.remaining), (3, 2 * self.UNITS - 3))
        self.assertEqual(waiting.mapped("first_touch_sla_status").count("breached"), 3)

    def test_missed_cron(self):
        """Set-based: as many queries for 4 or 40 obligations to mark missed."""
        Ledger = self.env["crm.anchor.expectation"]
        self._new_leads(2, days_ago=3)
        self._warm_up(Ledger._cron_anchor_missed)
        late = self._new_leads(2 * self.UNITS, days_ago=3)
        # 7 since the ledger's daily summary (3 before): the batch's rows, their time zones
        # (company, salesperson), one UPSERT; per batch, not per row.
        progress = self._run_cron(7, "sales_action_anchor.ir_cron_anchor_expectation_missed")
        self.assertEqual((progress.done, progress.remaining), (2 * self.UNITS, 0))
        self.assertEqual(set(Ledger.search([("lead_id", "in", late.ids)]).mapped("state")), {"missed"})

    def test_checkin_cron(self):
        """Each run opens the day's check-ins and settles the day before's."""
        Checkin = self.env["crm.anchor.checkin"]
        self._warm_up(Checkin._cron_anchor_checkins)
        with freeze_time(NOW + timedelta(days=1)):
            progress = self._run_cron(99, "sales_action_anchor.ir_cron_anchor_checkins")
        opened = Checkin.search([("date", "=", (NOW + timedelta(days=1)).date())])
        self.assertGreaterEqual(opened.user_id, self.reps)
        # Today's, and yesterday's whose evening part is now missed.
        self.assertEqual((progress.done, progress.remaining), (2 * len(opened), 0))

    def test_mine_templates_cron(self):
        Template = self.env["crm.anchor.template"]
        self._warm_up(Template._cron_anchor_mine_templates)
        progress = self._run_cron(29, "sales_action_anchor.ir_cron_anchor_mine_templates")
        template = Template.search([("what_to_say", "=", BEST_VALUE)])
        self.assertEqual(template.evidence_count, self.UNITS)
        self.assertGreaterEqual(progress.done, 1)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestQueryCountsSmall(QueryCounts, AnchorCase):
    UNITS = 2


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestQueryCountsLarge(QueryCounts, AnchorCase):
    UNITS = 2 * GROWTH
