"""``res_company_demo.xml``: where and how the demo company works."""

from .team import LANG
from .xml_file import XmlFile, attr, ev, ref, text

CURRENCY = "base.CNY"  # the demo company's


def write_company(path):
    xml = XmlFile(
        """
Where and how the demo company works: in Shanghai, in yuan, in Chinese.
Its days are Shanghai days (crm.anchor.analysis._tz reads the company's
address). Its amounts are in yuan: a fresh database has no journal items yet,
which would forbid changing the currency.
Chinese is installed before the team is created: a user's language must be
installed, and what the server writes for someone is written in their
language. The translations of the installed modules come with it, then this
add-on's, which Odoo would load only after its demo data. Also when a demo
database of an earlier version is upgraded, which loads the new demo records:
Odoo runs the functions of a demo file at install only, unless noupdate="0".
"""
    )
    xml.record("base.main_partner", "res.partner", [text("tz", "Asia/Shanghai")])
    xml.record(CURRENCY, "res.currency", [ev("active", "True")])
    xml.record("base.main_company", "res.company", [ref("currency_id", CURRENCY)])
    xml.blank()
    xml.begin("data", 'noupdate="0"')
    # overwrite=False: a database's own translations stay as they are.
    install = f"[{{'lang_ids': [Command.set([ref('base.lang_{LANG}')])], 'overwrite': False}}]"
    xml.function(
        "base.language.install",
        "lang_install",
        children=[f'<function model="base.language.install" name="create" eval="{attr(install)}"/>'],
    )
    this_addon = "[[('name', '=', 'sales_action_anchor')]]"
    xml.function(
        "ir.module.module",
        "_update_translations",
        children=[
            f'<function model="ir.module.module" name="search" eval="{attr(this_addon)}"/>',
            f'<value eval="{attr([LANG])}"/>',
        ],
    )
    xml.end("data")
    xml.write(path)
