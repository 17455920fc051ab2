"""The SQL floor of each benchmarked operation: the minimal hand-written SQL
that computes the same figures (or makes the same rows) without the ORM, the
record rules or any Python beyond unpacking the rows.

Each function takes a psycopg2 cursor and returns figures in the same shape as
``bench/compare.py`` extracts them from the add-on's own results, so that the
benchmark also proves that the floor and the add-on agree.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

# The one rule of a due ledger row: settled, or pending past its deadline.
DUE = "(e.state <> 'pending' OR e.date_deadline < (now() AT TIME ZONE 'UTC'))"


def utc_midnight(day, tz):
    """00:00 of ``day`` in ``tz`` as a naive UTC datetime (how Odoo stores them)."""
    local = datetime.combine(day, time.min, tzinfo=ZoneInfo(tz))
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def dashboard(cr, period, trend_start, trend_end, newcomer_days, tz, today):
    """Stages, overdue, penetration (period, previous period, trend) and the
    visit-quality ranking: the figures that make get_data's cost. Periods are
    the team's days (``tz``); months are recomputed from each deadline rather
    than read from the ledger's stored month, so that the two are compared."""
    cr.execute(
        """
        SELECT l.anchor_stage_code, COUNT(*), COUNT(*) FILTER (WHERE l.anchor_overdue)
          FROM crm_lead l JOIN crm_team t ON t.id = l.team_id AND t.anchor_enforced
         WHERE l.type = 'opportunity' AND l.active
         GROUP BY 1
        """
    )
    rows = cr.fetchall()
    stages = {code: count for code, count, _overdue in rows if code}
    overdue = sum(row[2] for row in rows)

    bounds = {
        "start": utc_midnight(period["date_from"], tz),
        "end": utc_midnight(period["date_to"] + timedelta(days=1), tz),
        "prev_start": utc_midnight(period["previous_from"], tz),
        "low": utc_midnight(min(trend_start, period["previous_from"]), tz),
        "high": utc_midnight(max(trend_end, period["date_to"] + timedelta(days=1)), tz),
        "tz": tz,
    }
    cr.execute(
        f"""
        SELECT k.code, date_trunc('month', e.date_deadline AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
               e.date_deadline >= %(start)s AND e.date_deadline < %(end)s,
               e.date_deadline >= %(prev_start)s AND e.date_deadline < %(start)s,
               COUNT(*), COUNT(*) FILTER (WHERE e.state = 'done_on_time')
          FROM crm_anchor_expectation e JOIN crm_anchor_kpi k ON k.id = e.kpi_id
         WHERE {DUE} AND e.date_deadline >= %(low)s AND e.date_deadline < %(high)s
         GROUP BY 1, 2, 3, 4
        """,
        bounds,
    )
    penetration, previous, trend = {}, {}, {}
    for code, month, in_period, in_previous, expected, on_time in cr.fetchall():
        for bucket, selected in ((penetration, in_period), (previous, in_previous)):
            if selected:
                old = bucket.get(code, (0, 0))
                bucket[code] = (old[0] + expected, old[1] + on_time)
        if trend_start <= month < trend_end:
            old = trend.get((code, month), (0, 0))
            trend[(code, month)] = (old[0] + expected, old[1] + on_time)

    # An agreed action is due and done as its ledger row; a follow-up is kept
    # when the customer was contacted again by the day after it.
    cr.execute(
        f"""
        SELECT v.user_id, COUNT(*),
               ROUND(AVG(char_length(btrim(COALESCE(v.pain_summary, ''))))::numeric, 1),
               COUNT(*) FILTER (WHERE {DUE}),
               COUNT(*) FILTER (WHERE e.state IN ('done_on_time', 'done_late')),
               COUNT(*) FILTER (WHERE v.date_next_followup < (now() AT TIME ZONE 'UTC')),
               COUNT(*) FILTER (WHERE v.date_next_followup < (now() AT TIME ZONE 'UTC') AND (
                   EXISTS (SELECT 1 FROM crm_anchor_touch t
                            WHERE t.lead_id = v.lead_id AND t.state = 'done' AND t.date > v.date_visit
                              AND t.date <= v.date_next_followup + interval '1 day')
                   OR EXISTS (SELECT 1 FROM crm_anchor_visit w
                               WHERE w.lead_id = v.lead_id AND w.state = 'submitted'
                                 AND w.date_visit > v.date_visit
                                 AND w.date_visit <= v.date_next_followup + interval '1 day')))
          FROM crm_anchor_visit v JOIN crm_team t ON t.id = v.team_id AND t.anchor_enforced
          LEFT JOIN crm_anchor_expectation e ON e.visit_id = v.id AND e.kpi_code = 'agreed_action'
         WHERE v.state = 'submitted' AND v.date_visit >= %(start)s AND v.date_visit < %(end)s
         GROUP BY v.user_id
        """,
        bounds,
    )
    ranking = {row[0]: tuple(float(value) for value in row[1:]) for row in cr.fetchall()}
    cr.execute(
        """
        SELECT DISTINCT m.user_id FROM crm_team_member m
          JOIN crm_team t ON t.id = m.crm_team_id AND t.anchor_enforced
         WHERE m.anchor_date_joined >= %s AND m.active
        """,
        (today - timedelta(days=newcomer_days),),
    )
    newcomers = sorted(row[0] for row in cr.fetchall())
    return {
        "stages": stages,
        "overdue": overdue,
        "penetration": penetration,
        "previous": previous,
        "trend": trend,
        "ranking": ranking,
        "newcomers": newcomers,
        **_business(cr, period, bounds, newcomer_days),
    }


