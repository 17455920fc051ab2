"""``res_users_demo.xml``: the team's users and their membership of the anchor team."""

from .team import JOINED_DAYS_AGO, LANG, MANAGER, PILOT_GROUP, SALESPEOPLE
from .xml_file import IN_LANG, XmlFile, ev, ref, refs, text


def write_users(path):
    xml = XmlFile(
        """
The East China sales team: eight salespeople and their manager, who leads the
anchor team. Chinese, inbox notifications, Shanghai time. Password: demo.
""",
        IN_LANG,
    )
    for person, groups in [(MANAGER, "sales_team.group_sale_manager")] + [
        (s, "sales_team.group_sale_salesman") for s in SALESPEOPLE
    ]:
        xml.record(
            person.xmlid,
            "res.users",
            [
                text("name", person.name),
                text("login", person.login),
                text("email", person.login),
                text("password", "demo"),
                text("lang", LANG),
                text("tz", "Asia/Shanghai"),
                refs("groups_id", [groups, "mail.group_mail_notification_type_inbox"]),
                text("notification_type", "inbox"),
            ],
        )
    xml.blank()
    xml.comment(
        "The manager leads the anchor team; all are members of it only, so it is their default team"
        " and CRM's My Pipeline opens on its six stages."
    )
    xml.record("crm_team_anchor", "crm.team", [ref("user_id", MANAGER.xmlid)])
    for person in (*SALESPEOPLE, MANAGER):
        joined = JOINED_DAYS_AGO.get(person.key, 730)
        xml.record(
            f"crm_team_member_{person.key}",
            "crm.team.member",
            [
                ref("crm_team_id", "crm_team_anchor"),
                ref("user_id", person.xmlid),
                ev(
                    "anchor_date_joined",
                    f"(DateTime.today() - relativedelta(days={joined})).strftime('%Y-%m-%d')",
                ),
                ev("anchor_pilot", str(person.key in PILOT_GROUP)),
            ],
        )
    xml.write(path)
