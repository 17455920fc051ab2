"""Bulk loading with PostgreSQL COPY.

Rows are dicts keyed by column; each table's columns are listed once in
``TABLES`` (in the order of its ``COPY``). Rows are buffered and written in
batches, every table at each flush in the order of ``TABLES`` (parents before
children). Ids are given here, from the table's current maximum, and the
sequences are moved past them at the end (:meth:`CopyWriter.fix_sequences`).
"""

import csv
import io
import threading
import time

# table → columns, in load order (parents first).
TABLES = {
    "res_partner": (
        "id", "name", "complete_name", "is_company", "commercial_partner_id", "commercial_company_name",
        "type", "active", "lang", "user_id", "street", "city", "zip", "state_id", "country_id",
        "industry_id", "phone", "phone_sanitized", "email", "email_normalized", "website", "color",
        "partner_share", "employee", "message_bounce", "calendar_last_notif_ack", "create_uid",
        "write_uid", "create_date", "write_date",
    ),
    "crm_lead": (
        "id", "name", "type", "active", "user_id", "team_id", "company_id", "stage_id", "partner_id",
        "priority", "expected_revenue", "prorated_revenue", "recurring_revenue",
        "recurring_revenue_monthly", "recurring_revenue_monthly_prorated", "recurring_revenue_prorated",
        "probability", "automated_probability", "date_deadline", "date_open", "date_closed",
        "date_last_stage_update", "day_open", "day_close", "color", "message_bounce", "lang_id",
        "country_id", "state_id", "city", "street", "zip", "partner_name", "contact_name", "function",
        "email_from", "email_normalized", "email_domain_criterion", "email_state", "phone",
        "phone_sanitized", "phone_state", "website", "description", "lost_reason_id",
        "anchor_stage_code", "first_touch_sla_status", "anchor_overdue", "date_first_touch",
        "date_first_touch_deadline", "date_last_followup", "date_proposal_sent", "date_quote_stage",
        "date_quote_sent", "date_signed", "date_gate_forced", "date_misjudged", "create_uid",
        "write_uid", "create_date", "write_date",
    ),
    "crm_tag_rel": ("lead_id", "tag_id"),
    "mail_activity": (
        "id", "res_model_id", "res_model", "res_id", "res_name", "activity_type_id", "user_id",
        "summary", "note", "date_deadline", "user_tz", "automated", "active", "create_uid", "write_uid",
        "create_date", "write_date",
    ),
    "ir_attachment": (
        "id", "name", "res_model", "res_id", "company_id", "type", "mimetype", "file_size", "checksum",
        "db_datas", "index_content", "public", "create_uid", "write_uid", "create_date", "write_date",
    ),
    "crm_lead_anchor_proposal_attachment_rel": ("crm_lead_id", "ir_attachment_id"),
    "crm_lead_anchor_quote_attachment_rel": ("crm_lead_id", "ir_attachment_id"),
    "crm_anchor_touch": (
        "id", "lead_id", "partner_id", "user_id", "team_id", "company_id", "date", "method",
        "customer_words", "state", "date_logged", "create_uid", "write_uid", "create_date", "write_date",
    ),
    "crm_anchor_touch_ir_attachment_rel": ("crm_anchor_touch_id", "ir_attachment_id"),
    "crm_anchor_touch_signal_rel": ("touch_id", "signal_id"),
    "crm_anchor_visit": (
        "id", "lead_id", "partner_id", "user_id", "team_id", "company_id", "date_visit", "visit_duration",
        "date_visit_end", "state", "date_submitted", "pain_category_id", "pain_summary",
        "pain_summary_key", "value_point", "agreed_action", "agreed_action_note", "date_next_followup",
        "followup_channel", "client_uuid", "activity_id", "action_deadline", "date_action_done",
        "action_done_on_time", "create_uid", "write_uid", "create_date", "write_date",
    ),
    "crm_anchor_visit_signal_rel": ("visit_id", "signal_id"),
    "crm_anchor_checkin": (
        "id", "user_id", "team_id", "company_id", "date", "morning_partner_id", "morning_need",
        "date_morning_done", "morning_state", "visit_count", "visit_in_time_count", "visit_state",
        "date_evening_done", "evening_state", "completed_count", "create_uid", "write_uid",
        "create_date", "write_date",
    ),
    "crm_anchor_checkin_crm_lead_rel": ("crm_anchor_checkin_id", "crm_lead_id"),
    "mail_message": (
        "id", "model", "res_id", "record_name", "message_type", "subtype_id", "mail_activity_type_id",
        "author_id", "email_from", "reply_to", "message_id", "body", "date", "record_company_id",
        "is_internal", "email_add_signature", "create_uid", "write_uid", "create_date", "write_date",
    ),
    "mail_followers": ("id", "res_model", "res_id", "partner_id"),
    "mail_followers_mail_message_subtype_rel": ("mail_followers_id", "mail_message_subtype_id"),
}  # fmt: skip

