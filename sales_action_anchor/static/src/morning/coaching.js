import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";

import { formatNumber, formatRate, isMissing } from "../dashboard/formatters";

/** The pilot group (动作先锋组) against everyone else over the period. */
export class AnchorPilotComparison extends Component {
    static template = "sales_action_anchor.AnchorPilotComparison";
    static props = { pilot: Object };

    get rows() {
        return [
            { key: "checkin_rate", label: _t("Check-in completion") },
            { key: "penetration", label: _t("Action penetration") },
            { key: "win_rate", label: _t("Win rate") },
            { key: "renewal_rate", label: _t("Renewal rate") },
        ];
    }

    formatRate(rate) {
        return formatRate(rate);
    }
}

/** Each newcomer's first-deal cycle and gap to the TOP 3 salespeople. */
export class AnchorNewcomerCoaching extends Component {
    static template = "sales_action_anchor.AnchorNewcomerCoaching";
    static props = { newcomers: Object };

    formatRate(rate) {
        return formatRate(rate);
    }

    formatNumber(value) {
        return formatNumber(value);
    }

    /** A gap below the top salespeople is what to coach: shown in red. */
    gapClass(gap) {
        if (isMissing(gap)) {
            return "text-muted";
        }
        return gap < 0 ? "text-danger" : "text-success";
    }
}
