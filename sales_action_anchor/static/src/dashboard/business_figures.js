import { _t } from "@web/core/l10n/translation";
import { Component } from "@odoo/owl";
import { NO_VALUE, formatNumber, formatRate, isMissing } from "./formatters";

/**
 * The anchors' effect said in the managers' words: demand (second quotes),
 * trust (delivery questions right after signing) and method transfer (how
 * close newcomers' visit notes come to the top performers').
 */
export class AnchorBusinessFigures extends Component {
    static template = "sales_action_anchor.AnchorBusinessFigures";
    static props = {
        business: Object,
        onOpenPartners: Function,
    };

    formatNumber = formatNumber;

    get trustRate() {
        const { count, signed } = this.props.business.trust;
        return signed ? formatRate(count / signed) : NO_VALUE;
    }

    get hasMethodTransfer() {
        const { top_avg_chars, newcomer_avg_chars } = this.props.business.method_transfer;
        return Boolean(top_avg_chars && newcomer_avg_chars);
    }

    // One sentence, so that translations may order it freely.
    get methodTransferText() {
        const { top_avg_chars, newcomer_avg_chars } = this.props.business.method_transfer;
        return _t(
            "Top performers write %(top)s characters per pain point, newcomers %(newcomer)s",
            { top: formatNumber(top_avg_chars), newcomer: formatNumber(newcomer_avg_chars) }
        );
    }

    get ratio() {
        const ratio = this.props.business.method_transfer.ratio;
        return isMissing(ratio) ? NO_VALUE : `×${formatNumber(ratio)}`;
    }

    openDemand() {
        const { count, partner_ids } = this.props.business.demand_heat;
        if (count) {
            this.props.onOpenPartners(_t("Customers asking for a second quote"), partner_ids);
        }
    }

    openTrust() {
        const { count, partner_ids } = this.props.business.trust;
        if (count) {
            this.props.onOpenPartners(_t("Customers asking about delivery after signing"), partner_ids);
        }
    }
}
