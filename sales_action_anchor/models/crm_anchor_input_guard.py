from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Dates outside these years are typing mistakes, and near Python's limits
# (year 1, year 9999) timezone and deadline arithmetic would overflow.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2999, 12, 31)
# PostgreSQL's integer: a larger id names no record.
MAX_ID = 2**31 - 1


class CrmAnchorInputGuard(models.AbstractModel):
    """Refuse, with a clear message and before anything is written, the values
    PostgreSQL cannot store or the anchors cannot compute with: text holding a
    NUL character or a lone surrogate (a server error otherwise), and dates that
    are unreadable or outside ``DATE_MIN`` to ``DATE_MAX``."""

    _name = "crm.anchor.input.guard"
    _description = "Action Anchors: input guard"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._anchor_check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._anchor_check_input(vals)
        return super().write(vals)

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


def storable_text(value):
    """True when PostgreSQL can store ``value`` as text."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