# Relation tables: the column pointing to the rows generated with them (to count them).
REL_PARENT = {
    "crm_tag_rel": ("lead_id", "crm_lead"),
    "crm_lead_anchor_proposal_attachment_rel": ("crm_lead_id", "crm_lead"),
    "crm_lead_anchor_quote_attachment_rel": ("crm_lead_id", "crm_lead"),
    "crm_anchor_touch_ir_attachment_rel": ("crm_anchor_touch_id", "crm_anchor_touch"),
    "crm_anchor_touch_signal_rel": ("touch_id", "crm_anchor_touch"),
    "crm_anchor_visit_signal_rel": ("visit_id", "crm_anchor_visit"),
    "crm_anchor_checkin_crm_lead_rel": ("crm_anchor_checkin_id", "crm_anchor_checkin"),
    "mail_followers_mail_message_subtype_rel": ("mail_followers_id", "mail_followers"),
}

FLUSH_ROWS = 250_000


class CopyWriter:
    """Buffers rows per table and COPYs them in batches on one cursor.

    The COPY of a batch runs in a background thread while the next batch is
    generated: PostgreSQL ingests on one core, Python generates on the other.
    """

    def __init__(self, cr, log=print):
        self.cr = cr
        self.log = log
        self.buffers = {table: [] for table in TABLES}
        self.counts = dict.fromkeys(TABLES, 0)
        self.buffered = 0
        self.copy_seconds = 0.0
        self.table_seconds = dict.fromkeys(TABLES, 0.0)
        self._thread = None
        self._error = None
        self._next_id = {}
        for table, columns in TABLES.items():
            if columns[0] == "id":
                cr.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
                self._next_id[table] = cr.fetchone()[0]
        self.first_id = dict(self._next_id)

    def new_id(self, table):
        value = self._next_id[table]
        self._next_id[table] = value + 1
        return value

    def add(self, table, row):
        self.buffers[table].append(row)
        self.buffered += 1
        if self.buffered >= FLUSH_ROWS:
            self.flush(wait=False)

    def flush(self, wait=True):
        batches = []
        for table, rows in self.buffers.items():
            if not rows:
                continue
            columns = TABLES[table]
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows([row.get(c) for c in columns] for row in rows)
            buffer.seek(0)
            batches.append((table, columns, buffer))
            self.counts[table] += len(rows)
            self.buffers[table] = []
        self.buffered = 0
        self.wait()
        self._thread = threading.Thread(target=self._copy, args=(batches,))
        self._thread.start()
        if wait:
            self.wait()

    def _copy(self, batches):
        started = time.perf_counter()
        try:
            for table, columns, buffer in batches:
                begin = time.perf_counter()
                self.cr.copy_expert(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)", buffer
                )
                self.table_seconds[table] += time.perf_counter() - begin
        except Exception as error:  # re-raised in the main thread by wait()
            self._error = error
        self.copy_seconds += time.perf_counter() - started

    def wait(self):
        if self._thread:
            self._thread.join()
            self._thread = None
        if self._error:
            raise self._error

    def fix_sequences(self):
        """Move each table's id sequence past the ids given here."""
        for table in self._next_id:
            self.cr.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(MAX(id), 1)) FROM {table}"
            )


class DeferredIndexes:
    """Drop the plain (non-unique) indexes of ``tables`` for a bulk load and
    build them again afterwards, which is several times faster than keeping
    them up to date row by row. Unique indexes stay (ON CONFLICT needs them).
    Transactional: a failed load rolls the drop back."""

    def __init__(self, cr, tables):
        self.cr = cr
        cr.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
             WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary
            """,
            [list(tables)],
        )
        self.indexes = cr.fetchall()

    def __enter__(self):
        for name, _definition in self.indexes:
            self.cr.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.cr.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _name, definition in self.indexes:
                self.cr.execute(definition)
