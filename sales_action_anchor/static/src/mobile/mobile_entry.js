import { _t } from "@web/core/l10n/translation";
import { browser } from "@web/core/browser/browser";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { session } from "@web/session";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import {
    Component,
    onMounted,
    onWillStart,
    onWillUnmount,
    toRaw,
    useEffect,
    useExternalListener,
    useRef,
    useState,
} from "@odoo/owl";

import { EntryOutbox } from "./entry_outbox";
import { EntryQueue, emptyForm, newClientUuid, utcToLocal, withSentVisits } from "./entry_queue";
import { shrinkPhoto } from "./photo";
import { QuickNoteFill } from "./quick_note_fill";
import { isNetworkError } from "./rpc_errors";

const { DateTime } = luxon;

// While entries wait and the browser says it is online, retry this often (ms).
const RETRY_INTERVAL = 60000;

/** A stored entry, completed with the fields a newer version of the page may have added. */
function restoreForm(stored, tz) {
    const form = { ...emptyForm(tz), ...stored };
    // The category <select> matches its options by number.
    form.pain_category_id = parseInt(form.pain_category_id) || "";
    return form;
}

/** `{ key: true }` for the form keys to mark as invalid. */
function invalidState(keys) {
    return Object.fromEntries((keys || []).map((key) => [key, true]));
}

/**
 * Quick visit entry for salespeople on the road: today's follow-ups, then one
 * screen for the visit's three elements (pain point, value offered, agreed
 * next step), optionally filled from a typed or dictated note.
 *
 * Built as a client action of the web client rather than a public website
 * route: it reuses the user's session and login, Odoo's mobile app and its
 * translations (`_t`, user language and timezone), and opens at
 * /odoo/anchor-mobile (the URL of the printed QR code).
 *
 * Offline first: a submitted entry is stored in localStorage before it is
 * sent (see EntryQueue), and sent again at page load, when the browser comes
 * back online, every minute while entries wait, or on "Retry". The server
 * (crm.anchor.mobile.sync_entries) receives each entry once, thanks to its
 * `client_uuid`, and decides alone whether a visit is complete. An entry it
 * refuses is no longer "waiting": it opens back in the form, the reason above
 * it and the fields it names marked, and is sent again only once submitted.
 */
export class AnchorMobileEntry extends QuickNoteFill(EntryOutbox(Component)) {
    static template = "sales_action_anchor.MobileEntry";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.dialog = useService("dialog");
        this.rootRef = useRef("root");
        this.tz = user.tz || false;
        this.queue = new EntryQueue(session.db, user.userId);
        // Dictation where the browser has it (Chrome, Safari, Android WebView); hidden elsewhere.
        this.SpeechRecognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;
        this.recognition = null;
        this.syncPromise = null;

        const draft = this.queue.readDraft();
        const draftItem = draft?.client_uuid ? this.queue.get(draft.client_uuid) : null;
        this.state = useState({
            home: this.queue.readHome(),
            unreachable: false,
            online: browser.navigator.onLine !== false,
            queue: this.queue.items,
            syncing: false,
            screen: draft ? "entry" : "home",
            form: restoreForm(draft || {}, this.tz),
            formMessage: draftItem?.status === "refused" ? draftItem.message : "",
            // Form keys the server's refusal names, until the salesperson edits them.
            invalid: invalidState(draftItem?.status === "refused" && draftItem.invalid_fields),
            filled: {},
            filling: false,
            listening: false,
            submitting: false,
            search: "",
        });

