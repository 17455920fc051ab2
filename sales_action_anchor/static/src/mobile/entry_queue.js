import { browser } from "@web/core/browser/browser";

const { DateTime } = luxon;

// Sent entries remembered at most (the server's SENT_UUIDS_LIMIT is higher).
const SENT_KEEP = 100;

/**
 * The phone's outbox of visit entries, kept in localStorage so that nothing
 * typed is lost on reload, offline or when the server refuses an entry.
 *
 * An item is `{ client_uuid, status, message, invalid_fields, queued_at, form }`:
 * - `status`: "pending" (not sent yet, or the network or the server failed:
 *   sent again automatically, or by "Retry") or "refused" (the server refused
 *   the entry as it is: never resent unchanged, it waits for the salesperson
 *   to correct it in the form and submit it again);
 * - `message`: the server's reason (refused) or failure (pending);
 * - `invalid_fields`: the keys of `form` the refusal names, to mark them;
 * - `form`: the entry as typed (see `emptyForm`), turned into the server's
 *   payload only when sent (`toPayload`).
 * Accepted entries leave the queue for the list of sent ones (see `accept`).
 * One key per database and user, so two accounts on one phone never send each
 * other's visits.
 */
export class EntryQueue {
    constructor(db, userId) {
        this.prefix = `sales_action_anchor.mobile/${db}/${userId}`;
        this.key = `${this.prefix}/queue`;
        this.items = this.read();
    }

    read() {
        try {
            const items = JSON.parse(browser.localStorage.getItem(this.key) || "[]");
            return Array.isArray(items)
                ? items.filter((item) => item?.client_uuid && item.form)
                : [];
        } catch {
            return [];
        }
    }

    /** Re-read the stored queue: another tab may have changed it. */
    reload() {
        this.items = this.read();
        return this.items;
    }

    /** Store the queue; throws (e.g. QuotaExceededError) when it cannot be kept. */
    write(items) {
        browser.localStorage.setItem(this.key, JSON.stringify(items));
        this.items = items;
    }

    get(uuid) {
        return this.items.find((item) => item.client_uuid === uuid);
    }

    /** Add or replace the item of this `client_uuid`, as pending. */
    put(form) {
        const item = {
            client_uuid: form.client_uuid,
            status: "pending",
            message: "",
            invalid_fields: [],
            queued_at: DateTime.utc().toFormat("yyyy-MM-dd HH:mm:ss"),
            form,
        };
        const items = this.read().filter((other) => other.client_uuid !== form.client_uuid);
        this.write([...items, item]);
        return item;
    }

    update(uuid, changes) {
        this.write(
            this.read().map((item) => (item.client_uuid === uuid ? { ...item, ...changes } : item))
        );
    }

    remove(uuids) {
        const removed = new Set(uuids);
        this.write(this.read().filter((item) => !removed.has(item.client_uuid)));
    }

    // Accepted entries, kept until a home read includes them: with a read
    // replica, the home page may be read before the replica has applied them.
    get sentKey() {
        return `${this.prefix}/sent`;
    }

    readSent() {
        try {
            const sent = JSON.parse(browser.localStorage.getItem(this.sentKey) || "[]");
            return Array.isArray(sent) ? sent.filter((entry) => entry?.client_uuid) : [];
        } catch {
            return [];
        }
    }

    writeSent(sent) {
        try {
            browser.localStorage.setItem(this.sentKey, JSON.stringify(sent));
        } catch {
            // Only the lag of a replica to hide.
        }
    }

    /** The server accepted these entries: out of the queue, into the sent list. */
    accept(uuids) {
        const accepted = new Set(uuids);
        const sent = this.read()
            .filter((item) => accepted.has(item.client_uuid))
            .map((item) => ({
                client_uuid: item.client_uuid,
                lead_id: item.form.lead_id,
                date_visit: item.form.date_visit,
            }));
        this.remove(uuids);
        this.writeSent([...this.readSent(), ...sent].slice(-SENT_KEEP));
    }

    /** A home read includes these: they no longer need to be shown by the phone. */
    received(uuids) {
        const received = new Set(uuids || []);
        this.writeSent(this.readSent().filter((entry) => !received.has(entry.client_uuid)));
    }

    // The entry being typed, kept as the user types.
    get draftKey() {
        return `${this.prefix}/draft`;
    }

    readDraft() {
        try {
            return JSON.parse(browser.localStorage.getItem(this.draftKey) || "null");
        } catch {
            return null;
        }
    }

