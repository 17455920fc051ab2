import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";
import { formatNumber, formatRate } from "./formatters";

/**
 * Visit-quality ranking of the salespeople. A row opens that salesperson's
 * visits of the period; the two badges tell "many short visits" (busy for
 * show) from "agreed actions really done" (real progress).
 */
export class AnchorVisitRanking extends Component {
    static template = "sales_action_anchor.AnchorVisitRanking";
    static props = {
        ranking: Object,
        onRowClick: Function,
    };

    formatRate = formatRate;
    formatNumber = formatNumber;

    get thresholds() {
        return this.props.ranking.thresholds || {};
    }

    get busyTitle() {
        return _t(
            "At least %(visits)s visits, but pain-point summaries of fewer than %(chars)s characters on average",
            {
                visits: this.thresholds.busy_min_visits,
                chars: this.thresholds.busy_max_summary_chars,
            }
        );
    }

    get realTitle() {
        return _t("Agreed actions completed at more than %(rate)s", {
            rate: formatRate(this.thresholds.real_progress_rate),
        });
    }

    medalClass(rank) {
        return { 1: "o_anchor_medal_gold", 2: "o_anchor_medal_silver", 3: "o_anchor_medal_bronze" }[rank] || "";
    }

    onKeydown(row, ev) {
        if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            this.props.onRowClick(row);
        }
    }
}
