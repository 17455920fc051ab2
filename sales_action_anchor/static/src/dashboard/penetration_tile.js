import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";
import { useChart } from "./chart_hook";
import { formatMonth, formatMonthLong, formatRate, isMissing, rateTone } from "./formatters";

// Bootstrap colours of the tones, for the bars of the trend (Chart.js draws
// on a canvas and cannot use classes).
const TONE_COLORS = {
    success: "#28a745",
    warning: "#f0ad4e",
    danger: "#dc3545",
    muted: "#adb5bd",
};

/**
 * One key action: how much of what was expected was done on time, against
 * the managers' target, with its six-month trend.
 */
export class AnchorPenetrationTile extends Component {
    static template = "sales_action_anchor.AnchorPenetrationTile";
    static props = { kpi: Object };

    setup() {
        useChart(
            () => this.chartConfig(),
            () => [this.props.kpi]
        );
    }

    get tone() {
        return rateTone(this.props.kpi.rate, this.props.kpi.target);
    }

    get rate() {
        return formatRate(this.props.kpi.rate);
    }

    get target() {
        return formatRate(this.props.kpi.target);
    }

    // Width of the progress bar and position of the target marker, in %.
    get barWidth() {
        return Math.round(Math.min(1, this.props.kpi.rate || 0) * 100);
    }

    get targetLeft() {
        return Math.round(Math.min(1, this.props.kpi.target || 0) * 100);
    }

    get hasTrend() {
        return (this.props.kpi.trend || []).some((month) => month.expected > 0);
    }

    chartConfig() {
        const { trend, target } = this.props.kpi;
        const percent = (rate) => (isMissing(rate) ? null : Math.round(rate * 1000) / 10);
        return {
            type: "bar",
            data: {
                labels: trend.map((month) => formatMonth(month.month)),
                datasets: [
                    {
                        type: "line",
                        label: _t("Target"),
                        data: trend.map(() => percent(target)),
                        borderColor: "#6c757d",
                        borderDash: [4, 3],
                        borderWidth: 1,
                        pointRadius: 0,
                        fill: false,
                    },
                    {
                        label: _t("On time"),
                        data: trend.map((month) => percent(month.rate)),
                        backgroundColor: trend.map((month) => TONE_COLORS[rateTone(month.rate, target)]),
                        borderRadius: 2,
                        maxBarThickness: 18,
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    x: { grid: { display: false }, ticks: { font: { size: 10 } } },
                    y: { display: false, min: 0, max: 100 },
                },
                plugins: {
                    legend: { display: false },
                    tooltip: {
                        filter: (item) => item.datasetIndex === 1,
                        callbacks: {
                            title: (items) => formatMonthLong(trend[items[0].dataIndex].month),
                            label: (item) => {
                                const month = trend[item.dataIndex];
                                return _t("%(rate)s on time (%(done)s / %(expected)s)", {
                                    rate: formatRate(month.rate),
                                    done: month.done_on_time,
                                    expected: month.expected,
                                });
                            },
                        },
                    },
                },
            },
        };
    }
}