    writeDraft(form) {
        try {
            if (form) {
                browser.localStorage.setItem(this.draftKey, JSON.stringify(form));
            } else {
                browser.localStorage.removeItem(this.draftKey);
            }
        } catch {
            // A draft that does not fit is only a convenience lost.
        }
    }

    // The last home payload, to keep the page usable when the server is out of reach.
    get homeKey() {
        return `${this.prefix}/home`;
    }

    readHome() {
        try {
            return JSON.parse(browser.localStorage.getItem(this.homeKey) || "null");
        } catch {
            return null;
        }
    }

    writeHome(home) {
        try {
            browser.localStorage.setItem(this.homeKey, JSON.stringify(home));
        } catch {
            // Only a cache.
        }
    }
}

/**
 * The home page with the sent entries it does not include yet shown as if it
 * did: a due opportunity visited today is marked so.
 */
export function withSentVisits(home, sent, tz) {
    const today = (entry) =>
        entry.date_visit && utcToLocal(entry.date_visit, tz).toISODate() === home.today;
    const visited = new Set(sent.filter(today).map((entry) => entry.lead_id));
    if (!visited.size) {
        return home;
    }
    return {
        ...home,
        due: home.due.map((lead) =>
            visited.has(lead.id) ? { ...lead, visited_today: true } : lead
        ),
    };
}

/** A new identifier for an entry: resending it never creates a second visit. */
export function newClientUuid() {
    if (window.crypto.randomUUID) {
        return window.crypto.randomUUID();
    }
    // crypto.randomUUID needs a secure context (https or localhost): a plain
    // http server on the LAN has only getRandomValues.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(
        16,
        20
    )}-${hex.slice(20)}`;
}

export function emptyForm(tz) {
    return {
        client_uuid: false,
        date_visit: false, // UTC, set when submitted: the time of the visit, not of the sync
        tz: tz || false, // the zone `followup_local` is read in
        lead_id: false,
        lead_name: "",
        partner_name: "",
        quick_note: "",
        pain_category_id: "",
        pain_summary: "",
        value_point: "",
        agreed_action: "",
        agreed_action_note: "",
        followup_local: "", // <input type="datetime-local"> value, "YYYY-MM-DDTHH:mm"
        followup_channel: "",
        photo: null, // { name, data (base64 JPEG) }
        remind: false,
    };
}

/** "YYYY-MM-DDTHH:mm" in `tz` (or the browser's zone) → UTC "YYYY-MM-DD HH:mm:ss", or false. */
export function localToUtc(value, tz) {
    if (!value) {
        return false;
    }
    const date = DateTime.fromISO(value, { zone: tz || "local" });
    return date.isValid ? date.toUTC().toFormat("yyyy-MM-dd HH:mm:ss") : false;
}

/** UTC "YYYY-MM-DD HH:mm:ss" → luxon DateTime in `tz` (or the browser's zone). */
export function utcToLocal(value, tz) {
    return DateTime.fromSQL(value, { zone: "utc" }).setZone(tz || "local");
}

/** "YYYY-MM-DD HH:MM:SS" in the user's zone (the quick note parser's) → datetime-local value. */
export function serverLocalToInput(value) {
    return value ? value.slice(0, 16).replace(" ", "T") : "";
}

// The form's key of a visit field, where `toPayload` renames it.
const FORM_KEY_BY_VISIT_FIELD = { date_next_followup: "followup_local" };

/** The keys of the form to mark for the visit fields a refusal names. */
export function formKeys(visitFields) {
    return (visitFields || []).map((name) => FORM_KEY_BY_VISIT_FIELD[name] || name);
}

/** The payload `crm.anchor.mobile.sync_entries` expects for one entry. */
export function toPayload(form) {
    return {
        client_uuid: form.client_uuid,
        lead_id: form.lead_id,
        date_visit: form.date_visit,
        pain_category_id: parseInt(form.pain_category_id) || false,
        pain_summary: form.pain_summary,
        value_point: form.value_point,
        agreed_action: form.agreed_action || false,
        agreed_action_note: form.agreed_action === "other" ? form.agreed_action_note : false,
        date_next_followup: localToUtc(form.followup_local, form.tz),
        followup_channel: form.followup_channel || false,
        quick_note: form.quick_note,
        photo: form.photo?.data ? form.photo : null,
        remind: Boolean(form.remind),
    };
}
