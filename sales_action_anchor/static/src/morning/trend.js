import { _t } from "@web/core/l10n/translation";
import { Component, useState } from "@odoo/owl";
import { chartColor, useChart } from "../dashboard/chart_hook";
import { formatRate, isMissing } from "../dashboard/formatters";

const DAY_MS = 24 * 3600 * 1000;

/**
 * Agreed-action completion: a daily or weekly line of the share of actions
 * done by their deadline, and the same rate per salesperson. The line runs on
 * a time axis from the period's start to today (the server cuts the days to
 * come): a day without any action due is a gap, not a point.
 */
export class AnchorMorningTrend extends Component {
    static template = "sales_action_anchor.AnchorMorningTrend";
    static props = { trend: Object };

    setup() {
        this.state = useState({ scale: "daily" });
        useChart(
            () => this.chartConfig(),
            () => [this.props.trend, this.state.scale, this.hasData]
        );
    }

    get points() {
        return this.props.trend[this.state.scale] || [];
    }

    get hasData() {
        return this.points.some((point) => point.due > 0);
    }

    get rows() {
        return this.props.trend.by_user || [];
    }

    formatRate(rate) {
        return formatRate(rate);
    }

    barWidth(rate) {
        return Math.round(Math.min(1, rate || 0) * 100);
    }

    rateClass(rate) {
        if (isMissing(rate)) {
            return "text-muted";
        }
        return rate >= 0.8 ? "text-success" : rate >= 0.6 ? "text-warning" : "text-danger";
    }

    /** The period's days, cut at today by the server, as the time axis's bounds. */
    get axisBounds() {
        const { date_from, date_to } = this.props.trend;
        let min = luxon.DateTime.fromISO(date_from);
        let max = luxon.DateTime.fromISO(date_to);
        if (this.state.scale === "weekly") {
            min = min.startOf("week");
            max = max.startOf("week");
        }
        return { min: min.toMillis(), max: max.toMillis() };
    }

    chartConfig() {
        const points = this.points;
        const weekly = this.state.scale === "weekly";
        const percent = (rate) => (isMissing(rate) ? null : Math.round(rate * 1000) / 10);
        const color = chartColor(0);
        return {
            type: "line",
            data: {
                datasets: [
                    {
                        label: _t("Done by the deadline"),
                        data: points.map((point) => ({
                            x: luxon.DateTime.fromISO(point.day || point.start).toMillis(),
                            y: percent(point.rate),
                        })),
                        borderColor: color,
                        backgroundColor: color,
                        pointRadius: 3,
                        // Straight segments between neighbouring days (or weeks)
                        // only: a curve, or a line over a day without any action
                        // due, would show rates nobody measured.
                        tension: 0,
                        spanGaps: (weekly ? 7 : 1) * 1.5 * DAY_MS,
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    x: {
                        // Chart.js's luxon adapter, bundled with it in web.chartjs_lib.
                        type: "time",
                        ...this.axisBounds,
                        offset: true,
                        time: {
                            unit: weekly ? "week" : "day",
                            isoWeekday: true,
                            displayFormats: { day: "MM-dd", week: "'W'WW" },
                        },
                        grid: { display: false },
                        ticks: { font: { size: 10 }, maxRotation: 0, autoSkip: true },
                    },
                    y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } },
                },
                plugins: {
                    legend: { display: false },
                    tooltip: {
                        callbacks: {
                            title: (items) => {
                                const point = points[items[0].dataIndex];
                                const day = point.day || point.start;
                                const text = luxon.DateTime.fromISO(day).toLocaleString(luxon.DateTime.DATE_MED);
                                return point.week ? _t("Week of %s", text) : text;
                            },
                            label: (item) => {
                                const point = points[item.dataIndex];
                                return _t("%(rate)s done (%(done)s / %(due)s)", {
                                    rate: formatRate(point.rate),
                                    done: point.done,
                                    due: point.due,
                                });
                            },
                        },
                    },
                },
            },
        };
    }
}
