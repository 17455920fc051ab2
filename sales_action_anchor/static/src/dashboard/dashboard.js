import { _t } from "@web/core/l10n/translation";
import { loadBundle } from "@web/core/assets";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { Component, markRaw, onWillStart, useRef, useState } from "@odoo/owl";

import { AnchorBeforeAfter } from "./before_after";
import { AnchorBusinessFigures } from "./business_figures";
import { AnchorFilterBar } from "./filter_bar";
import { AnchorPenetrationTile } from "./penetration_tile";
import { AnchorStageDonut } from "./stage_donut";
import { AnchorVisitRanking } from "./visit_ranking";

export const EXPORT_URL = "/sales_action_anchor/dashboard/xlsx";

/**
 * First and last day ("YYYY-MM-DD", inclusive) of a period preset, in the
 * user's timezone.
 */
export function periodRange(period, customFrom, customTo, now = luxon.DateTime.local()) {
    let start = now.startOf("month");
    let end = now.endOf("month");
    if (period === "last_month") {
        start = now.minus({ months: 1 }).startOf("month");
        end = start.endOf("month");
    } else if (period === "this_quarter") {
        start = now.startOf("quarter");
        end = now.endOf("quarter");
    } else if (period === "custom") {
        return { date_from: customFrom, date_to: customTo };
    }
    return { date_from: start.toISODate(), date_to: end.toISODate() };
}

/**
 * The managers' dashboard: one `crm.anchor.dashboard.get_data` call per
 * filter change feeds every card; each card is a small component that gets
 * its slice of the payload and reports clicks back here, where records are
 * opened.
 */
export class AnchorDashboard extends Component {
    static template = "sales_action_anchor.AnchorDashboard";
    static components = {
        Layout,
        AnchorFilterBar,
        AnchorStageDonut,
        AnchorPenetrationTile,
        AnchorVisitRanking,
        AnchorBusinessFigures,
        AnchorBeforeAfter,
    };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.keepLast = new KeepLast();
        // Names of teams and salespeople seen in any payload, so a selected
        // one keeps its label when a narrower payload no longer lists it.
        this.names = { teams: new Map(), users: new Map() };

        // Filters come back from the breadcrumbs as they were left.
        const saved = this.props.state?.anchorFilters || {};
        const today = luxon.DateTime.local();
        this.state = useState({
            filters: {
                period: "this_month",
                customFrom: today.startOf("month").toISODate(),
                customTo: today.toISODate(),
                teamId: false,
                userId: false,
                ...saved,
            },
            data: null,
            loading: false,
        });

        const rootRef = useRef("root");
        useSetupAction({
            rootRef,
            getLocalState: () => ({ anchorFilters: { ...this.state.filters } }),
        });

        onWillStart(async () => {
            const [canSeeAll] = await Promise.all([
                user.hasGroup("sales_team.group_sale_salesman_all_leads"),
                loadBundle("web.chartjs_lib"),
                this.load(),
            ]);
            // Own-documents salespeople only ever get their own figures: a
            // salesperson selector would only offer empty dashboards.
            this.canSeeAll = canSeeAll;
        });
    }

    get range() {
        const { period, customFrom, customTo } = this.state.filters;
        return periodRange(period, customFrom, customTo);
    }

    get teamIds() {
        return this.state.filters.teamId ? [this.state.filters.teamId] : null;
    }

    get userIds() {
        return this.state.filters.userId ? [this.state.filters.userId] : null;
    }

    async load() {
        const { date_from, date_to } = this.range;
        if (!date_from || !date_to || date_from > date_to) {
            return;
        }
        this.state.loading = true;
        try {
            const data = await this.keepLast.add(
                this.orm.call("crm.anchor.dashboard", "get_data", [date_from, date_to], {
                    team_ids: this.teamIds,
                    user_ids: this.userIds,
                })
            );
            for (const key of ["teams", "users"]) {
                for (const record of data.filters?.[key] || []) {
                    this.names[key].set(record.id, record.name);
                }
            }
            // The payload is replaced, never mutated: keep it out of the
            // reactivity system so charts can compare it by identity.
            this.state.data = markRaw(data);
        } finally {
            this.state.loading = false;
        }
    }

    filterOptions(key, selectedId) {
        const records = this.state.data?.filters?.[key] || [];
        if (!selectedId || records.some((record) => record.id === selectedId)) {
            return records;
        }
        return [...records, { id: selectedId, name: this.names[key].get(selectedId) || "" }];
    }

    onFilterChange(changes) {
        if (changes.period === "custom" && this.state.filters.period !== "custom") {
            // A custom period starts from the one on screen, ready to adjust.
            const { date_from, date_to } = this.range;
            Object.assign(changes, { customFrom: date_from, customTo: date_to });
        }
        Object.assign(this.state.filters, changes);
        this.load();
    }

    get overdue() {
        return this.state.data.overdue;
    }

    get isEmpty() {
        const { stages, ranking, penetration } = this.state.data;
        return (
            !stages.some((stage) => stage.count) &&
            !ranking.rows.length &&
            !penetration.some((kpi) => kpi.expected) &&
            !this.overdue.count
        );
    }

    get exportUrl() {
        const { date_from, date_to } = this.range;
        let url = `${EXPORT_URL}?date_from=${date_from}&date_to=${date_to}`;
        if (this.teamIds) {
            url += `&team_ids=${this.teamIds.join(",")}`;
        }
        if (this.userIds) {
            url += `&user_ids=${this.userIds.join(",")}`;
        }
        return url;
    }

    // ------------------------------------------------------------------
    // Drill-downs: the payload gives ready-made domains.
    // ------------------------------------------------------------------

    openRecords(resModel, name, domain, viewTypes) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: resModel,
            domain,
            views: viewTypes.map((type) => [false, type]),
            // As the standard actions do: phones open the kanban when there is one.
            mobile_view_mode: viewTypes.includes("kanban") ? "kanban" : viewTypes[0],
            // A drill-down shows what the figure counted; creating records
            // from it would create them outside of the figure.
            context: { create: false },
        });
    }

    openStage(stage) {
        this.openRecords("crm.lead", _t("Opportunities: %s", stage.name), stage.domain, [
            "list",
            "kanban",
            "form",
        ]);
    }

    /** The teams' own delay: one number when the teams shown share it. */
    get overdueLabel() {
        const days = this.overdue.days;
        return days
            ? _t("Not followed up for more than %s days", days)
            : _t("Not followed up for longer than their team allows");
    }

    openOverdue() {
        this.openRecords(
            "crm.lead",
            this.overdueLabel,
            this.overdue.domain,
            ["list", "kanban", "form"]
        );
    }

    openVisits(row) {
        this.openRecords("crm.anchor.visit", _t("Visits: %s", row.name), row.visit_domain, [
            "list",
            "form",
        ]);
    }

    openPartners(name, partnerIds) {
        this.openRecords("res.partner", name, [["id", "in", partnerIds]], ["list", "kanban", "form"]);
    }
}

registry.category("actions").add("sales_action_anchor.dashboard", AnchorDashboard);
