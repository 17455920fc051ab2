import { _t } from "@web/core/l10n/translation";
import { Component, useState } from "@odoo/owl";
import { chartColor, useChart } from "../dashboard/chart_hook";
import { formatRate, isMissing } from "../dashboard/formatters";

/**
 * Agreed-action completion: a daily or weekly line of the share of actions
 * done by their deadline, and the same rate per salesperson.
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

    label(point) {
        if (this.state.scale === "weekly") {
            return point.week.split("-").pop();
        }
        return luxon.DateTime.fromISO(point.day).toFormat("MM-dd");
    }

    chartConfig() {
        const points = this.points;
        const percent = (rate) => (isMissing(rate) ? null : Math.round(rate * 1000) / 10);
        const color = chartColor(0);
        return {
            type: "line",
            data: {
                labels: points.map((point) => this.label(point)),
                datasets: [
                    {
                        label: _t("Done by the deadline"),
                        data: points.map((point) => percent(point.rate)),
                        borderColor: color,
                        backgroundColor: color,
                        pointRadius: 3,
                        spanGaps: true,
                        cubicInterpolationMode: "monotone",
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    x: { grid: { display: false }, ticks: { font: { size: 10 } } },
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