        useExternalListener(browser, "online", async () => {
            this.state.online = true;
            await this.sync();
            if (this.state.unreachable) {
                await this.loadHome();
            }
        });
        useExternalListener(browser, "offline", () => {
            this.state.online = false;
        });
        useExternalListener(browser, "storage", (ev) => {
            if (ev.key === this.queue.key) {
                this.state.queue = this.queue.reload();
            }
        });
        // The entry being typed survives a reload.
        useEffect(
            () =>
                this.queue.writeDraft(
                    this.state.screen === "entry" ? toRaw(this.state.form) : null
                ),
            () => [this.state.screen, ...Object.values(this.state.form)]
        );
        onWillStart(() => this.loadHome());
        onMounted(() => {
            this.sync();
            this.retryTimer = browser.setInterval(() => {
                if (this.state.queue.some((item) => item.status === "pending")) {
                    this.sync();
                }
            }, RETRY_INTERVAL);
        });
        onWillUnmount(() => {
            browser.clearInterval(this.retryTimer);
            this.recognition?.abort();
        });
    }

    // ------------------------------------------------------------------
    // Home
    // ------------------------------------------------------------------

    async loadHome() {
        try {
            const home = await this.orm.silent.call("crm.anchor.mobile", "get_home", [], {
                client_uuids: this.queue.readSent().map((entry) => entry.client_uuid),
            });
            this.queue.received(home.received_uuids);
            this.state.home = withSentVisits(home, this.queue.readSent(), this.tz);
            this.state.unreachable = false;
            this.queue.writeHome(this.state.home);
        } catch (error) {
            if (!isNetworkError(error)) {
                throw error;
            }
            // Keep the last known day on screen (or an empty one).
            this.state.unreachable = true;
        }
    }

    get home() {
        return (
            this.state.home || {
                due: [],
                opportunities: [],
                pain_categories: [],
                agreed_actions: [],
                channels: [],
            }
        );
    }

    get filteredOpportunities() {
        const search = this.state.search.trim().toLowerCase();
        const opportunities = this.home.opportunities;
        if (!search) {
            return opportunities;
        }
        return opportunities.filter((lead) =>
            `${lead.name} ${lead.partner_name}`.toLowerCase().includes(search)
        );
    }

    /** Every opportunity the entry may be about, the one of the form included. */
    get leadOptions() {
        const options = new Map();
        for (const lead of [...this.home.due, ...this.home.opportunities]) {
            options.set(lead.id, lead);
        }
        const form = this.state.form;
        if (form.lead_id && !options.has(form.lead_id)) {
            options.set(form.lead_id, {
                id: form.lead_id,
                name: form.lead_name,
                partner_name: form.partner_name,
            });
        }
        return [...options.values()];
    }

    leadLabel(lead) {
        return lead.partner_name ? `${lead.name} — ${lead.partner_name}` : lead.name;
    }

    dueLabel(lead) {
        if (lead.date_followup) {
            const when = utcToLocal(lead.date_followup, this.tz);
            const today = DateTime.now()
                .setZone(this.tz || "local")
                .hasSame(when, "day");
            const time = when.toLocaleString(
                today ? DateTime.TIME_SIMPLE : DateTime.DATETIME_SHORT
            );
            return [time, lead.channel].filter(Boolean).join(" · ");
        }
        if (lead.date_deadline === this.home.today) {
            return _t("Today");
        }
        return DateTime.fromISO(lead.date_deadline).toLocaleString(DateTime.DATE_SHORT);
    }

    queuedLabel(item) {
        return utcToLocal(item.queued_at, this.tz).toLocaleString(DateTime.DATETIME_SHORT);
    }

    /** Waiting to reach the server: sent again automatically, or by "Retry". */
    get pendingItems() {
        return this.state.queue.filter((item) => item.status !== "refused");
    }

    /** Refused as they are: waiting for the salesperson to correct them. */
    get refusedItems() {
        return this.state.queue.filter((item) => item.status === "refused");
    }

    // ------------------------------------------------------------------
    // Entry
    // ------------------------------------------------------------------

    scrollTop() {
        if (this.rootRef.el) {
            this.rootRef.el.scrollTop = 0;
        }
    }

    startEntry(lead = null) {
        this.state.form = {
            ...emptyForm(this.tz),
            lead_id: lead?.id || false,
            lead_name: lead?.name || "",
            partner_name: lead?.partner_name || "",
        };
        this.state.formMessage = "";
        this.state.invalid = {};
        this.state.filled = {};
        this.state.screen = "entry";
        this.scrollTop();
    }

    /** A refused entry, back in the form: its reason above, the fields it names marked. */
    editQueued(item) {
        this.state.form = restoreForm(item.form, this.tz);
        this.state.formMessage = item.message || "";
        this.state.invalid = invalidState(item.invalid_fields);
        this.state.filled = {};
        this.state.screen = "entry";
        this.scrollTop();
    }

    leaveEntry() {
        this.recognition?.abort();
        this.state.screen = "home";
        this.state.form = emptyForm(this.tz);
        this.state.formMessage = "";
        this.state.invalid = {};
        this.state.filled = {};
        this.scrollTop();
    }

    /** A field edited is no longer marked: the server will say again if need be. */
    onFieldEdited(ev) {
        if (ev.target.name in this.state.invalid) {
            delete this.state.invalid[ev.target.name];
        }
    }

    get formIsTyped() {
        const form = this.state.form;
        return Boolean(
            form.quick_note.trim() ||
                form.pain_category_id ||
                form.pain_summary.trim() ||
                form.value_point.trim() ||
                form.agreed_action ||
                form.followup_local ||
                form.followup_channel ||
                form.photo
        );
    }

    onBack() {
        // An entry already queued is kept there, with the corrections typed
        // since it was refused; only unsent typing is lost.
        const queued = this.state.form.client_uuid && this.queue.get(this.state.form.client_uuid);
        if (queued?.status === "refused") {
            this.keepCorrections(queued);
            return this.leaveEntry();
        }
        if (queued || !this.formIsTyped) {
            return this.leaveEntry();
        }
        this.dialog.add(ConfirmationDialog, {
            title: _t("Discard this visit?"),
            body: _t("What you typed for this visit will be lost."),
            confirmLabel: _t("Discard"),
            confirm: () => this.leaveEntry(),
            cancel: () => {},
        });
    }

    keepCorrections(item) {
        try {
            this.queue.update(item.client_uuid, {
                form: toRaw(this.state.form),
                invalid_fields: Object.keys(this.state.invalid),
            });
        } catch {
            // No room for the corrections: the entry as refused stays queued.
        }
        this.state.queue = this.queue.items;
    }

    onLeadChange(ev) {
        const lead = this.leadOptions.find((option) => option.id === parseInt(ev.target.value));
        Object.assign(this.state.form, {
            lead_id: lead?.id || false,
            lead_name: lead?.name || "",
            partner_name: lead?.partner_name || "",
        });
    }

    /** The user's timezone, when it is not the phone's: times are read in it. */
    get tzHint() {
        if (!this.tz) {
            return "";
        }
        const now = DateTime.now();
        return now.setZone(this.tz).offset === now.offset ? "" : this.tz;
    }

    /** A hint only: the server's anchor check decides (0 until the server told the limit). */
    get valueMaxChars() {
        return this.home.value_max_chars || 0;
    }

    get valuePlaceholder() {
        return this.valueMaxChars ? _t("In %s characters at most", this.valueMaxChars) : "";
    }

    get valueLength() {
        return [...(this.state.form.value_point || "")].length;
    }

    // Photo

    async onPhotoChange(ev) {
        const file = ev.target.files?.[0];
        ev.target.value = "";
        if (!file) {
            return;
        }
        try {
            const data = await shrinkPhoto(file);
            const name = `${(file.name || "photo").replace(/\.[^.]*$/, "")}.jpg`;
            this.state.form.photo = { name, data };
        } catch {
            this.notification.add(_t("This photo could not be read: take it again."), {
                type: "danger",
            });
        }
    }

    removePhoto() {
        this.state.form.photo = null;
    }

    get photoSrc() {
        const photo = this.state.form.photo;
        return photo?.data ? `data:image/jpeg;base64,${photo.data}` : "";
    }

    // Submit: queue first, then send.

    async submit() {
        if (this.state.submitting) {
            return;
        }
        const form = toRaw(this.state.form);
        if (!form.lead_id) {
            this.notification.add(_t("Choose the opportunity of this visit."), { type: "warning" });
            return;
        }
        this.recognition?.stop();
        const entry = {
            ...form,
            client_uuid: form.client_uuid || newClientUuid(),
            date_visit: form.date_visit || DateTime.utc().toFormat("yyyy-MM-dd HH:mm:ss"),
            tz: form.tz || this.tz,
        };
        try {
            this.queue.put(entry);
        } catch {
            this.notification.add(
                _t(
                    "This phone has no room left to keep the visit: remove the photo, or send the waiting visits first."
                ),
                { type: "danger", sticky: true }
            );
            return;
        }
        this.state.queue = this.queue.items;
        this.state.form.client_uuid = entry.client_uuid;
        this.state.form.date_visit = entry.date_visit;
        this.state.submitting = true;
        try {
            await this.sync();
        } finally {
            this.state.submitting = false;
        }
        const item = this.queue.get(entry.client_uuid);
        if (!item) {
            this.notification.add(_t("Visit submitted."), { type: "success" });
            this.leaveEntry();
        } else if (item.status === "refused") {
            // Correct it right here; it stays queued meanwhile, not as waiting.
            this.state.formMessage = item.message;
            this.state.invalid = invalidState(item.invalid_fields);
            this.scrollTop();
        } else {
            this.notification.add(
                _t(
                    "No connection: the visit is kept on this phone and will be sent automatically."
                ),
                { type: "warning" }
            );
            this.leaveEntry();
        }
    }
}

registry.category("actions").add("sales_action_anchor.mobile_entry", AnchorMobileEntry);
