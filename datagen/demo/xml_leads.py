"""``crm_lead_demo.xml``: the opportunities, as they came in, with the tags."""

from xml.sax.saxutils import escape

from datagen.world.companies import TAGS
from datagen.world.sales_process import FIRST_TOUCH_HOURS, STAGE_NAMES

from .model import SIGNED
from .moments import Moment
from .seed import rng
from .xml_file import IN_LANG, XmlFile, ev, ref, refs, text, when


def write_leads(path, opportunities):
    xml = XmlFile(
        """
The opportunities, created in the Lead stage over the last three months. The
pipeline file brings each one to its stage through real evidence.
History: the add-on starts the first-touch SLA when a lead is created, i.e. at
load time; each lead's deadline is set back to 48 hours after it really came in.
Amounts are in yuan (res_company_demo.xml).
""",
        IN_LANG,
    )
    for xmlid, label in TAGS.items():
        xml.record(xmlid, "crm.tag", [text("name", label)])
    xml.blank()
    for opp in opportunities:
        contact = opp.customer.contact
        fields = [
            text("name", opp.name),
            text("type", "opportunity"),
            ref("team_id", "crm_team_anchor"),
            ref("stage_id", "stage_anchor_lead"),
            ref("user_id", opp.user.xmlid),
            ref("partner_id", opp.customer.xmlid),
            text("contact_name", contact.name),
            text("function", contact.function),
            text("expected_revenue", opp.revenue),
            text("priority", opp.priority),
            refs("tag_ids", opp.tags),
        ]
        if opp.stage < SIGNED:
            fields.append(ev("date_deadline", Moment(-rng.randint(10, 60)).date_expr()))
        fields += [
            f'<field name="description" type="html"><p>来源：{escape(opp.source)}</p></field>',
            when("create_date", opp.created),
        ]
        xml.comment(f"{opp.user.name} · target stage {STAGE_NAMES[opp.stage]} · came in {opp.created}")
        xml.record(opp.xmlid, "crm.lead", fields)
        xml.record(
            opp.xmlid,
            "crm.lead",
            [
                when("date_open", opp.created),
                when("date_last_stage_update", opp.created),
                when("date_first_touch_deadline", opp.created, plus_hours=FIRST_TOUCH_HOURS),
            ],
        )
    xml.write(path)
