from collections import Counter

from odoo import api, models


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
        Returns the activities in the order of ``vals_list``."""
        rounds, seen = [], Counter()
        for index, vals in enumerate(vals_list):
            key = (vals["res_model_id"], vals["res_id"], vals.get("user_id"))
            if seen[key] == len(rounds):
                rounds.append([])
            rounds[seen[key]].append(index)
            seen[key] += 1
        ids = [0] * len(vals_list)
        for indexes in rounds:
            for index, activity in zip(indexes, self.create([vals_list[i] for i in indexes]), strict=True):
                ids[index] = activity.id
        return self.browse(ids)
