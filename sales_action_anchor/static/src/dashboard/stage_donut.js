import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";
import { chartColor, useChart } from "./chart_hook";

/**
 * Doughnut of the six anchor stages. The HTML legend (name + count) opens the
 * same opportunities as the slices: it is readable on a phone, accessible
 * with the keyboard, and gives tours a stable element to click.
 */
export class AnchorStageDonut extends Component {
    static template = "sales_action_anchor.AnchorStageDonut";
    static props = {
        stages: Array,
        onStageClick: Function,
    };

    setup() {
        useChart(
            () => this.chartConfig(),
            () => [this.props.stages]
        );
    }

    get total() {
        return this.props.stages.reduce((sum, stage) => sum + stage.count, 0);
    }

    color(index) {
        return chartColor(index, this.props.stages.length);
    }

    chartConfig() {
        const stages = this.props.stages;
        return {
            type: "doughnut",
            data: {
                labels: stages.map((stage) => stage.name),
                datasets: [
                    {
                        data: stages.map((stage) => stage.count),
                        backgroundColor: stages.map((_stage, index) => this.color(index)),
                        borderWidth: 1,
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                cutout: "62%",
                plugins: {
                    legend: { display: false },
                    tooltip: {
                        callbacks: {
                            label: (item) => _t("%(count)s opportunities", { count: item.raw }),
                        },
                    },
                },
                onHover: (event, elements) => {
                    event.native.target.style.cursor = elements.length ? "pointer" : "default";
                },
                onClick: (_event, elements) => {
                    if (elements.length) {
                        this.props.onStageClick(stages[elements[0].index]);
                    }
                },
            },
        };
    }
}
