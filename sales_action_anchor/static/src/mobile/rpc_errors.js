import { ConnectionAbortedError, ConnectionLostError, RPCError } from "@web/core/network/rpc";

// How the mobile page tells the server's answers apart: no connection (the
// entry waits and is sent again) from a refusal (it waits for a correction).

export function isNetworkError(error) {
    return error instanceof ConnectionLostError || error instanceof ConnectionAbortedError;
}

// The server's answers that mean "not as it is" (a UserError and its kinds):
// sending the same entries again would be refused again.
const REFUSAL_EXCEPTIONS = new Set([
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.addons.sales_action_anchor.exceptions.InvalidFieldsError",
]);

export function isRefusal(error) {
    return error instanceof RPCError && REFUSAL_EXCEPTIONS.has(error.exceptionName);
}

export function rpcMessage(error) {
    return error?.data?.message || error?.message || String(error);
}
