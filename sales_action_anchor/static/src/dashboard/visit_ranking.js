import { _t } from "@web/core/l10n/translation";
import { deserializeDate, formatDate } from "@web/core/l10n/dates";
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

    /** Why the ranking covers other days than the period, or is only indicative. */
    get basisNote() {
        const ranking = this.props.ranking;
        if (ranking.basis === "last_30_days") {
            return _t(
                "Too few agreed actions are due in this period to rank on (fewer than %(min)s per salesperson): ranked on the last 30 days, %(from)s – %(to)s.",
                {
                    min: ranking.min_due,
                    from: formatDate(deserializeDate(ranking.date_from)),
                    to: formatDate(deserializeDate(ranking.date_to)),
                }
            );
        }
        if (ranking.rows.length && ranking.due_per_person < ranking.min_due) {
            return _t(
                "Few agreed actions are due yet (%(due)s per salesperson, %(min)s wanted): this ranking is only indicative.",
                { due: formatNumber(ranking.due_per_person), min: ranking.min_due }
            );
        }
        return "";
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
