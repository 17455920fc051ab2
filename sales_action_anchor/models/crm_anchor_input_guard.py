from datetime import date, datetime, timedelta

from babel.dates import format_timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import babel_locale_parse, get_lang

# Dates outside these years are typing mistakes, and near Python's limits
# (year 1, year 9999) timezone and deadline arithmetic would overflow.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2999, 12, 31)
# PostgreSQL's integer: a larger id names no record.
MAX_ID = 2**31 - 1
# A phone's clock may run a little ahead of the server's: a date claimed up to
# this far in the future is "now", beyond it the claim is refused.
CLOCK_TOLERANCE = timedelta(minutes=10)


class CrmAnchorInputGuard(models.AbstractModel):
    """Refuse, with a clear message and before anything is written, what a
    client may not send: a value for a field the server establishes (see
    ``refuse_server_facts``), text holding a NUL character or a lone surrogate
    (a server error otherwise), and dates that are unreadable or outside
    ``DATE_MIN`` to ``DATE_MAX``."""

    _name = "crm.anchor.input.guard"
    _description = "Action Anchors: input guard"

    # Every stored field a model of the add-on defines is in exactly one of
    # these (tests/test_integrity.py fails on a field in neither).
    _anchor_entered_fields = frozenset()  # entered by a person
    _anchor_server_fields = frozenset()  # established by the server, never sent by a client

    @api.model_create_multi
    def create(self, vals_list):
        refuse_server_facts(self, vals_list, creating=True)
        for vals in vals_list:
            self._anchor_check_input(vals)
        return super().create(self._anchor_establish(vals_list))

    @api.model
    def _anchor_establish(self, vals_list):
        """``vals_list`` with the server's own values added, once the client's
        values were checked: part of the INSERT or UPDATE, not a second write."""
        return vals_list

    def write(self, vals):
        refuse_server_facts(self, [vals])
        self._anchor_check_input(vals)
        return super().write(self._anchor_establish([vals])[0])

    @api.model
    def _anchor_received_at(self, claimed=False):
        """When the server received what a person logs: now. The superuser
        recording history (demo data, migrations, the generator; no client
        reaches it) receives each record on the date it claims."""
        if self.env.su and claimed:
            return fields.Datetime.to_datetime(claimed)
        return fields.Datetime.now()

    def _anchor_check_not_future(self, field_name):
        """A person may log a past action late, never one that has not happened
        (a draft may be a plan: only what is logged or submitted is a claim)."""
        field = self._fields[field_name]
        latest = fields.Datetime.now() + CLOCK_TOLERANCE
        if any(moment and moment > latest for moment in self.mapped(field_name)):
            raise ValidationError(
                _(
                    "“%(field)s” cannot be in the future: log an action once it has happened.",
                    field=field._description_string(self.env),
                )
            )

    @api.model
    def _anchor_check_input(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if isinstance(value, str) and not storable_text(value):  # the label only when needed
                self._anchor_check_text(field._description_string(self.env), value)
            if field.type in ("date", "datetime") and value:
                self._anchor_check_date(field, value)

    @api.model
    def _anchor_check_text(self, label, value):
        if not storable_text(value):
            raise UserError(
                _(
                    "“%(field)s” contains a character that cannot be saved (a NUL or an "
                    "unpaired surrogate): remove it and try again.",
                    field=label,
                )
            )

    @api.model
    def _anchor_check_date(self, field, value):
        label = field._description_string(self.env)
        try:
            day = (
                fields.Datetime.to_datetime(value) if field.type == "datetime" else fields.Date.to_date(value)
            )
        except (TypeError, ValueError):
            day = None
        if not isinstance(day, date):
            raise UserError(_("“%(field)s” is not a valid date: %(value)s", field=label, value=value))
        if isinstance(day, datetime):
            day = day.date()
        if not DATE_MIN <= day <= DATE_MAX:
            raise UserError(
                _(
                    "“%(field)s” must be between %(min)s and %(max)s.",
                    field=label,
                    min=DATE_MIN.isoformat(),
                    max=DATE_MAX.isoformat(),
                )
            )


def refuse_server_facts(model, vals_list, creating=False):
    """Refuse a value for any of ``model._anchor_server_fields`` unless the
    server itself writes it. The server is superuser mode (``env.su``): data
    files, migrations, scheduled jobs and automations run in it, and the
    add-on's own code paths enter it with ``sudo()`` once they have checked the
    caller. No client can: not a context key, not a group. Costs no query.

    On create, the value the server would set anyway (empty, or the field's
    constant default such as a state's first step) is no claim and is let
    through: the web client sends the defaults of the fields of its form."""
    server_fields = model._anchor_server_fields
    if model.env.su or not server_fields:
        return
    # Who may not write the model at all gets the ORM's AccessError (ACLs are cached: no query).
    if not model.env["ir.model.access"].check(model._name, "create" if creating else "write", False):
        return
    for vals in vals_list:
        for name in server_fields.intersection(vals):
            field = model._fields[name]
            if creating and _is_initial(model, field, vals[name]):
                continue
            raise UserError(
                _(
                    "“%(field)s” (%(model)s) is established by the system: it cannot be entered, "
                    "imported or changed.",
                    field=field._description_string(model.env),
                    model=model._description,
                )
            )


def _is_initial(model, field, value):
    if not value or (field.type in ("one2many", "many2many") and value in ([], [(6, 0, [])])):
        return True
    if field.type == "selection" and field.default:
        return value == field.default(model)
    return False


def logged_after_label(env, claimed, received):
    """ "Logged 2 days after" when a record reached the server more than the
    clock tolerance after the moment it claims, else ""."""
    if not claimed or not received or received - claimed <= CLOCK_TOLERANCE:
        return ""
    delay = format_timedelta(received - claimed, locale=babel_locale_parse(get_lang(env).code))
    return _("Logged %(delay)s after", delay=delay)


def storable_text(value):
    """True when PostgreSQL can store ``value`` as text."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