def _business(cr, period, bounds, newcomer_days):
    """Demand heat, trust, stage misjudgment and newcomers' first-deal cycles."""
    cr.execute(
        """
        SELECT COUNT(DISTINCT said.partner_id) FROM (
            SELECT t.partner_id, r.signal_id FROM crm_anchor_touch t
              JOIN crm_anchor_touch_signal_rel r ON r.touch_id = t.id
             WHERE t.state = 'done' AND t.date >= %(start)s AND t.date < %(end)s
            UNION ALL
            SELECT v.partner_id, r.signal_id FROM crm_anchor_visit v
              JOIN crm_anchor_visit_signal_rel r ON r.visit_id = v.id
             WHERE v.state = 'submitted' AND v.date_visit >= %(start)s AND v.date_visit < %(end)s
        ) said JOIN crm_anchor_signal s ON s.id = said.signal_id AND s.code = 'second_quote'
        """,
        bounds,
    )
    demand = cr.fetchone()[0]
    cr.execute(
        """
        SELECT COUNT(DISTINCT l.id), COUNT(DISTINCT asked.partner_id)
          FROM crm_lead l JOIN crm_team tm ON tm.id = l.team_id AND tm.anchor_enforced
          LEFT JOIN LATERAL (
                SELECT t.partner_id FROM crm_anchor_touch t
                  JOIN crm_anchor_touch_signal_rel r ON r.touch_id = t.id
                  JOIN crm_anchor_signal s ON s.id = r.signal_id AND s.code = 'delivery_question'
                 WHERE t.lead_id = l.id AND t.state = 'done'
                   AND t.date BETWEEN l.date_signed AND l.date_signed + interval '7 days'
                UNION
                SELECT v.partner_id FROM crm_anchor_visit v
                  JOIN crm_anchor_visit_signal_rel r ON r.visit_id = v.id
                  JOIN crm_anchor_signal s ON s.id = r.signal_id AND s.code = 'delivery_question'
                 WHERE v.lead_id = l.id AND v.state = 'submitted'
                   AND v.date_visit BETWEEN l.date_signed AND l.date_signed + interval '7 days'
          ) asked ON TRUE
         WHERE l.type = 'opportunity' AND l.active AND l.date_signed >= %(start)s AND l.date_signed < %(end)s
        """,
        bounds,
    )
    signed, trusting = cr.fetchone()
    cr.execute(
        """
        SELECT COUNT(*) FILTER (WHERE date_gate_forced < %(start)s),
               COUNT(*) FILTER (WHERE date_gate_forced < %(start)s AND date_misjudged IS NOT NULL),
               COUNT(*) FILTER (WHERE date_gate_forced >= %(start)s),
               COUNT(*) FILTER (WHERE date_gate_forced >= %(start)s AND date_misjudged IS NOT NULL)
          FROM crm_lead
         WHERE type = 'opportunity' AND date_gate_forced >= %(prev_start)s AND date_gate_forced < %(end)s
        """,
        bounds,
    )
    forced_before, wrong_before, forced_after, wrong_after = cr.fetchone()
    # Days are the team's: a deal signed at 01:00 in Shanghai is on that day.
    cr.execute(
        """
        WITH signed AS (
            SELECT l.user_id, (l.date_signed AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day
              FROM crm_lead l WHERE l.active AND l.type = 'opportunity' AND l.date_signed IS NOT NULL
        ), firsts AS (
            SELECT MIN(m.anchor_date_joined) AS joined, MIN(s.day) AS deal
              FROM crm_team_member m JOIN crm_team t ON t.id = m.crm_team_id AND t.anchor_enforced
              JOIN signed s ON s.user_id = m.user_id AND s.day >= m.anchor_date_joined
             WHERE m.active
             GROUP BY m.user_id
        )
        SELECT ROUND(AVG(deal - joined) FILTER (WHERE deal >= %(prev_from)s AND deal < %(date_from)s), 1),
               ROUND(AVG(deal - joined) FILTER (WHERE deal >= %(date_from)s AND deal <= %(date_to)s), 1)
          FROM firsts WHERE deal - joined <= %(newcomer_days)s
        """,
        {**bounds, **period, "prev_from": period["previous_from"], "newcomer_days": newcomer_days},
    )
    return {
        "demand_heat": demand,
        "trust": (trusting, signed),
        "misjudgment": (rate(wrong_before, forced_before), rate(wrong_after, forced_after)),
        "first_deal_days": tuple(float(days) if days is not None else None for days in cr.fetchone()),
    }


