import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";
import { NO_VALUE, formatDateRange, formatNumber, formatRate, isMissing } from "./formatters";

// Indicators where a drop is the improvement (fewer misjudged stages, a
// shorter first-deal cycle); every other one improves when it rises.
const LOWER_IS_BETTER = new Set(["misjudgment_rate", "newcomer_first_deal_days"]);

/**
 * The selected period next to the period of the same length just before it.
 */
export class AnchorBeforeAfter extends Component {
    static template = "sales_action_anchor.AnchorBeforeAfter";
    static props = {
        rows: Array,
        period: Object,
    };

    get beforeRange() {
        const { previous_from, previous_to } = this.props.period;
        return _t("Before: %s", formatDateRange(previous_from, previous_to));
    }

    get afterRange() {
        const { date_from, date_to } = this.props.period;
        return _t("After: %s", formatDateRange(date_from, date_to));
    }

    value(row, key) {
        return row.kind === "rate" ? formatRate(row[key]) : formatNumber(row[key]);
    }

    /** The change, in points for rates and days for durations, with its tone. */
    changeOf(row) {
        const { before, after } = row;
        if (isMissing(before) || isMissing(after)) {
            return { text: NO_VALUE, tone: "muted", icon: "" };
        }
        const delta = after - before;
        const size = row.kind === "rate" ? Math.round(delta * 100) : Math.round(delta * 10) / 10;
        if (!size) {
            return { text: "=", tone: "muted", icon: "" };
        }
        const better = LOWER_IS_BETTER.has(row.code) ? size < 0 : size > 0;
        const sign = size > 0 ? "+" : "−";
        const amount = formatNumber(Math.abs(size));
        return {
            text:
                row.kind === "rate"
                    ? _t("%(sign)s%(amount)s pts", { sign, amount })
                    : _t("%(sign)s%(amount)s d", { sign, amount }),
            tone: better ? "success" : "danger",
            icon: size > 0 ? "fa-arrow-up" : "fa-arrow-down",
        };
    }
}
