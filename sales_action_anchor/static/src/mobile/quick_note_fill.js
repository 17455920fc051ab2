import { _t } from "@web/core/l10n/translation";
import { user } from "@web/core/user";

import { formKeys, serverLocalToInput } from "./entry_queue";
import { isNetworkError, rpcMessage } from "./rpc_errors";

/**
 * The quick note of the mobile page: dictation, and filling the visit's three
 * elements from the note (the server parses it). A mixin of the page's
 * component, like EntryOutbox: it reads and writes the page's `state.form`.
 */
export const QuickNoteFill = (T) => class QuickNoteFill extends T {
    toggleDictation() {
        if (this.recognition) {
            this.recognition.stop();
            return;
        }
        const recognition = new this.SpeechRecognition();
        const isChinese = (user.lang || "").toLowerCase().startsWith("zh");
        recognition.lang = isChinese ? "zh-CN" : "en-US";
        recognition.interimResults = true;
        recognition.continuous = true;
        const before = this.state.form.quick_note.trimEnd();
        const prefix = before ? before + (isChinese ? "" : " ") : "";
        recognition.onresult = (ev) => {
            const heard = [...ev.results].map((result) => result[0].transcript).join("");
            this.state.form.quick_note = prefix + heard;
        };
        recognition.onerror = (ev) => {
            if (!["aborted", "no-speech"].includes(ev.error)) {
                this.notification.add(
                    ev.error === "not-allowed"
                        ? _t("Allow the microphone to dictate the note.")
                        : _t("Dictation stopped (%s).", ev.error),
                    { type: "warning" }
                );
            }
        };
        recognition.onend = () => {
            this.recognition = null;
            this.state.listening = false;
        };
        try {
            recognition.start();
        } catch {
            return;
        }
        this.recognition = recognition;
        this.state.listening = true;
    }

    async fillFromNote() {
        const text = this.state.form.quick_note.trim();
        if (!text) {
            this.notification.add(_t("Type or dictate a note first."), { type: "warning" });
            return;
        }
        this.recognition?.stop();
        this.state.filling = true;
        let parsed;
        try {
            parsed = await this.orm.silent.call("crm.anchor.visit", "parse_quick_note", [text]);
        } catch (error) {
            this.notification.add(
                isNetworkError(error)
                    ? _t("Filling from the note needs a connection: fill in the fields yourself.")
                    : _t("The note could not be read: %s", rpcMessage(error)),
                { type: "warning" }
            );
            return;
        } finally {
            this.state.filling = false;
        }
        this.applyParsedNote(parsed || {});
    }

    applyParsedNote(parsed) {
        const form = this.state.form;
        const filled = {};
        // The parser's keys are the visit's fields; a choice the page does not offer is left out.
        const offered = {
            agreed_action: new Set(this.home.agreed_actions.map(([value]) => value)),
            followup_channel: new Set(this.home.channels.map(([value]) => value)),
            pain_category_id: new Set(this.home.pain_categories.map((category) => category.id)),
        };
        for (const [field, value] of Object.entries(parsed)) {
            const [key] = formKeys([field]);
            if (!value || !(key in form) || (offered[field] && !offered[field].has(value))) {
                continue;
            }
            form[key] = field === "date_next_followup" ? serverLocalToInput(value) : value;
            filled[key] = true;
        }
        this.state.filled = filled;
        this.notification.add(
            Object.keys(filled).length
                ? _t("Filled from your note: check the fields, then submit.")
                : _t("Nothing recognised in the note: fill in the fields yourself."),
            { type: Object.keys(filled).length ? "info" : "warning" }
        );
    }
};