def rate(part, whole):
    return round(part / whole, 4) if whole else None


def penetration_pivot(cr, start, end):
    """Cells by salesperson and KPI, with the names the pivot shows, in its order."""
    cr.execute(
        f"""
        SELECT cell.user_id, partner.name, cell.kpi_id, kpi.name->>'en_US', cell.expected, cell.on_time
          FROM (SELECT e.user_id, e.kpi_id, COUNT(*) AS expected,
                       COUNT(*) FILTER (WHERE e.state = 'done_on_time') AS on_time
                  FROM crm_anchor_expectation e
                 WHERE {DUE} AND e.date_deadline >= %s AND e.date_deadline < %s
                 GROUP BY 1, 2) cell
          LEFT JOIN res_users u ON u.id = cell.user_id
          LEFT JOIN res_partner partner ON partner.id = u.partner_id
          JOIN crm_anchor_kpi kpi ON kpi.id = cell.kpi_id
         ORDER BY partner.name, kpi.sequence
        """,
        (start, end),
    )
    return {(row[0] or False, row[2]): (row[4], row[5]) for row in cr.fetchall()}


def visit_pivot(cr, start, end):
    """The visit-quality report's per-salesperson averages, straight from its
    view, with the names the pivot shows, in its order."""
    cr.execute(
        """
        SELECT cell.*, partner.name FROM (
            SELECT user_id, COUNT(*), ROUND(AVG(summary_chars)::numeric, 1),
                   ROUND(AVG(action_done_rate)::numeric, 1), ROUND(AVG(followup_kept_rate)::numeric, 1)
              FROM crm_anchor_visit_report WHERE date_visit >= %s AND date_visit < %s
             GROUP BY user_id) cell
          JOIN res_users u ON u.id = cell.user_id
          JOIN res_partner partner ON partner.id = u.partner_id
         ORDER BY partner.name
        """,
        (start, end),
    )
    return {row[0]: tuple(float(v) if v is not None else None for v in row[1:5]) for row in cr.fetchall()}


