import polib
from lxml import etree

from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "sales_action_anchor"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Chinese is first-class: every term the add-on shows (models, views,
    menus, messages, reports, OWL templates, xlsx headers) has a zh_CN
    translation, and the template is up to date with the code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Demo records (sample customers' tags…) are not part of the add-on's vocabulary.
        demo = {
            f"{MODULE}.{record.get('id')}"
            for path in get_manifest(MODULE)["demo"]
            for record in etree.parse(file_path(f"{MODULE}/{path}")).iter("record")
        }
        reader = TranslationModuleReader(cls.env.cr, modules=[MODULE])
        cls.terms = {
            source
            for module, _type, _name, xmlid, source, _value, _comments in reader
            if module == MODULE and source.strip() and xmlid not in demo
        }

    def test_the_template_lists_every_term(self):
        template = {entry.msgid for entry in polib.pofile(file_path(f"{MODULE}/i18n/{MODULE}.pot"))}
        self.assertFalse(
            sorted(self.terms - template),
            "i18n/sales_action_anchor.pot is out of date: run tools/update_translations.sh",
        )

    def test_every_term_has_a_chinese_translation(self):
        translated = {
            entry.msgid
            for entry in polib.pofile(file_path(f"{MODULE}/i18n/zh_CN.po"))
            if entry.msgstr.strip() and not entry.obsolete and "fuzzy" not in entry.flags
        }
        self.assertFalse(
            sorted(self.terms - translated),
            "terms without a zh_CN translation: translate them in i18n/zh_CN.po",
        )
