import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";

export const PART_STATES = ["on_time", "late", "missed", "pending", "none"];

export function partStateLabel(state) {
    return (
        {
            on_time: _t("On time"),
            late: _t("Late"),
            missed: _t("Missed"),
            pending: _t("Not due yet"),
            none: _t("No visit"),
        }[state] || _t("No visit")
    );
}

/**
 * Check-in completion: one row per salesperson, one column per day from the
 * first check-in of the period to today; a cell shows the morning, visits and
 * evening parts as three coloured squares. Every mark drawn has its entry in
 * the legend.
 */
export class AnchorMorningHeatmap extends Component {
    static template = "sales_action_anchor.AnchorMorningHeatmap";
    static props = { heatmap: Object, periodStart: String, onCellClick: Function };

    get legend() {
        return [
            ...PART_STATES.map((state) => ({
                key: state,
                className: `o_anchor_part ${this.partClass(state)}`,
                label: partStateLabel(state),
            })),
            { key: "no_checkin", className: "o_anchor_heatmap_nocheckin", label: _t("No check-in") },
            { key: "today", className: "o_anchor_legend_today", label: _t("Today") },
        ];
    }

    /** Days of the period before the first check-in are left out: say so. */
    get startNote() {
        const first = this.props.heatmap.days?.[0];
        if (!first || first <= this.props.periodStart) {
            return "";
        }
        const day = luxon.DateTime.fromISO(first).toLocaleString(luxon.DateTime.DATE_MED_WITH_WEEKDAY);
        return _t("From %s, the first day with a check-in", day);
    }

    get parts() {
        return [
            { key: "morning", label: _t("Morning") },
            { key: "visits", label: _t("Visits") },
            { key: "evening", label: _t("Evening") },
        ];
    }

    get today() {
        return luxon.DateTime.local().toISODate();
    }

    get cellsByKey() {
        const cells = new Map();
        for (const cell of this.props.heatmap.cells || []) {
            cells.set(`${cell.user_id}|${cell.day}`, cell);
        }
        return cells;
    }

    get isEmpty() {
        return !(this.props.heatmap.cells || []).length;
    }

    dayLabel(day) {
        return luxon.DateTime.fromISO(day).toFormat("ccc");
    }

    dayNumber(day) {
        return luxon.DateTime.fromISO(day).toFormat("d");
    }

    partClass(state) {
        return `o_anchor_part_${PART_STATES.includes(state) ? state : "none"}`;
    }

    tooltip(userName, cell) {
        const day = luxon.DateTime.fromISO(cell.day).toLocaleString(luxon.DateTime.DATE_MED_WITH_WEEKDAY);
        const lines = [`${userName} · ${day}`];
        for (const part of this.parts) {
            lines.push(`${part.label}: ${partStateLabel(cell[part.key])}`);
        }
        lines.push(_t("%s of 3 completed", cell.completed ?? 0));
        return lines.join("\n");
    }

    noCheckinTooltip(userName, day) {
        const date = luxon.DateTime.fromISO(day).toLocaleString(luxon.DateTime.DATE_MED_WITH_WEEKDAY);
        return `${userName} · ${date}\n${_t("No check-in")}`;
    }
}
