import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";

export const PART_STATES = ["on_time", "late", "missed", "pending", "none"];

export function partStateLabel(state) {
    return (
        {
            on_time: _t("On time"),
            late: _t("Late"),
            missed: _t("Missed"),
            pending: _t("Pending"),
            none: _t("None"),
        }[state] || _t("None")
    );
}

/**
 * Check-in completion: one row per salesperson, one column per day; a cell
 * shows the morning, visits and evening parts as three coloured squares.
 */
export class AnchorMorningHeatmap extends Component {
    static template = "sales_action_anchor.AnchorMorningHeatmap";
    static props = { heatmap: Object, onCellClick: Function };

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
}
