import base64
import binascii
from datetime import timedelta
from urllib.parse import quote_plus

from psycopg2.errors import UniqueViolation

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape, mute_logger
from odoo.tools.mimetypes import guess_mimetype

from ..exceptions import InvalidFieldsError
from ..lib import periods
from ..lib.anchor_constants import VALUE_MAX_CHARS
from ..lib.rpc_values import rpc_safe
from .crm_anchor_input_guard import MAX_ID, storable_text

# Opportunities offered on the page to start a visit entry; the page filters them.
HOME_OPPORTUNITY_LIMIT = 200
# Entries accepted in one sync call; the page sends its queue in smaller chunks.
SYNC_BATCH_LIMIT = 50
# A follow-up reminder is a 30-minute event with a notification 15 minutes before.
REMIND_DURATION = timedelta(minutes=30)
REMIND_ALARM_XMLID = "calendar.alarm_notif_1"
ENTRY_PATH = "/odoo/anchor-mobile"
ENTRY_FIELDS = (
    "pain_summary",
    "value_point",
    "agreed_action",
    "agreed_action_note",
    "followup_channel",
)
ENTRY_CHOICES = ("agreed_action", "followup_channel")
# The page's identifiers are UUIDs (36 characters).
CLIENT_UUID_MAX_CHARS = 64
# Sent entries the page asks about at most, in one home read.
SENT_UUIDS_LIMIT = 200


