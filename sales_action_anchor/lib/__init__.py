"""Pure-Python helpers of the add-on: no import of ``odoo`` here, so they can be
unit-tested on their own (see ``tests/unit``)."""