def sync_overdue(cr, activity_type_id, model_id, today):
    """Flags in one UPDATE, then one reminder per newly flagged lead, with its
    assignment notice, in one statement."""
    cr.execute(
        """
        WITH should AS (
            SELECT l.id FROM crm_lead l JOIN crm_team t ON t.id = l.team_id
             WHERE t.anchor_enforced AND l.active
               AND COALESCE(l.anchor_stage_code, '') NOT IN ('signed', 'delivery')
               AND COALESCE(l.date_last_followup, l.create_date)
                   < (now() AT TIME ZONE 'UTC') - make_interval(days => t.anchor_overdue_days)
        )
        UPDATE crm_lead l SET anchor_overdue = (l.id IN (SELECT id FROM should))
         WHERE COALESCE(l.anchor_overdue, FALSE) <> (l.id IN (SELECT id FROM should))
        RETURNING l.id, l.anchor_overdue
        """
    )
    changed = cr.fetchall()
    flagged = [lead_id for lead_id, flag in changed if flag]
    _insert_reminders(cr, flagged, activity_type_id, model_id, today)
    return len(changed)


def sync_first_touch_sla(cr, activity_type_id, model_id, today):
    cr.execute(
        """
        UPDATE crm_lead SET first_touch_sla_status = 'breached'
         WHERE first_touch_sla_status = 'pending' AND active
           AND date_first_touch_deadline < (now() AT TIME ZONE 'UTC')
        RETURNING id
        """
    )
    breached = [row[0] for row in cr.fetchall()]
    _insert_reminders(cr, breached, activity_type_id, model_id, today)
    return len(breached)


