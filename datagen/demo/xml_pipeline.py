"""``crm_anchor_pipeline_demo.xml``: each opportunity's evidence and stage moves, in order."""

from xml.sax.saxutils import escape

from datagen.addon import anchor_constants
from datagen.world.sales_process import REMINDER_FEEDBACK, STAGE_NAMES, STAGES

from .model import SIGNED, ActionDone, ClosedReminders, Document, SignedReminders, StageMove, Touch, Visit
from .xml_file import IN_LANG, XmlFile, attr, ev, multiline, ref, refs, text, when

# In the comments: the agreed action as the form shows it, in lower case (send proposal).
ACTION_LABELS = {key: label.lower() for key, label in anchor_constants.AGREED_ACTIONS}


def write_touch(xml, opp, touch):
    xmlid = f"{opp.key}_touch_{touch.number}"
    label = "first touch" if touch.first else "touch"
    xml.comment(f"{touch.at} {label} by {touch.method}")
    xml.record(
        f"{xmlid}_evidence",
        "ir.attachment",
        [
            text("name", touch.evidence_name),
            text("res_model", "crm.lead"),
            ref("res_id", opp.xmlid),
            text("mimetype", "text/plain"),
            multiline("raw", touch.evidence_text),
        ],
    )
    xml.record(
        xmlid,
        "crm.anchor.touch",
        [
            ref("lead_id", opp.xmlid),
            ref("user_id", opp.user.xmlid),
            when("date", touch.at),
            text("method", touch.method),
            text("customer_words", touch.words),
            refs("evidence_attachment_ids", [f"{xmlid}_evidence"]),
            *([refs("signal_ids", [f"signal_{touch.signal}"])] if touch.signal else []),
            text("state", "done"),
        ],
    )


def write_visit(xml, opp, visit):
    xmlid = f"{opp.key}_visit_{visit.number}"
    fields = [
        ref("lead_id", opp.xmlid),
        ref("user_id", opp.user.xmlid),
        when("date_visit", visit.at),
        ref("pain_category_id", f"pain_category_{visit.category}"),
    ]
    if visit.state == "draft":
        xml.comment(f"{visit.at} visit planned (draft)")
        xml.record(xmlid, "crm.anchor.visit", fields)
        return
    action = ACTION_LABELS[visit.action]
    xml.comment(f"{visit.at} visit, agreed: {action}, follow-up {visit.followup} by {visit.channel}")
    fields += [
        text("pain_summary", visit.summary),
        text("value_point", visit.value),
        text("agreed_action", visit.action),
    ]
    if visit.note:
        fields.append(text("agreed_action_note", visit.note))
    fields += [
        when("date_next_followup", visit.followup),
        text("followup_channel", visit.channel),
        text("state", "submitted"),
        when("date_submitted", visit.submitted),
    ]
    xml.record(xmlid, "crm.anchor.visit", fields)


def write_action_done(xml, opp, done):
    visit_xmlid = f"{opp.key}_visit_{done.visit.number}"
    timing = "on time" if done.on_time else "late"
    activity_of_visit = f"[[ref('{visit_xmlid}')], 'activity_id.id']"
    xml.comment(f"{done.at} agreed action of visit {done.visit.number} done, {timing}")
    xml.function(
        "mail.activity",
        "action_feedback",
        uid=opp.user.xmlid,
        children=[
            # the id of the activity the visit's submission created
            f'<function model="crm.anchor.visit" name="mapped" eval="{attr(activity_of_visit)}"/>',
            f'<value name="feedback">{escape(done.feedback)}</value>',
        ],
    )
    xml.record(
        visit_xmlid,
        "crm.anchor.visit",
        [when("date_action_done", done.at), ev("action_done_on_time", str(done.on_time))],
    )


