import { Component } from "@odoo/owl";

const MIN_REM = 0.9;
const MAX_REM = 2.4;

/**
 * TOP demands heard in visits: words as tags whose size grows with the log
 * of their count. Clicking one opens the visits that mention it.
 */
export class AnchorWordCloud extends Component {
    static template = "sales_action_anchor.AnchorWordCloud";
    static props = { words: Array, onWordClick: Function };

    get items() {
        const words = this.props.words || [];
        const counts = words.map((w) => Math.log(Math.max(1, w.count)));
        const min = Math.min(...counts);
        const max = Math.max(...counts);
        const items = words.map((word, index) => {
            const ratio = max > min ? (counts[index] - min) / (max - min) : 0.5;
            return {
                word,
                size: (MIN_REM + ratio * (MAX_REM - MIN_REM)).toFixed(2),
                tone: ratio > 0.66 ? "strong" : ratio > 0.33 ? "medium" : "light",
            };
        });
        // Interleave big and small words, as a cloud rather than a ranking.
        return items.map((item, index) => ({ ...item, order: index % 2 ? -index : index }));
    }
}
