from unittest.mock import patch

from freezegun import freeze_time

from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools import SQL

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestActivityDone(AnchorCase):
    """Marking an activity done looks for the visit whose agreed action it is
    only when it can be one: an opportunity's activity."""

    def _todo(self, record):
        return self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": self.salesman.id,
                "summary": "Call back",
            }
        )

    def _done_queries(self, activity):
        """The queries of marking ``activity`` done as its assignee, on an empty cache."""
        activity = activity.with_user(self.salesman)
        queries = []
        execute = Cursor.execute

        def logged_execute(cursor, query, params=None, log_exceptions=True):
            queries.append(query.code if isinstance(query, SQL) else query)
            return execute(cursor, query, params, log_exceptions)

        self.env.flush_all()
        self.env.invalidate_all()
        with patch.object(Cursor, "execute", logged_execute):
            activity.action_feedback(feedback="Done")
            self.env.flush_all()
        return queries

    def test_a_contacts_todo_searches_no_visit(self):
        partner = self.env["res.partner"].create({"name": "张经理"})
        lead = self._lead()
        self._done_queries(self._todo(partner))  # warm the registry's caches
        on_contact = self._done_queries(self._todo(partner))
        on_lead = self._done_queries(self._todo(lead))
        self.assertFalse([query for query in on_contact if "crm_anchor_visit" in query])
        self.assertEqual(len([query for query in on_lead if "crm_anchor_visit" in query]), 1)
        self.assertEqual(len(on_contact), 16)