def write_document(xml, opp, document):
    xmlid = f"{opp.key}_{document.kind}_document"
    xml.comment(f"{document.at} {document.kind} document attached")
    xml.record(
        xmlid,
        "ir.attachment",
        [
            text("name", document.name),
            text("res_model", "crm.lead"),
            ref("res_id", opp.xmlid),
            text("mimetype", "text/plain"),
            multiline("raw", document.text),
        ],
    )
    xml.record(
        opp.xmlid,
        "crm.lead",
        [ev(f"anchor_{document.kind}_attachment_ids", f"[Command.link(ref('{xmlid}'))]")],
    )


def write_closed_reminders(xml, opp, event, signed_days):
    kinds = list(event.kinds) + (["payment"] if signed_days > 35 else [])
    types = ", ".join(f"ref('mail_activity_type_anchor_{k}')" for k in kinds)
    domain = (
        f"[[('res_model', '=', 'crm.lead'), ('res_id', '=', ref('{opp.xmlid}')),"
        f" ('activity_type_id', 'in', [{types}])]]"
    )
    xml.comment(f"{event.at} follow-through done: {', '.join(kinds)}")
    xml.function(
        "mail.activity",
        "action_feedback",
        uid=opp.user.xmlid,
        children=[
            f'<function model="mail.activity" name="search" eval="{attr(domain)}"/>',
            f'<value name="feedback">{escape("".join(REMINDER_FEEDBACK[k] for k in kinds))}</value>',
        ],
    )


def write_history(xml, opp):
    """Facts the add-on stamps with the time they are recorded (the load time):
    set back to when they happened."""
    first = {}
    for event in opp.events:
        if isinstance(event, ActionDone) and event.visit.action in ("send_proposal", "send_quote"):
            first.setdefault(event.visit.action.replace("send_", "date_") + "_sent", event.at)
        elif isinstance(event, Document):
            first.setdefault(f"date_{event.kind}_sent", event.at)
        elif isinstance(event, StageMove):
            first["date_last_stage_update"] = event.at
            if event.stage == SIGNED:
                first["date_signed"] = first["date_closed"] = event.at
    if not first:
        return
    xml.comment("history: when these facts really happened (the add-on stamps them at load time)")
    fields = [when(name, moment) for name, moment in sorted(first.items())]
    if opp.stage >= SIGNED:
        fields.append(ev("date_deadline", first["date_signed"].date_expr()))
    xml.record(opp.xmlid, "crm.lead", fields)


def write_pipeline(path, opportunities):
    xml = XmlFile(
        """
Each opportunity's story, in the order it happened: touches with their evidence,
visits, agreed actions marked done, documents, and the stage moves they allow.
Stages are written after their evidence exists, so the stage gates really check it.
Data files load as the superuser, which records history: a visit's next follow-up
must be after the visit (not after today), a touch is logged on its own date.
Base automations are not active while a module installs: what they would do on
entering Signed (the follow-through reminders) is called here directly.
""",
        IN_LANG,
    )
    for opp in opportunities:
        xml.blank()
        xml.comment(f"===== {opp.key} {opp.name} · {opp.user.name} · {STAGE_NAMES[opp.stage]} =====")
        if opp.waiting:
            xml.comment("waiting for its first touch")
        signed_days = 0
        for event in opp.events:
            if isinstance(event, Touch):
                write_touch(xml, opp, event)
            elif isinstance(event, Visit):
                write_visit(xml, opp, event)
            elif isinstance(event, ActionDone):
                write_action_done(xml, opp, event)
            elif isinstance(event, Document):
                write_document(xml, opp, event)
            elif isinstance(event, StageMove):
                xml.comment(f"{event.at} moved to {STAGE_NAMES[event.stage]}")
                xml.record(opp.xmlid, "crm.lead", [ref("stage_id", f"stage_anchor_{STAGES[event.stage]}")])
                if event.stage == SIGNED:
                    signed_days = event.at.days
            elif isinstance(event, SignedReminders):
                xml.comment("what automation_enter_signed does: delivery, invoice and payment reminders")
                xml.function("crm.lead", "_anchor_on_enter_signed", eval_=f"[[ref('{opp.xmlid}')]]")
            elif isinstance(event, ClosedReminders):
                write_closed_reminders(xml, opp, event, signed_days)
        write_history(xml, opp)
    xml.write(path)
