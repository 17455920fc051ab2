from odoo.exceptions import ValidationError


class InvalidFieldsError(ValidationError):
    """A ValidationError that also names the fields to correct, so that a page
    can mark them next to the message (as website_sale's address form marks its
    ``invalid_fields``).

    The message stays the exception's only argument: the web client and
    XML-RPC show it as any ValidationError's. ``field_names`` are the model's
    field names, in the order of the message."""

    def __init__(self, message, field_names=()):
        super().__init__(message)
        self.field_names = list(dict.fromkeys(field_names))
