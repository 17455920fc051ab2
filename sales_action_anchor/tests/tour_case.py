from odoo import http
from odoo.tests import HttpCase


class TourCase(HttpCase):
    """A browser tour's test case.

    Every manifest is parsed here, in the test's thread, before the browser
    opens: the first requests for static files parse them lazily, and two of
    them doing so at once can hit a CPython 3.11 race in ``ast``
    ("SystemError: AST constructor recursion depth mismatch"), an ERROR in the
    server log of a tour that otherwise passes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Computed once, then cached by the server.
        http.root.statics  # noqa: B018  # pylint: disable=pointless-statement
