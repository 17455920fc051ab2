"""The small part done through Odoo's ORM: stages, tags, users, teams.

Every user gets the password ``bench``: it is hashed once, by the ORM, for the
first salesperson, and the hash is copied to the others in SQL (hashing takes
a noticeable fraction of a second per user).
"""

from dataclasses import dataclass

from datagen.world.sales_process import STAGES

from .build import ActivityType

PASSWORD = "bench"
REP_LOGIN = "bench.rep.%"
MANAGER_LOGIN = "bench.manager.{:02d}@example.com"
GENERIC_STAGES = ("crm.stage_lead1", "crm.stage_lead2", "crm.stage_lead3", "crm.stage_lead4")
ACTIVITY_TYPES = {
    "agreed": "sales_action_anchor.mail_activity_type_anchor_agreed_action",
    "overdue": "sales_action_anchor.mail_activity_type_anchor_overdue",
    "first_touch": "sales_action_anchor.mail_activity_type_anchor_first_touch",
    "delivery": "sales_action_anchor.mail_activity_type_anchor_delivery",
    "invoice": "sales_action_anchor.mail_activity_type_anchor_invoice",
    "payment": "sales_action_anchor.mail_activity_type_anchor_payment",
}
PLANNED_TYPES = (
    "mail.mail_activity_data_call",
    "mail.mail_activity_data_meeting",
    "mail.mail_activity_data_todo",
    "mail.mail_activity_data_email",
)


@dataclass
class Manager:
    user_id: int
    partner_id: int
    name: str
    login: str


@dataclass
class Refs:
    """Ids of records the bulk rows point to."""

    company_id: int
    country_id: int
    lang_id: int
    root_user_id: int
    lead_model_id: int
    stage: dict
    category: dict
    signal: dict
    activity_type: dict
    subtype: dict
    lost_reasons: dict
    states: dict
    industries: dict
    tags: dict


def already_generated(env):
    return bool(
        env["res.users"].with_context(active_test=False).search_count([("login", "=like", REP_LOGIN)])
    )


def share_anchor_stages(env):
    """The teams share the add-on's six stages (no team on them); Odoo's four
    generic stages go, so that new opportunities start in Lead."""
    stages = env["crm.stage"].browse([env.ref(f"sales_action_anchor.stage_anchor_{c}").id for c in STAGES])
    stages.write({"team_id": False})
    generic = env["crm.stage"].browse(
        [r.id for x in GENERIC_STAGES if (r := env.ref(x, raise_if_not_found=False))]
    )
    if generic and not env["crm.lead"].with_context(active_test=False).search_count(
        [("stage_id", "in", generic.ids)]
    ):
        generic.unlink()


def make_tags(env, labels):
    return {key: env["crm.tag"].create({"name": label}).id for key, label in labels.items()}


