import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";

/**
 * Period, team and salesperson selectors. Stateless: the dashboard owns the
 * filter values (so they survive a trip through the breadcrumbs) and reloads
 * the data on every change reported through `onChange`.
 */
export class AnchorFilterBar extends Component {
    static template = "sales_action_anchor.AnchorFilterBar";
    static defaultProps = { showUsers: true };
    static props = {
        period: String,
        customFrom: String,
        customTo: String,
        teamId: [Number, Boolean],
        userId: [Number, Boolean],
        teams: Array,
        users: Array,
        showUsers: { type: Boolean, optional: true },
        onChange: Function,
        slots: { type: Object, optional: true },
    };

    get periods() {
        return [
            { value: "this_month", label: _t("This month") },
            { value: "last_month", label: _t("Last month") },
            { value: "this_quarter", label: _t("This quarter") },
            { value: "custom", label: _t("Custom") },
        ];
    }

    onSelectId(key, ev) {
        this.props.onChange({ [key]: parseInt(ev.target.value) || false });
    }

    onDate(key, ev) {
        if (ev.target.value) {
            this.props.onChange({ [key]: ev.target.value });
        }
    }
}