class CrmAnchorMobile(models.AbstractModel):
    """Server side of the mobile quick entry (static/src/mobile/): what the
    salesperson's day looks like, and receiving the visits the phone queued.

    Everything runs as the calling user, so Odoo's access rules and the visit's
    anchor check (``crm.anchor.visit._check_anchor_complete``) apply exactly as
    in the form: this model decides nothing about completeness itself."""

    _name = "crm.anchor.mobile"
    _description = "Action Anchors: mobile quick entry"

    # ------------------------------------------------------------------
    # Home: today's follow-ups and the opportunities to log a visit on
    # ------------------------------------------------------------------

    @api.readonly
    @api.model
    def get_home(self, client_uuids=None):
        """The logged-in salesperson's day, in a fixed number of queries.

        ``due``: opportunities of their anchor-enforced teams with one of their
        activities (the agreed action of a visit, or any next step) due today
        or overdue, in their timezone (``visited_today`` when they already
        submitted a visit on it today); ``opportunities``: their open
        opportunities; plus the choices of the entry form, translated.

        Read-only: with a read replica, Odoo reads this on the replica, which
        may not have applied a visit the phone has just sent. The phone passes
        the ``client_uuids`` it has sent lately; ``received_uuids`` says which
        of them (the caller's own visits) this answer includes, and the phone
        shows the others itself until it does (read-your-writes)."""
        user = self.env.user
        today = fields.Date.context_today(self)
        teams = self.env["crm.team"].search(
            [
                ("anchor_enforced", "=", True),
                "|",
                ("user_id", "=", user.id),
                ("crm_team_member_ids.user_id", "=", user.id),
            ]
        )
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("user_id", "=", user.id),
                ("date_deadline", "<=", today),
            ],
            order="date_deadline, id",
        )
        due_leads = self.env["crm.lead"].search(
            [
                ("id", "in", activities.mapped("res_id")),
                ("team_id", "in", teams.ids),
                ("type", "=", "opportunity"),
            ]
        )
        # Due opportunities already visited today are marked, not hidden: the
        # activity stays open until the salesperson marks it done.
        midnight = periods.local_bounds(today, today, user.tz)[0]
        visited_today = set(
            self.env["crm.anchor.visit"]
            .search_fetch(
                [
                    ("lead_id", "in", due_leads.ids),
                    ("user_id", "=", user.id),
                    ("state", "=", "submitted"),
                    ("date_visit", ">=", midnight),
                ],
                ["lead_id"],
            )
            .lead_id.ids
        )
        # The visit that planned each agreed action gives its time and channel.
        visit_by_activity = {
            visit.activity_id: visit
            for visit in self.env["crm.anchor.visit"].search([("activity_id", "in", activities.ids)])
        }
        open_leads = self.env["crm.lead"].search(
            [
                ("type", "=", "opportunity"),
                ("user_id", "=", user.id),
                ("stage_id.is_won", "=", False),
            ],
            order="date_last_followup desc, id desc",
            limit=HOME_OPPORTUNITY_LIMIT,
        )
        (due_leads | open_leads).fetch(["name", "partner_id", "stage_id", "team_id"])

        visit_fields = self.env["crm.anchor.visit"]._fields
        channels = visit_fields["followup_channel"]._description_selection(self.env)
        channel_labels = dict(channels)
        due = []
        # Records taken from the recordset, not browsed one by one: their
        # customers and stages are then read for all of them at once.
        due_by_id = {lead.id: lead for lead in due_leads}
        for activity in activities:
            lead = due_by_id.pop(activity.res_id, None)
            if not lead:
                continue
            visit = visit_by_activity.get(activity)
            due.append(
                {
                    **self._lead_summary(lead),
                    "activity_summary": activity.summary or activity.activity_type_id.name or "",
                    "date_deadline": fields.Date.to_string(activity.date_deadline),
                    "overdue": activity.date_deadline < today,
                    "visited_today": lead.id in visited_today,
                    "date_followup": fields.Datetime.to_string(visit.date_next_followup) if visit else False,
                    "channel": channel_labels.get(visit.followup_channel, "") if visit else "",
                }
            )
        return rpc_safe(
            {
                "user": {"id": user.id, "name": user.name, "tz": user.tz or False, "lang": self.env.lang},
                "today": fields.Date.to_string(today),
                "due": due,
                "opportunities": [self._lead_summary(lead) for lead in open_leads],
                "pain_categories": [
                    {"id": category.id, "name": category.name}
                    for category in self.env["crm.anchor.pain.category"].search([])
                ],
                "agreed_actions": visit_fields["agreed_action"]._description_selection(self.env),
                "channels": channels,
                "value_max_chars": VALUE_MAX_CHARS,
                "received_uuids": self._received_client_uuids(client_uuids),
            }
        )

    @api.model
    def _received_client_uuids(self, client_uuids):
        """Those of ``client_uuids`` that are the caller's visits in this read."""
        if not isinstance(client_uuids, list):
            return []
        wanted = [
            value
            for value in client_uuids[:SENT_UUIDS_LIMIT]
            if isinstance(value, str) and 0 < len(value) <= CLIENT_UUID_MAX_CHARS
        ]
        if not wanted:
            return []
        visits = self.env["crm.anchor.visit"].search_fetch(
            [("client_uuid", "in", wanted), ("user_id", "=", self.env.uid)], ["client_uuid"]
        )
        return visits.mapped("client_uuid")

    @api.model
    def _lead_summary(self, lead):
        return {
            "id": lead.id,
            "name": lead.name,
            "partner_name": lead.partner_id.display_name or "",
            "stage_name": lead.stage_id.name or "",
            "anchor_enforced": lead.anchor_enforced,
        }

    # ------------------------------------------------------------------
    # Sync: receive the visits queued on the phone
    # ------------------------------------------------------------------

    @api.model
    def sync_entries(self, entries):
        """Receive visits entered on the phone, each submitted on its own.

        :param list entries: dicts ``{client_uuid, lead_id, date_visit,
            pain_category_id, pain_summary, value_point, agreed_action,
            agreed_action_note, date_next_followup, followup_channel,
            quick_note, photo: {name, data} | None, remind}``; datetimes in UTC
            ``YYYY-MM-DD HH:MM:SS``, the photo's data in base64.
        :return: one ``{client_uuid, status, visit_id, message,
            invalid_fields}`` per entry, in order; ``status`` is ``created``,
            ``duplicate`` (this ``client_uuid`` was already received: nothing
            created, ``visit_id`` is the first visit, or False when a
            concurrent request received it) or ``refused`` (nothing created,
            ``message`` is the server's translated reason, e.g. the anchor
            check's, and ``invalid_fields`` the visit's fields it names, for
            the page to mark: the entry cannot be received unchanged).
        """
        self.env["crm.anchor.visit"].check_access("create")
        if not isinstance(entries, list):
            raise UserError(_("Send the entries as a list."))
        if len(entries) > SYNC_BATCH_LIMIT:
            raise UserError(_("Send at most %(count)s entries at a time.", count=SYNC_BATCH_LIMIT))
        return [self._sync_entry(entry if isinstance(entry, dict) else {}) for entry in entries]

    @api.model
    def _sync_entry(self, entry):
        client_uuid = entry.get("client_uuid")
        client_uuid = client_uuid.strip() if isinstance(client_uuid, str) else ""
        result = {
            "client_uuid": client_uuid,
            "status": "refused",
            "visit_id": False,
            "message": "",
            "invalid_fields": [],
        }
        if not client_uuid:
            result["message"] = _("This entry has no identifier, so it cannot be received safely.")
            return result
        if len(client_uuid) > CLIENT_UUID_MAX_CHARS or not storable_text(client_uuid):
            result["message"] = _("This entry's identifier is not valid, so it cannot be received safely.")
            return result
        if existing := self._received_visit(client_uuid):
            return dict(result, **existing)
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                visit = self._create_visit(entry, client_uuid)
        except (UserError, ValueError) as error:
            # UserError covers ValidationError (the anchor check) and AccessError.
            result["message"] = str(error.args[0] if error.args else error)
            if isinstance(error, InvalidFieldsError):
                result["invalid_fields"] = error.field_names
            return result
        except UniqueViolation as error:
            if error.diag.constraint_name != "crm_anchor_visit_client_uuid_unique":
                raise
            # A resend received at the same time committed this entry first: it
            # is there, though this transaction's snapshot cannot show it.
            return dict(result, status="duplicate")
        return dict(result, status="created", visit_id=visit.id)

    @api.model
    def _received_visit(self, client_uuid):
        """``{status, visit_id}`` when this entry was already received, else None.
        sudo: the identifier is unique across users; another user's visit is
        neither shown nor overwritten."""
        visit = self.env["crm.anchor.visit"].sudo().search([("client_uuid", "=", client_uuid)], limit=1)
        if not visit:
            return None
        if visit.user_id != self.env.user:
            return {"status": "refused", "message": _("This entry was already received from another user.")}
        return {"status": "duplicate", "visit_id": visit.id, "message": ""}

    @api.model
    def _check_entry(self, entry):
        """Refuse an entry whose values are not what the page sends: text or
        nothing for the text fields, one of the choices, a photo as
        ``{name, data}`` text."""
        visit_fields = self.env["crm.anchor.visit"]._fields
        for key in (*ENTRY_FIELDS, "quick_note"):
            if entry.get(key) not in (None, False) and not isinstance(entry[key], str):
                raise UserError(_("This entry is malformed (%(field)s is not text).", field=key))
        for key in ENTRY_CHOICES:
            value = (entry.get(key) or "").strip()
            if value and value not in visit_fields[key].get_values(self.env):
                raise UserError(
                    _(
                        "Unknown %(field)s “%(value)s”.",
                        field=visit_fields[key]._description_string(self.env),
                        value=value,
                    )
                )
        photo = entry.get("photo")
        if photo not in (None, False) and not (
            isinstance(photo, dict) and all(isinstance(photo.get(key) or "", str) for key in ("name", "data"))
        ):
            raise UserError(_("This entry is malformed (the photo is not {name, data})."))

    @api.model
    def _create_visit(self, entry, client_uuid):
        self._check_entry(entry)
        lead = self.env["crm.lead"].browse(self._to_id(entry.get("lead_id"))).exists()
        if not lead:
            raise UserError(_("The opportunity of this visit no longer exists."))
        lead.check_access("read")
        category = self.env["crm.anchor.pain.category"].browse(self._to_id(entry.get("pain_category_id")))
        vals = {
            "lead_id": lead.id,
            "user_id": self.env.uid,
            "client_uuid": client_uuid,
            "date_visit": self._to_datetime(entry.get("date_visit")) or fields.Datetime.now(),
            "pain_category_id": category.exists().id or False,
            "date_next_followup": self._to_datetime(entry.get("date_next_followup")),
            "state": "submitted",
        }
        for field in ENTRY_FIELDS:
            value = entry.get(field)
            vals[field] = value.strip() if value and value.strip() else False
        visit = self.env["crm.anchor.visit"].create(vals)
        attachment = self._attach_photo(visit, entry.get("photo"))
        quick_note = (entry.get("quick_note") or "").strip()
        if quick_note or attachment:
            visit.message_post(
                body=quick_note or _("Photo taken during the visit."),
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        if entry.get("remind") and visit.date_next_followup:
            self._create_reminder(visit)
        return visit

    @api.model
    def _attach_photo(self, visit, photo):
        if not isinstance(photo, dict) or not photo.get("data"):
            return self.env["ir.attachment"]
        data = photo["data"]
        if "," in data[:100]:  # a data: URL
            data = data.split(",", 1)[1]
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(_("The photo could not be read; take it again.")) from error
        mimetype = guess_mimetype(raw)
        if not mimetype.startswith("image/"):
            raise UserError(_("The photo must be an image."))
        return self.env["ir.attachment"].create(
            {
                "name": (photo.get("name") or "").strip() or _("Visit photo"),
                "raw": raw,
                "mimetype": mimetype,
                "res_model": visit._name,
                "res_id": visit.id,
            }
        )

    @api.model
    def _create_reminder(self, visit):
        """A 30-minute event at the next follow-up in the salesperson's
        calendar, notified 15 minutes before, linked to the opportunity."""
        alarm = self.env.ref(REMIND_ALARM_XMLID, raise_if_not_found=False)
        labels = dict(visit._fields["agreed_action"]._description_selection(self.env))
        channels = dict(visit._fields["followup_channel"]._description_selection(self.env))
        return self.env["calendar.event"].create(
            {
                "name": _(
                    "Follow-up: %(action)s – %(opportunity)s",
                    action=labels.get(visit.agreed_action, ""),
                    opportunity=visit.lead_id.name,
                ),
                "start": visit.date_next_followup,
                "stop": visit.date_next_followup + REMIND_DURATION,
                "user_id": self.env.uid,
                "partner_ids": [fields.Command.set(self.env.user.partner_id.ids)],
                "alarm_ids": [fields.Command.set(alarm.ids)],
                "opportunity_id": visit.lead_id.id if visit.lead_id.type == "opportunity" else False,
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": visit.lead_id.id,
                # Plain text in an HTML field: escaped, so a note is shown as typed.
                "description": html_escape(
                    " – ".join(filter(None, [channels.get(visit.followup_channel), visit.agreed_action_note]))
                ),
            }
        )

    @api.model
    def _to_id(self, value):
        """A record id from the page (an integer or its digits), else 0: no record."""
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            return 0
        return value if 0 < value <= MAX_ID else 0

    @api.model
    def _to_datetime(self, value):
        """A UTC datetime from the page's ``YYYY-MM-DD HH:MM:SS`` (an ISO ``T``
        or a trailing ``Z`` is accepted too); ValueError when unreadable."""
        if not value:
            return False
        if not isinstance(value, str):
            raise ValueError(_("Unreadable date: %(value)s", value=value))
        text = value.strip().replace("T", " ").removesuffix("Z")
        try:
            return fields.Datetime.to_datetime(text[:19])
        except ValueError as error:
            raise ValueError(_("Unreadable date: %(value)s", value=value)) from error

    # ------------------------------------------------------------------
    # QR sheet
    # ------------------------------------------------------------------

    @api.model
    def get_entry_url(self):
        """Absolute URL of the quick entry page (the client action's path), for
        those who may log visits."""
        self.env["crm.anchor.visit"].check_access("create")
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", default="")
        return base_url.rstrip("/") + ENTRY_PATH

    @api.model
    def get_qr_src(self, size=600):
        """Image source of a QR code of the entry page, from Odoo's barcode route."""
        size = int(size)
        value = quote_plus(self.get_entry_url())
        return f"/report/barcode/?barcode_type=QR&value={value}&width={size}&height={size}&barLevel=M"

    @api.model
    def _check_qr_sheet_access(self, salespeople):
        """QR sheets are printed by sales managers (as their Print menu entries),
        for the salespeople of their companies only."""
        if self.env.su:
            return
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales managers can print quick visit entry QR sheets."))
        if salespeople.sudo().filtered(lambda user: not user.company_ids & self.env.companies):
            raise AccessError(_("You can only print QR sheets for the salespeople of your companies."))
