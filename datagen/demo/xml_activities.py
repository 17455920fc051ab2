"""``mail_activity_demo.xml``: the salespeople's own to-dos, and what the jobs would have done."""

from datagen.world.customer_words import PLANNED_ACTIVITIES

from .model import QUOTE, VISIT
from .moments import Moment
from .seed import rng
from .team import SALESPEOPLE
from .xml_file import IN_LANG, XmlFile, ev, ref, text


def write_activities(path, opportunities):
    xml = XmlFile(
        """
To-dos the salespeople planned themselves on open opportunities, besides the
agreed actions that submitted visits create.
Then what the add-on's hourly jobs would have done by now: flag the leads past
their first-touch deadline and the opportunities without follow-up for too long.
""",
        IN_LANG,
    )
    open_ones = [o for o in opportunities if VISIT <= o.stage <= QUOTE and not o.overdue]
    for number, opp in enumerate(rng.sample(open_ones, 18), start=1):
        activity_type, summary = rng.choice(PLANNED_ACTIVITIES)
        xml.record(
            f"mail_activity_planned_{number:02d}",
            "mail.activity",
            [
                ref("res_model_id", "crm.model_crm_lead"),
                ref("res_id", opp.xmlid),
                ref("activity_type_id", activity_type),
                text("summary", opp.fill(summary)),
                ev("date_deadline", Moment(-rng.randint(1, 7)).date_expr()),
                ref("user_id", opp.user.xmlid),
            ],
        )
    xml.blank()
    xml.comment("a call due today for each salesperson: their mobile page opens on something to do")
    for person in SALESPEOPLE:
        opp = next(o for o in open_ones if o.user is person)
        xml.record(
            f"mail_activity_due_today_{person.key}",
            "mail.activity",
            [
                ref("res_model_id", "crm.model_crm_lead"),
                ref("res_id", opp.xmlid),
                ref("activity_type_id", "mail.mail_activity_data_call"),
                text("summary", opp.fill("跟{honor}确认下批送货时间")),
                ev("date_deadline", Moment(0).date_expr()),
                ref("user_id", person.xmlid),
            ],
        )
    xml.blank()
    xml.comment("what ir_cron_anchor_first_touch_sla and ir_cron_anchor_overdue would have done by now")
    xml.function("crm.lead", "_anchor_sync_first_touch_sla", eval_="[]")
    xml.function("crm.lead", "_anchor_sync_overdue", eval_="[]")
    xml.comment("what the check-in and template-mining jobs would have done by now")
    xml.function("crm.anchor.checkin", "_cron_anchor_checkins", eval_="[]")
    xml.function("crm.anchor.template", "_cron_anchor_mine_templates", eval_="[]")
    xml.write(path)
