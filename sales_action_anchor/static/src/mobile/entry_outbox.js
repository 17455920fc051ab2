import { _t } from "@web/core/l10n/translation";
import { browser } from "@web/core/browser/browser";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";

import { formKeys, toPayload } from "./entry_queue";
import { isNetworkError, isRefusal, rpcMessage } from "./rpc_errors";

// Entries per sync call: a few photos at most in one request.
const SYNC_CHUNK = 5;

/**
 * The outbox of the mobile page: sends the entries waiting in the phone's
 * EntryQueue to the server, and keeps the refused ones for their correction.
 * A mixin of the page's component (the way Odoo's own views share behaviour,
 * e.g. lunch's LunchRendererMixin): it reads and writes the page's `state`,
 * `queue`, `orm` and `dialog`.
 */
export const EntryOutbox = (T) => class EntryOutbox extends T {
    /**
     * Send the pending entries (refused ones wait for their correction). One
     * sync at a time; a call made during a sync runs after it, so that it
     * sends what was queued meanwhile.
     */
    async sync() {
        while (this.syncPromise) {
            await this.syncPromise;
        }
        this.syncPromise = this._sync();
        try {
            return await this.syncPromise;
        } finally {
            this.syncPromise = null;
        }
    }

    async _sync() {
        const items = this.queue.reload().filter((item) => item.status === "pending");
        this.state.queue = this.queue.items;
        if (!items.length) {
            return;
        }
        if (browser.navigator.onLine === false) {
            this.state.online = false;
            return;
        }
        this.state.syncing = true;
        let accepted = 0;
        try {
            for (let start = 0; start < items.length; start += SYNC_CHUNK) {
                const chunk = items.slice(start, start + SYNC_CHUNK);
                let results;
                try {
                    results = await this.orm.silent.call("crm.anchor.mobile", "sync_entries", [
                        chunk.map((item) => toPayload(item.form)),
                    ]);
                } catch (error) {
                    if (isNetworkError(error)) {
                        this.state.unreachable = true;
                        return;
                    }
                    // Refused as a whole (e.g. no longer allowed to log visits):
                    // to be corrected or discarded. Any other failure of the
                    // server's is retried as a network one.
                    const changes = isRefusal(error)
                        ? { status: "refused", message: rpcMessage(error), invalid_fields: [] }
                        : { message: rpcMessage(error) };
                    for (const item of chunk) {
                        this.queue.update(item.client_uuid, changes);
                    }
                    continue;
                }
                this.state.unreachable = false;
                const done = results
                    .filter((result) => ["created", "duplicate"].includes(result.status))
                    .map((result) => result.client_uuid);
                this.queue.accept(done);
                accepted += done.length;
                for (const result of results.filter((result) => result.status === "refused")) {
                    this.queue.update(result.client_uuid, {
                        status: "refused",
                        message: result.message,
                        invalid_fields: formKeys(result.invalid_fields),
                    });
                }
            }
        } finally {
            this.state.queue = this.queue.items;
            this.state.syncing = false;
        }
        if (accepted) {
            // Today's list changes with the new visits' agreed actions.
            await this.loadHome();
        }
    }

    retry() {
        this.state.online = browser.navigator.onLine !== false;
        return this.sync();
    }

    discardQueued(item) {
        this.dialog.add(ConfirmationDialog, {
            title: _t("Discard this visit?"),
            body: _t("It has not reached the server: it will be lost."),
            confirmLabel: _t("Discard"),
            confirm: () => {
                this.queue.remove([item.client_uuid]);
                this.state.queue = this.queue.items;
            },
            cancel: () => {},
        });
    }
};
