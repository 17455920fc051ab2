import { _t } from "@web/core/l10n/translation";
import { formatFloat, formatPercentage } from "@web/views/fields/formatters";

// The payload gives `false` when there is nothing to divide by (Odoo's "no
// value", which XML-RPC can carry): show a dash, never "0 %", so that "no
// data" and "nothing done" stay distinct. 0 is a value.
export const NO_VALUE = "–";

export function isMissing(value) {
    return value === null || value === undefined || value === false;
}

export function formatRate(rate, digits = 0) {
    if (isMissing(rate)) {
        return NO_VALUE;
    }
    return formatPercentage(rate, { digits: [false, digits] });
}

export function formatNumber(value, digits = 1) {
    if (isMissing(value)) {
        return NO_VALUE;
    }
    return formatFloat(value, { digits: [false, digits], trailingZeros: false });
}

/**
 * Colour class of a rate against its target: green when the target is met,
 * orange when close (within 15 points), red below.
 */
export function rateTone(rate, target) {
    if (isMissing(rate)) {
        return "muted";
    }
    if (isMissing(target) || rate >= target) {
        return "success";
    }
    return rate >= target - 0.15 ? "warning" : "danger";
}

// Month labels of the trend ("2026-06" → "Jun"), in the user's language.
export function formatMonth(month) {
    const date = luxon.DateTime.fromFormat(month, "yyyy-MM");
    return date.isValid ? date.toFormat("LLL") : month;
}

export function formatMonthLong(month) {
    const date = luxon.DateTime.fromFormat(month, "yyyy-MM");
    return date.isValid ? date.toFormat("LLLL yyyy") : month;
}

export function formatDateRange(from, to) {
    const fmt = (value) => luxon.DateTime.fromISO(value).toLocaleString(luxon.DateTime.DATE_MED);
    return _t("%(from)s – %(to)s", { from: fmt(from), to: fmt(to) });
}