def make_users(env, reps, sizes, manager_names, team_names):
    """Managers and salespeople (ORM), teams with their members; returns the managers."""
    Users = env["res.users"].with_context(
        no_reset_password=True, tracking_disable=True, mail_create_nolog=True
    )
    salesman = env.ref("sales_team.group_sale_salesman")
    manager_group = env.ref("sales_team.group_sale_manager")
    common = {"tz": "Asia/Shanghai", "lang": "en_US", "notification_type": "inbox"}
    manager_users = Users.create(
        [
            {
                "name": name,
                "login": MANAGER_LOGIN.format(index),
                "email": MANAGER_LOGIN.format(index),
                "groups_id": [(6, 0, [manager_group.id])],
                **common,
            }
            for index, name in enumerate(manager_names, start=1)
        ]
    )
    rep_users = Users.create(
        [
            {
                "name": rep.name,
                "login": rep.login,
                "email": rep.login,
                "groups_id": [(6, 0, [salesman.id])],
                **common,
            }
            for rep in reps
        ]
    )
    teams = env["crm.team"].create(
        [
            {
                "name": name,
                "user_id": user.id,
                "anchor_enforced": True,
                "use_opportunities": True,
                "use_leads": False,
                "sequence": 10 + index,
            }
            for index, (name, user) in enumerate(zip(team_names, manager_users, strict=True))
        ]
    )
    env["crm.team.member"].create(
        [
            {
                "crm_team_id": teams[rep.team_index].id,
                "user_id": user.id,
                "anchor_date_joined": rep.joined,
                "anchor_pilot": rep.pilot,
            }
            for rep, user in zip(reps, rep_users, strict=True)
        ]
    )
    for rep, user in zip(reps, rep_users, strict=True):
        rep.user_id, rep.partner_id = user.id, user.partner_id.id
        rep.team_id, rep.team_name = teams[rep.team_index].id, team_names[rep.team_index]
    # Hash once, copy the hash: every generated user logs in with the same password.
    rep_users[0].password = PASSWORD
    env.flush_all()
    env.cr.execute(
        "UPDATE res_users SET password = (SELECT password FROM res_users WHERE id = %s) WHERE id = ANY(%s)",
        [rep_users[0].id, (rep_users | manager_users).ids],
    )
    # Users and memberships date from when each salesperson joined (managers: the first of their team).
    joined = {user.id: rep.joined for rep, user in zip(reps, rep_users, strict=True)}
    for team_index, user in enumerate(manager_users):
        joined[user.id] = min(rep.joined for rep in reps if rep.team_index == team_index)
    for user_id, day in joined.items():
        stamp = f"{day} 01:00:00"  # 09:00 in Shanghai
        env.cr.execute("UPDATE res_users SET create_date = %s WHERE id = %s", [stamp, user_id])
        env.cr.execute(
            "UPDATE res_partner p SET create_date = %s FROM res_users u"
            " WHERE u.id = %s AND p.id = u.partner_id",
            [stamp, user_id],
        )
        env.cr.execute("UPDATE crm_team_member SET create_date = %s WHERE user_id = %s", [stamp, user_id])
    env.invalidate_all()
    return [Manager(u.id, u.partner_id.id, u.name, u.login) for u in manager_users]


def team_names(count, regions):
    names = []
    for index in range(count):
        region = regions[index % len(regions)]
        round_ = index // len(regions)
        names.append(
            f"{region}销售{'一二三四五六七八九十'[round_ % 10]}部"
            if count > len(regions)
            else f"{region}销售部"
        )
    return names


def references(env, tags):
    def xmlid(name):
        return env.ref(name).id

    def activity(name):
        kind = env.ref(name)
        return ActivityType(kind.id, kind.name, kind.icon or "fa-tasks", kind.summary or kind.name)

    activity_types = {key: activity(name) for key, name in ACTIVITY_TYPES.items()}
    activity_types.update({name: activity(name) for name in PLANNED_TYPES})
    env.cr.execute(
        "SELECT module || '.' || name, res_id FROM ir_model_data WHERE model = 'res.country.state'"
    )
    states = dict(env.cr.fetchall())
    return Refs(
        company_id=env.ref("base.main_company").id,
        country_id=xmlid("base.cn"),
        lang_id=env["res.lang"]._lang_get("en_US").id,
        root_user_id=xmlid("base.user_root"),
        lead_model_id=env["ir.model"]._get_id("crm.lead"),
        stage={c: xmlid(f"sales_action_anchor.stage_anchor_{c}") for c in STAGES},
        category={
            c: xmlid(f"sales_action_anchor.pain_category_{c}")
            for c in ("lead_time", "compliance", "local_marketing", "price", "product_fit", "service")
        },
        signal={c: xmlid(f"sales_action_anchor.signal_{c}") for c in ("second_quote", "delivery_question")},
        activity_type=activity_types,
        subtype={
            "discussions": xmlid("mail.mt_comment"),
            "note": xmlid("mail.mt_note"),
            "activities": xmlid("mail.mt_activities"),
            "lead_create": xmlid("crm.mt_lead_create"),
        },
        lost_reasons={x: xmlid(x) for x in ("crm.lost_reason_1", "crm.lost_reason_2", "crm.lost_reason_3")},
        states=states,
        industries={c: xmlid(f"base.res_partner_industry_{c}") for c in "ABCDEFGHIJKLMNOPQRSTU"},
        tags=tags,
    )
