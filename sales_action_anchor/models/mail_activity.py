from collections import Counter

from markupsafe import escape

from odoo import api, fields, models
from odoo.tools import get_lang, is_html_empty
from odoo.tools.mail import generate_tracking_message_id
from odoo.tools.translate import get_translation


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking an agreed action's activity done is what completes it."""
        # Agreed actions are opportunities' activities: others (a contact's
        # to-do, an invoice's reminder…) cost no search.
        leads_activities = self.filtered(lambda activity: activity.res_model == "crm.lead")
        visits = self.env["crm.anchor.visit"].sudo()
        if leads_activities:
            visits = visits.search([("activity_id", "in", leads_activities.ids)])
        # Read before super(): the activities are deleted once done.
        user_by_visit = {visit: visit.activity_id.user_id for visit in visits}
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        visits._anchor_register_action_done(user_by_visit)
        return result

    @api.model
    def _anchor_type(self, xmlid):
        """The activity type of the add-on's ``xmlid``. Unlike env.ref(), no
        query to check that it exists: the registry caches xmlids, and deleting
        the type deletes its xmlid (then this raises, as env.ref() would)."""
        return self.env["mail.activity.type"].browse(self.env["ir.model.data"]._xmlid_to_res_id(xmlid))

    @api.model
    def _anchor_in_lang_of(self, user, records):
        """``records`` in ``user``'s language: what is written for an
        assignee (an activity's summary and note) reads in their language,
        whoever schedules it, a job included, as mail writes the assignment
        notice (mail.activity.action_notify)."""
        if user.lang and user.lang != (records.env.lang or "en_US"):
            return records.with_context(lang=user.lang)
        return records

    @api.model
    def _anchor_schedule_once(self, plans):
        """Schedule ``plans``, ``(record, activity type, user, due date)``
        tuples on records of one model, except where the record already has an
        open activity of that type: one search and _anchor_create() whatever
        their number. Idempotent, so jobs and automations can run again."""
        if not plans:
            return self.browse()
        model = plans[0][0]._name
        existing = {
            (activity.res_id, activity.activity_type_id.id)
            for activity in self.search_fetch(
                [
                    ("res_model", "=", model),
                    ("res_id", "in", list({record.id for record, *_rest in plans})),
                    ("activity_type_id", "in", list({kind.id for _record, kind, *_rest in plans})),
                ],
                ["res_id", "activity_type_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(model)
        return self._anchor_create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": kind.id,
                    "summary": self._anchor_summary(kind, user),
                    "user_id": user.id,
                    "date_deadline": due,
                }
                for record, kind, user, due in plans
                if (record.id, kind.id) not in existing
            ]
        )

    @api.model
    def _anchor_summary(self, activity_type, user):
        """The summary of a reminder of ``activity_type`` for ``user``."""
        activity_type = self._anchor_in_lang_of(user, activity_type)
        return activity_type.summary or activity_type.name

    @api.model
    def _anchor_create(self, vals_list):
        """create(), in as few calls as possible but never two activities of
        one call on the same record for the same user: create() subscribes the
        user to the record once per activity, and the second subscription of
        someone not following it yet breaks the followers' unique key.
        mail's notice to each assignee ("… assigned to you", one message_notify
        per activity inside create()) is sent for the whole batch beforehand by
        _anchor_notify_assigned(), as mail sends it: before the assignee
        follows the record. Returns the activities in the order of ``vals_list``."""
        self._anchor_notify_assigned(vals_list)
        quiet = self.with_context(mail_activity_quick_update=True)
        rounds, seen = [], Counter()
        for index, vals in enumerate(vals_list):
            key = (vals["res_model_id"], vals["res_id"], vals.get("user_id"))
            if seen[key] == len(rounds):
                rounds.append([])
            rounds[seen[key]].append(index)
            seen[key] += 1
        ids = [0] * len(vals_list)
        for indexes in rounds:
            for index, activity in zip(indexes, quiet.create([vals_list[i] for i in indexes]), strict=True):
                ids[index] = activity.id
        activities = self.browse(ids)
        # create() tells only its last activity's assignee that one was created; mail's one by one tells each.
        due = activities.filtered(lambda activity: activity.date_deadline <= fields.Date.today())
        due.user_id._bus_send("mail.activity/updated", {"activity_created": True})
        return activities

    @api.model
    def _anchor_notify_assigned(self, vals_list):
        """What mail.activity.create() sends for each activity assigned to
        someone else (action_notify(): message_notify() of the rendered
        mail.message_activity_assigned), for a batch: the same messages and
        notifications, but the messages created in one call and the values
        message_notify() computes per record computed once per batch."""
        # Not created yet: mail notifies before create() subscribes the assignee to the record.
        activities = self.browse().concat(
            *(
                # The body names who assigned it.
                self.new({**vals, "create_uid": self.env.uid})
                for vals in vals_list
                if vals.get("user_id") not in (None, False, self.env.uid)
            )
        )
        if not activities:
            return
        readable = activities.user_id.partner_id._filtered_access("read")
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        lang = self.env.lang or "en_US"  # action_notify() translates the subject in the caller's language
        author_id, email_from = self.env["mail.thread"]._message_compute_author(raise_on_email=True)
        notices = []
        for activity in activities:
            # mail sends to an assignee the caller may not read as the superuser, in their language.
            activity = activity if activity.user_id.partner_id in readable else activity.sudo()
            if activity.user_id.lang:
                activity = activity.with_context(lang=activity.user_id.lang)
            record = activity.env[activity.res_model].browse(activity.res_id)
            model_description = activity.env["ir.model"]._get(activity.res_model).display_name
            body = activity.env["ir.qweb"]._render(
                "mail.message_activity_assigned",
                {
                    "activity": activity,
                    "model_description": model_description,
                    "is_html_empty": is_html_empty,
                },
                minimal_qcontext=True,
            )
            summary = activity.summary or activity.activity_type_id.name
            values = {
                "author_id": author_id,
                "email_from": email_from,
                "model": record._name,
                "res_id": record.id,
                "record_name": activity.res_name,
                "body": escape(body),
                "is_internal": True,
                "message_type": "user_notification",
                "subject": get_translation(
                    "mail",
                    lang,
                    '"%(activity_name)s: %(summary)s" assigned to you',
                    {"activity_name": activity.res_name, "summary": summary},
                ),
                "subtype_id": subtype_id,
                "message_id": generate_tracking_message_id("message-notify"),
                "partner_ids": activity.user_id.partner_id.ids,
                "email_add_signature": True,
                "email_layout_xmlid": "mail.mail_notification_layout",
            }
            subtitles = [
                get_translation("mail", lang, "Activity: %s", (activity.activity_type_id.name,)),
                get_translation(
                    "mail",
                    lang,
                    "Deadline: %s",
                    (activity.date_deadline.strftime(get_lang(activity.env).date_format),),
                ),
            ]
            notices.append((record, values, {"model_description": model_description, "subtitles": subtitles}))
        self._anchor_complete_notices(notices)
        message_by_index = {}
        for records, indexes in self._anchor_group_by_env([record for record, _values, _kwargs in notices]):
            messages = records._message_create([notices[index][1] for index in indexes])
            message_by_index.update(zip(indexes, messages, strict=True))
        for index, (record, values, kwargs) in enumerate(notices):
            record._fallback_lang()._notify_thread(message_by_index[index], values, **kwargs)

    @api.model
    def _anchor_complete_notices(self, notices):
        """The values message_notify() adds per record (alias domain, company,
        reply-to, attachments), computed once per records of one environment."""
        for records, indexes in self._anchor_group_by_env([record for record, _values, _kwargs in notices]):
            domains = records._mail_get_alias_domains(default_company=self.env.company)
            companies = records._mail_get_companies(default=self.env.company)
            reply_to = records._notify_get_reply_to(default=notices[indexes[0]][1]["email_from"])
            for index in indexes:
                record, values, _kwargs = notices[index]
                values["record_alias_domain_id"] = domains[record.id].id
                values["record_company_id"] = companies[record.id].id
                values["reply_to"] = reply_to[record.id]
                values.update(record._process_attachments_for_post(None, None, values))

    @api.model
    def _anchor_group_by_env(self, records):
        """``records`` (one record each) grouped by model and environment
        (language, superuser): ``(records, their indexes)`` pairs."""
        groups = {}
        for index, record in enumerate(records):
            key = (record._name, record.env.lang, record.env.su)
            group, indexes = groups.get(key, (record.browse(), []))
            groups[key] = (group | record, [*indexes, index])
        return list(groups.values())
