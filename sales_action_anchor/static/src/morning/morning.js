import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { Component, markRaw, onWillStart, useRef, useState } from "@odoo/owl";

import { AnchorFilterBar } from "../dashboard/filter_bar";
import { AnchorNewcomerCoaching, AnchorPilotComparison } from "./coaching";
import { AnchorMorningHeatmap } from "./heatmap";
import { AnchorMorningTrend } from "./trend";
import { AnchorWordCloud } from "./word_cloud";

/**
 * The dashboard's filter bar with the morning views' periods: the template
 * and the props are the dashboard's, only the presets differ.
 */
export class AnchorMorningFilterBar extends AnchorFilterBar {
    get periods() {
        return [
            { value: "this_week", label: _t("This week") },
            { value: "last_week", label: _t("Last week") },
            { value: "this_month", label: _t("This month") },
            { value: "custom", label: _t("Custom") },
        ];
    }
}

/** First and last day ("YYYY-MM-DD", inclusive) of a morning period preset. */
export function morningRange(period, customFrom, customTo, now = luxon.DateTime.local()) {
    let start = now.startOf("week");
    let end = now.endOf("week");
    if (period === "last_week") {
        start = now.minus({ weeks: 1 }).startOf("week");
        end = start.endOf("week");
    } else if (period === "this_month") {
        start = now.startOf("month");
        end = now.endOf("month");
    } else if (period === "custom") {
        return { date_from: customFrom, date_to: customTo };
    }
    return { date_from: start.toISODate(), date_to: end.toISODate() };
}

/**
 * The manager's morning views: check-in completion heatmap, the TOP demands
 * heard in visits and the agreed-action completion trend, all from one
 * `crm.anchor.morning.get_data` call per filter change.
 */
export class AnchorMorning extends Component {
    static template = "sales_action_anchor.AnchorMorning";
    static components = {
        Layout,
        AnchorMorningFilterBar,
        AnchorMorningHeatmap,
        AnchorWordCloud,
        AnchorMorningTrend,
        AnchorPilotComparison,
        AnchorNewcomerCoaching,
    };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.keepLast = new KeepLast();

        const saved = this.props.state?.anchorMorningFilters || {};
        const today = luxon.DateTime.local();
        this.state = useState({
            filters: {
                period: "this_week",
                customFrom: today.startOf("week").toISODate(),
                customTo: today.toISODate(),
                teamId: false,
                userId: false,
                ...saved,
            },
            teams: [],
            users: [],
            data: null,
            loading: false,
        });

        const rootRef = useRef("root");
        useSetupAction({
            rootRef,
            getLocalState: () => ({ anchorMorningFilters: { ...this.state.filters } }),
        });

        onWillStart(async () => {
            const [canSeeAll] = await Promise.all([
                user.hasGroup("sales_team.group_sale_salesman_all_leads"),
                this.loadTeams(),
                this.load(),
            ]);
            this.canSeeAll = canSeeAll;
            if (canSeeAll) {
                await this.loadUsers();
            }
        });
    }

    get range() {
        const { period, customFrom, customTo } = this.state.filters;
        return morningRange(period, customFrom, customTo);
    }

    async loadTeams() {
        this.state.teams = await this.orm.searchRead("crm.team", [], ["name"], { order: "name" });
    }

    async loadUsers() {
        const domain = [["share", "=", false]];
        domain.push(
            this.state.filters.teamId
                ? ["crm_team_ids", "in", [this.state.filters.teamId]]
                : ["crm_team_ids", "!=", false]
        );
        const users = await this.orm.searchRead("res.users", domain, ["name"], { order: "name" });
        const selected = this.state.filters.userId;
        if (selected && !users.some((u) => u.id === selected)) {
            const known = (this.state.data?.heatmap.users || []).find((u) => u.id === selected);
            users.push({ id: selected, name: known?.name || "" });
        }
        this.state.users = users;
    }

    async load() {
        const { date_from, date_to } = this.range;
        if (!date_from || !date_to || date_from > date_to) {
            return;
        }
        const { teamId, userId } = this.state.filters;
        this.state.loading = true;
        try {
            const data = await this.keepLast.add(
                this.orm.call("crm.anchor.morning", "get_data", [date_from, date_to], {
                    team_ids: teamId ? [teamId] : null,
                    user_ids: userId ? [userId] : null,
                })
            );
            this.state.data = markRaw(data);
        } finally {
            this.state.loading = false;
        }
    }

    onFilterChange(changes) {
        if (changes.period === "custom" && this.state.filters.period !== "custom") {
            const { date_from, date_to } = this.range;
            Object.assign(changes, { customFrom: date_from, customTo: date_to });
        }
        Object.assign(this.state.filters, changes);
        if ("teamId" in changes && this.canSeeAll) {
            this.loadUsers();
        }
        this.load();
    }

    // ------------------------------------------------------------------
    // Drill-downs
    // ------------------------------------------------------------------

    openCheckin(checkinId) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Check-in"),
            res_model: "crm.anchor.checkin",
            res_id: checkinId,
            views: [[false, "form"]],
        });
    }

    openWord(word) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Visits mentioning “%s”", word.word),
            res_model: "crm.anchor.visit",
            domain: word.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            context: { create: false },
        });
    }
}

registry.category("actions").add("sales_action_anchor.morning", AnchorMorning);
