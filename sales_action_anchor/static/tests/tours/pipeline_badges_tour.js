/** @odoo-module */

import { registry } from "@web/core/registry";

const CARD = ".o_kanban_record:contains(Badge Tour Opportunity)";

// The pipeline's kanban card of an opportunity both overdue for follow-up and
// past its first-touch deadline: the two badges are pills side by side, as
// the card's tags, not bars across the card. Run at desktop and phone widths
// by the Python test, which creates the opportunity.
registry.category("web_tour.tours").add("sales_action_anchor_pipeline_badges", {
    steps: () => [
        { trigger: `${CARD} .badge:contains(Follow-up overdue)` },
        {
            content: "both badges are pills on one line, far narrower than the card",
            trigger: `${CARD} .badge:contains(First touch overdue)`,
            run() {
                const card = this.anchor.closest(".o_kanban_record").getBoundingClientRect();
                const badges = [...this.anchor.parentElement.querySelectorAll(".badge")];
                if (badges.length !== 2) {
                    throw new Error(`Expected 2 badges side by side, found ${badges.length}`);
                }
                const pills = badges.map((badge) => badge.getBoundingClientRect());
                for (const pill of pills) {
                    if (pill.width > card.width / 2) {
                        throw new Error(`A badge is ${pill.width}px wide in a ${card.width}px card`);
                    }
                }
                if (!badges.every((badge) => badge.classList.contains("rounded-pill"))) {
                    throw new Error("The badges are not pills (rounded-pill), unlike the card's tags");
                }
                if (Math.abs(pills[0].top - pills[1].top) > 1) {
                    throw new Error("The badges are not on the same line");
                }
            },
        },
    ],
});