def _insert_reminders(cr, lead_ids, activity_type_id, model_id, today):
    """What Odoo writes for a reminder assigned by the job (run as OdooBot):
    the activity for the salesperson (else the team leader, else OdooBot), its
    assignee following the lead, and for an assignee other than OdooBot the
    "… assigned to you" message with its recipient and its notification
    (inbox, or e-mail and the outgoing mail, per the user's preference)."""
    cr.execute(
        """
        WITH plan AS (
            SELECT l.id AS lead_id, l.name AS lead_name,
                   COALESCE(l.user_id, t.user_id, 1) AS user_id,
                   u.partner_id, u.notification_type, COALESCE(p.lang, 'en_US') AS lang,
                   COALESCE(at.summary ->> COALESCE(p.lang, 'en_US'), at.summary ->> 'en_US',
                            at.name ->> COALESCE(p.lang, 'en_US'), at.name ->> 'en_US') AS summary,
                   nextval('mail_message_id_seq') AS message_id,
                   nextval('mail_mail_id_seq') AS mail_id
              FROM crm_lead l
              LEFT JOIN crm_team t ON t.id = l.team_id
              JOIN res_users u ON u.id = COALESCE(l.user_id, t.user_id, 1)
              JOIN res_partner p ON p.id = u.partner_id
              JOIN mail_activity_type at ON at.id = %(type)s
             WHERE l.id = ANY(%(ids)s)
               AND NOT EXISTS (SELECT 1 FROM mail_activity a WHERE a.res_model = 'crm.lead'
                                AND a.res_id = l.id AND a.activity_type_id = %(type)s)
        ), bot AS (
            SELECT p.id AS partner_id, format('"%%s" <%%s>', p.name, p.email) AS email_from
              FROM res_users u JOIN res_partner p ON p.id = u.partner_id WHERE u.id = 1
        ), note AS (
            SELECT res_id AS id FROM ir_model_data WHERE module = 'mail' AND name = 'mt_note'
        ), activity AS (
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, summary,
                                       user_id, date_deadline, automated, create_uid, write_uid,
                                       create_date, write_date)
            SELECT %(model)s, 'crm.lead', lead_id, lead_name, %(type)s, summary, user_id, %(today)s,
                   TRUE, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM plan
        ), follower AS (
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT DISTINCT 'crm.lead', lead_id, partner_id FROM plan
            ON CONFLICT DO NOTHING
            RETURNING id
        ), follower_subtype AS (
            INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
            SELECT follower.id, st.id FROM follower
              JOIN mail_message_subtype st
                ON st."default" AND (st.res_model IS NULL OR st.res_model = 'crm.lead')
        ), message AS (
            INSERT INTO mail_message (id, model, res_id, message_type, subtype_id, is_internal, author_id,
                                      email_from, reply_to, subject, body, message_id, email_add_signature,
                                      email_layout_xmlid, date, create_uid, write_uid,
                                      create_date, write_date)
            SELECT plan.message_id, 'crm.lead', lead_id, 'user_notification', note.id, TRUE, bot.partner_id,
                   bot.email_from, bot.email_from,
                   format('"%%s: %%s" assigned to you', lead_name, summary),
                   format('<div><p>OdooBot has just assigned you the following activity:</p><ul>'
                          '<li>Document: "%%s" (Lead/Opportunity)</li><li>Summary: %%s</li>'
                          '<li>Deadline: %%s</li></ul></div>', lead_name, summary, %(today)s),
                   format('<%%s-message-notify@example.com>', plan.message_id), TRUE,
                   'mail.mail_notification_layout', now() AT TIME ZONE 'UTC', 1, 1,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM plan, bot, note
             WHERE plan.user_id <> 1
        ), recipient AS (
            INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id)
            SELECT message_id, partner_id FROM plan WHERE user_id <> 1
        ), mail AS (
            INSERT INTO mail_mail (id, mail_message_id, body_html, state, is_notification, auto_delete,
                                   create_uid, write_uid, create_date, write_date)
            SELECT mail_id, message_id, '', 'outgoing', TRUE, TRUE, 1, 1,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM plan WHERE user_id <> 1 AND notification_type = 'email'
        ), mail_recipient AS (
            INSERT INTO mail_mail_res_partner_rel (mail_mail_id, res_partner_id)
            SELECT mail_id, partner_id FROM plan WHERE user_id <> 1 AND notification_type = 'email'
        )
        INSERT INTO mail_notification (mail_message_id, res_partner_id, author_id, notification_type,
                                       notification_status, mail_mail_id, is_read)
        SELECT message_id, plan.partner_id, bot.partner_id, notification_type,
               CASE WHEN notification_type = 'inbox' THEN 'sent' ELSE 'ready' END,
               CASE WHEN notification_type = 'email' THEN mail_id END,
               notification_type <> 'inbox'
          FROM plan, bot WHERE user_id <> 1
        """,
        {
            "model": model_id,
            "type": activity_type_id,
            "today": today,
            "ids": lead_ids,
        },
    )


def mark_missed(cr):
    cr.execute(
        """
        UPDATE crm_anchor_expectation SET state = 'missed'
         WHERE state = 'pending' AND date_deadline < (now() AT TIME ZONE 'UTC')
        """
    )
    return cr.rowcount


def visit_facts(cr, sample):
    """The rows the template mining reads (the ``sample`` latest visits per
    company and category); the mining itself is the same pure function."""
    cr.execute(
        """
        SELECT * FROM (
            SELECT v.id, v.lead_id, v.pain_category_id, v.pain_summary, v.value_point, v.agreed_action,
                   l.company_id, (l.active AND (l.probability = 100 OR COALESCE(s.is_won, FALSE))),
                   row_number() OVER (PARTITION BY l.company_id, v.pain_category_id
                                      ORDER BY v.date_visit DESC, v.id DESC) AS recent
              FROM crm_anchor_visit v JOIN crm_lead l ON l.id = v.lead_id
              JOIN crm_team t ON t.id = l.team_id AND t.anchor_enforced
              LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE v.state = 'submitted'
               AND ((l.active AND (l.probability = 100 OR COALESCE(s.is_won, FALSE)))
                    OR (NOT l.active AND COALESCE(l.probability, 0) = 0))
        ) mined WHERE recent <= %s
        """,
        (sample,),
    )
    return cr.fetchall()


