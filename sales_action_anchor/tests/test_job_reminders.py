import json
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from ..models.mail_activity import MailActivity
from .common import NOW, AnchorCase


def odoo_one_by_one(self, vals_list):
    """Odoo's own path: each reminder created alone, and so notified by
    mail.activity.create() (action_notify) before its assignee follows the lead."""
    return self.browse([self.create(vals).id for vals in vals_list])


@tagged("post_install", "-at_install")
class TestJobReminders(AnchorCase):
    """The jobs write, for their reminders, exactly what Odoo writes when it
    creates the same activities one by one: the same activities and flags, the
    same "… assigned to you" messages, inbox and e-mail notifications,
    outgoing mails, followers and real-time (bus) notifications."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # Each kind of assignee: Chinese in the inbox, English by e-mail, the
        # team leader (not following the lead yet), and OdooBot (no notice).
        cls.salesman.write({"lang": "zh_CN", "notification_type": "inbox"})
        cls.salesman_b.notification_type = "email"
        cls.leader = new_test_user(
            cls.env, "anchor_leader", groups="sales_team.group_sale_manager", name="Leader", email="lead@x.cn"
        )
        cls.leader.notification_type = "inbox"
        cls.team.user_id = cls.leader
        cls.leaderless = cls.team.copy({"name": "无组长团队", "user_id": False, "member_ids": []})

    def _situation(self, touched):
        """Opportunities of each assignee, two of them for one salesperson,
        created at NOW, ``touched`` then or not at all, and left since."""
        Lead = self.env["crm.lead"].sudo()
        leads = Lead.browse()
        for user, team in (
            (self.salesman, self.team),
            (self.salesman, self.team),
            (self.salesman_b, self.team),
            (self.env["res.users"], self.team),
            (self.env["res.users"], self.leaderless),
        ):
            leads |= Lead.create(
                {
                    "name": f"门窗五金集采 {len(leads)}",
                    "type": "opportunity",
                    "partner_id": self.customer.id,
                    "team_id": team.id,
                    "stage_id": self.stage["lead"].id,
                    "user_id": user.id,
                }
            )
        for lead in leads if touched else ():
            self._touch(lead, user=self.manager)
        return leads

    def _last_ids(self):
        ids = {}
        for table in ("mail_message", "mail_notification", "mail_mail", "mail_followers", "bus_bus"):
            self.env.cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608  # constants
            ids[table] = self.env.cr.fetchone()[0]
        return ids

    def _written(self, leads, before):
        """What the run wrote since ``before``, free of ids and tokens that
        differ from one run to the other."""
        self.env.flush_all()
        self.env.cr.flush()  # the bus notifications are written before commit
        self.env.invalidate_all()
        messages = self.env["mail.message"].search([("id", ">", before["mail_message"])], order="res_id, id")
        names = {message.id: f"message on {message.res_id}" for message in messages}
        notifications = self.env["mail.notification"].search([("id", ">", before["mail_notification"])])
        mails = self.env["mail.mail"].search([("id", ">", before["mail_mail"])])
        followers = self.env["mail.followers"].search(
            [("id", ">", before["mail_followers"]), ("res_model", "=", "crm.lead")]
        )
        names.update({f.id: f"follower {f.res_id} {f.partner_id.id}" for f in followers})
        self.env.cr.execute("SELECT channel, message FROM bus_bus WHERE id > %s", (before["bus_bus"],))
        # A set: the same signal sent twice to someone is one signal.
        bus = sorted(
            {
                (channel, json.dumps(self._without_ids(json.loads(payload), names), sort_keys=True))
                for channel, payload in self.env.cr.fetchall()
            }
        )
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)], order="res_id, id"
        )
        return {
            "flags": [(lead.anchor_overdue, lead.first_touch_sla_status) for lead in leads],
            "activities": [
                (a.res_id, a.activity_type_id, a.user_id, a.date_deadline, a.summary, a.note, a.create_uid)
                for a in activities
            ],
            "messages": [
                (
                    m.model,
                    m.res_id,
                    m.message_type,
                    m.subtype_id,
                    m.author_id,
                    m.email_from,
                    m.reply_to,
                    m.subject,
                    str(m.body),
                    m.record_name,
                    m.record_alias_domain_id,
                    m.record_company_id,
                    m.email_layout_xmlid,
                    m.is_internal,
                    m.email_add_signature,
                    m.partner_ids,
                    m.attachment_ids,
                )
                for m in messages
            ],
            "notifications": sorted(
                (
                    n.mail_message_id.res_id,
                    n.res_partner_id.id,
                    n.author_id.id,
                    n.notification_type,
                    n.notification_status,
                    n.is_read,
                    n.mail_mail_id.mail_message_id == n.mail_message_id,
                )
                for n in notifications
            ),
            "mails": sorted(
                (
                    m.mail_message_id.res_id,
                    m.subject,
                    m.body_html,
                    m.email_to or "",
                    str(m.recipient_ids.ids),
                    m.state,
                    m.is_notification,
                    m.auto_delete,
                )
                for m in mails
            ),
            "followers": sorted(
                (f.res_id, f.partner_id.id, str(sorted(f.subtype_ids.ids))) for f in followers
            ),
            "bus": bus,
        }

    @classmethod
    def _without_ids(cls, value, names, within=None):
        """A bus payload with the ids of new rows, which differ between two
        runs, replaced by ``names`` (messages and followers by their lead and
        partner), or left out (notifications), and its timestamps left out."""
        if isinstance(value, list):
            return [cls._without_ids(item, names, within) for item in value]
        if not isinstance(value, dict):
            return value
        renamed = {}
        for key, item in value.items():
            if key in ("create_date", "write_date", "notifications") or (
                key == "id" and within == "mail.notification"
            ):
                continue
            if (key == "id" and within in ("mail.message", "mail.followers")) or key in (
                "message",
                "selfFollower",
            ):
                item = names.get(item, item)
            renamed[key] = cls._without_ids(item, names, key if isinstance(item, list) else within)
        return renamed

    def _compare_with_odoo(self, job, at, touched):
        """Run ``job`` (on the leads of _situation()) as our jobs run it, and
        then, on the same situation, with Odoo's one-by-one path; the two
        outcomes must be the same."""
        with freeze_time(NOW):
            leads = self._situation(touched)
        with freeze_time(at):
            outcomes = []
            for one_by_one in (True, False):
                with self.env.cr.savepoint() as savepoint:
                    before = self._last_ids()
                    if one_by_one:
                        with patch.object(MailActivity, "_anchor_create", odoo_one_by_one):
                            job(leads)
                    else:
                        job(leads)
                    outcomes.append(self._written(leads, before))
                    savepoint.rollback()
                    self.env.invalidate_all()
        odoo, ours = outcomes
        # The situation shows each case: a notice by e-mail and one per lead, and OdooBot gets none.
        self.assertEqual(len(odoo["messages"]), 4)
        self.assertEqual({n[3] for n in odoo["notifications"]}, {"inbox", "email"})
        self.assertEqual(len(odoo["mails"]), 1)
        self.assertIn("刚刚为您分配", " ".join(m[8] for m in odoo["messages"]))
        self.assertTrue(odoo["bus"])
        for part in odoo:
            self.assertEqual(ours[part], odoo[part], f"the {part} differ from Odoo's")

    def test_the_overdue_job_writes_what_odoo_writes(self):
        self._compare_with_odoo(
            lambda leads: self.env["crm.lead"]._anchor_sync_overdue(leads.ids),
            NOW + timedelta(days=4),
            touched=True,
        )

    def test_the_first_touch_job_writes_what_odoo_writes(self):
        self._compare_with_odoo(
            lambda leads: self.env["crm.lead"].with_context(active_test=False)._anchor_sync_first_touch_sla(),
            NOW + timedelta(days=3),
            touched=False,
        )
