from odoo.tests import TransactionCase, tagged

from ..lib.anchor_constants import AGREED_ACTIONS, ANCHOR_STAGES, CHANNELS, TOUCH_METHODS, VALUE_MAX_CHARS


@tagged("post_install", "-at_install")
class TestAnchorConstants(TransactionCase):
    """Every field and payload reads the shared vocabulary of
    ``lib/anchor_constants``: none keeps a copy of its own."""

    def _selection(self, model, field):
        return self.env[model]._fields[field].selection

    def test_selections_are_the_shared_lists(self):
        self.assertIs(self._selection("crm.anchor.visit", "agreed_action"), AGREED_ACTIONS)
        self.assertIs(self._selection("crm.anchor.visit", "followup_channel"), CHANNELS)
        self.assertIs(self._selection("crm.anchor.template", "next_step"), AGREED_ACTIONS)
        self.assertIs(self._selection("crm.anchor.visit.report", "agreed_action"), AGREED_ACTIONS)
        self.assertIs(self._selection("crm.anchor.touch", "method"), TOUCH_METHODS)
        self.assertIs(self._selection("crm.stage", "anchor_code"), ANCHOR_STAGES)

    def test_parsed_note_keys_are_visit_fields(self):
        Visit = self.env["crm.anchor.visit"]
        parsed = Visit.parse_quick_note("客户嫌交期长，我们有现货，明天下午3点电话", "2026-03-02 09:00:00")
        self.assertLessEqual(set(parsed), set(Visit._fields))
        self.assertEqual(parsed["followup_channel"], "phone")
        self.assertEqual(parsed["date_next_followup"], "2026-03-03 15:00:00")

    def test_mobile_page_gets_the_limit_and_lists_from_the_server(self):
        home = self.env["crm.anchor.mobile"].get_home()
        self.assertEqual(home["value_max_chars"], VALUE_MAX_CHARS)
        self.assertEqual([key for key, _label in home["agreed_actions"]], [key for key, _ in AGREED_ACTIONS])
        self.assertEqual([key for key, _label in home["channels"]], [key for key, _ in CHANNELS])