def submit_visit(cr, visit_id, activity_type_id, model_id, kpi_ids):
    """Submitting a visit by hand: the visit, its activity, the lead's follow-up
    date and the two ledger rows (close the report, open the agreed action)."""
    cr.execute(
        """
        UPDATE crm_anchor_visit SET state = 'submitted', date_submitted = now() AT TIME ZONE 'UTC',
               action_deadline = (date_next_followup AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date
         WHERE id = %s
        RETURNING lead_id, user_id, date_next_followup, action_deadline, team_id, company_id
        """,
        (visit_id,),
    )
    lead_id, user_id, _followup, deadline, team_id, company_id = cr.fetchone()
    cr.execute(
        """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id, summary, user_id,
                                   date_deadline, create_uid, write_uid, create_date, write_date)
        VALUES (%s, 'crm.lead', %s, %s, 'agreed action', %s, %s, %s, %s,
                now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
        RETURNING id
        """,
        (model_id, lead_id, activity_type_id, user_id, deadline, user_id, user_id),
    )
    cr.execute("UPDATE crm_anchor_visit SET activity_id = %s WHERE id = %s", (cr.fetchone()[0], visit_id))
    cr.execute(
        "UPDATE crm_lead SET date_last_followup = now() AT TIME ZONE 'UTC', anchor_overdue = FALSE "
        "WHERE id = %s",
        (lead_id,),
    )
    cr.execute(
        "UPDATE crm_anchor_expectation SET state = 'done_on_time', date_done = now() AT TIME ZONE 'UTC' "
        "WHERE visit_id = %s AND kpi_id = %s",
        (visit_id, kpi_ids["visit_complete"]),
    )
    cr.execute(
        """
        INSERT INTO crm_anchor_expectation (kpi_id, kpi_code, lead_id, visit_id, user_id, team_id,
                                            company_id, date_deadline, month, state)
        VALUES (%(kpi)s, 'agreed_action', %(lead)s, %(visit)s, %(user)s, %(team)s, %(company)s,
                ((%(day)s::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AT TIME ZONE 'UTC')
                    - interval '1 second',
                date_trunc('month', %(day)s::date)::date, 'pending')
        """,
        {
            "kpi": kpi_ids["agreed_action"],
            "lead": lead_id,
            "visit": visit_id,
            "user": user_id,
            "team": team_id,
            "company": company_id,
            "day": deadline,
        },
    )


def gate_check(cr, lead_id, stage_id):
    """The evidence the target stage's gates ask for, then the move."""
    cr.execute(
        """
        SELECT g.code, CASE g.code
                   WHEN 'first_touch' THEN l.date_first_touch IS NOT NULL
                   WHEN 'submitted_visit' THEN EXISTS (SELECT 1 FROM crm_anchor_visit v
                                                        WHERE v.lead_id = l.id AND v.state = 'submitted')
                   WHEN 'proposal_sent' THEN l.date_proposal_sent IS NOT NULL
                   WHEN 'quote_sent' THEN l.date_quote_sent IS NOT NULL
                   WHEN 'signed' THEN l.date_signed IS NOT NULL END
          FROM crm_lead l, crm_anchor_gate_crm_stage_rel r
          JOIN crm_anchor_gate g ON g.id = r.crm_anchor_gate_id
         WHERE l.id = %s AND r.crm_stage_id = %s
        """,
        (lead_id, stage_id),
    )
    missing = [code for code, ok in cr.fetchall() if not ok]
    if not missing:
        cr.execute(
            "UPDATE crm_lead SET stage_id = %s, date_last_stage_update = now() AT TIME ZONE 'UTC' "
            "WHERE id = %s",
            (stage_id, lead_id),
        )
    return missing
