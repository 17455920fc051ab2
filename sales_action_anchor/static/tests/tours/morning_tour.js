/** @odoo-module */

import { registry } from "@web/core/registry";

const READY = ".o_anchor_morning_body:not(.o_anchor_loading)";
const TEAM_READY = `${READY}:has(.o_anchor_heatmap_row:contains(Morning Tour Colleague))`;

function assertRecordCount(selector, expected) {
    const count = document.querySelectorAll(selector).length;
    if (count !== expected) {
        throw new Error(`Expected ${expected} records (${selector}), found ${count}`);
    }
}

/** "YYYY-MM-DD" of today plus ``offset`` days (the browser, the users and the company are in UTC). */
function day(offset) {
    return luxon.DateTime.local().plus({ days: offset }).toISODate();
}

function assertEqual(actual, expected, what) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`);
    }
}

function setDate(selector, value) {
    const input = document.querySelector(selector);
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

function rowDays(name) {
    const row = [...document.querySelectorAll(".o_anchor_heatmap_row")].find(
        (tr) => tr.querySelector("th").textContent.trim() === name
    );
    return {
        checkins: [...row.querySelectorAll(".o_anchor_heatmap_cell")].map((el) => el.dataset.day),
        missing: [...row.querySelectorAll(".o_anchor_heatmap_nocheckin")].map((el) => el.dataset.day),
    };
}

/** Every mark the heatmap draws has its entry in the legend. */
function assertLegendComplete() {
    const table = document.querySelector(".o_anchor_heatmap_table");
    const legend = document.querySelector(".o_anchor_heatmap_legend");
    const drawn = new Set();
    for (const part of table.querySelectorAll(".o_anchor_part")) {
        part.classList.forEach((name) => name.startsWith("o_anchor_part_") && drawn.add(name));
    }
    if (table.querySelector(".o_anchor_heatmap_nocheckin")) {
        drawn.add("o_anchor_heatmap_nocheckin");
    }
    if (table.querySelector(".o_anchor_heatmap_cell.o_anchor_today")) {
        drawn.add("o_anchor_legend_today");
    }
    const missing = [...drawn].filter((name) => !legend.querySelector(`.${name}`));
    if (missing.length) {
        throw new Error(`Marks missing from the legend: ${missing.join(", ")}`);
    }
    for (const mark of ["o_anchor_part_pending", "o_anchor_part_none", "o_anchor_heatmap_nocheckin"]) {
        if (!drawn.has(mark)) {
            throw new Error(`The test data should draw ${mark}`);
        }
    }
}

/** Days on a time axis, up to today, straight segments broken where no action was due. */
function assertTrendChart() {
    const canvas = document.querySelector(".o_anchor_trend_chart canvas");
    const chart = Chart.getChart(canvas);
    assertEqual(chart.options.scales.x.type, "time", "the trend's x axis");
    const dataset = chart.data.datasets[0];
    if (dataset.tension || dataset.cubicInterpolationMode === "monotone") {
        throw new Error("The trend is smoothed: it shows rates between days nobody measured");
    }
    const days = dataset.data.map((point) => luxon.DateTime.fromMillis(point.x).toISODate());
    // Due 4 and 3 days ago and today; tomorrow's action, done early, is not plotted.
    assertEqual(days, [day(-4), day(-3), day(0)], "plotted days");
    assertEqual(luxon.DateTime.fromMillis(chart.scales.x.max).toISODate(), day(0), "the axis ends today");
    // Nothing was due two days ago nor yesterday: two segments, not one line over the gap.
    assertEqual(chart.getDatasetMeta(0).dataset.segments.length, 2, "segments of the line");
}

/** The demand cloud's words start at the top of its card, not below a blank half. */
function assertWordsOnTop() {
    const body = document.querySelector(".o_anchor_word_cloud_body");
    const top = Math.min(
        ...[...body.querySelectorAll(".o_anchor_word")].map((el) => el.getBoundingClientRect().top)
    );
    const gap = top - body.getBoundingClientRect().top;
    if (gap > 48) {
        throw new Error(`The first row of words is ${Math.round(gap)}px below the top of its card`);
    }
}

// A manager looks at a team over a custom period running from six days ago to
// three days ahead, then narrows the views to one salesperson, sees today's
// check-in and opens the visits behind a word of the demand cloud. The Python
// test creates the team and its data (see test_tour_morning.py).
registry.category("web_tour.tours").add("sales_action_anchor_morning", {
    steps: () => [
        {
            content: "choose a custom period",
            trigger: ".o_anchor_filter_period",
            run: "selectByLabel Custom",
        },
        {
            content: "from six days ago to three days ahead",
            trigger: `${READY} .o_anchor_filter_from`,
            run: () => {
                setDate(".o_anchor_filter_to", day(3));
                setDate(".o_anchor_filter_from", day(-6));
            },
        },
        {
            content: "the test team",
            trigger: ".o_anchor_filter_team:has(option:contains(Morning Tour Team))",
            run: "selectByLabel Morning Tour Team",
        },
        {
            content: "the heatmap runs from the first check-in to today, never beyond",
            trigger: `${TEAM_READY} .o_anchor_heatmap_start`,
            run: () => {
                const days = [-4, -3, -2, -1, 0].map(day);
                const one = rowDays("Morning Tour Rep");
                const two = rowDays("Morning Tour Colleague");
                assertEqual([...one.checkins, ...one.missing].sort(), days, "the first salesperson's days");
                assertEqual(one.missing, [day(-2), day(-1)], "the first salesperson's days without check-in");
                assertEqual(two.checkins, [day(0)], "the second salesperson's check-ins");
                assertEqual(two.missing, days.slice(0, 4), "the second salesperson's days without check-in");
            },
        },
        {
            content: "every mark of the heatmap is in its legend",
            trigger: `${TEAM_READY} .o_anchor_heatmap_legend`,
            run: assertLegendComplete,
        },
        {
            content: "the completion trend stops today, on a time axis, with its gaps",
            trigger: `${TEAM_READY} .o_anchor_trend_chart canvas`,
            run: assertTrendChart,
        },
        {
            content: "the demand cloud shows its words at the top of its card",
            trigger: `${TEAM_READY} .o_anchor_word_cloud_body .o_anchor_word`,
            run: assertWordsOnTop,
        },
        {
            content: "the morning views list the test salesperson",
            trigger: ".o_anchor_filter_user:has(option:contains(Morning Tour Rep))",
            run: "selectByLabel Morning Tour Rep",
        },
        { trigger: `${READY} .o_anchor_filter_user:has(option:selected:contains(Morning Tour Rep))` },
        {
            content: "today's check-in is a cell of the salesperson's row",
            trigger: `${READY} .o_anchor_heatmap_row:contains(Morning Tour Rep) .o_anchor_heatmap_cell.o_anchor_today[data-checkin-id] .o_anchor_part_on_time`,
        },
        { content: "the pilot group is compared with everyone else", trigger: `${READY} .o_anchor_pilot table` },
        { content: "newcomer coaching is shown", trigger: `${READY} .o_anchor_newcomers` },
        {
            content: "click the word 交期 in the demand cloud",
            trigger: `${READY} .o_anchor_word[data-word="交期"]`,
            run: "click",
        },
        {
            content: "exactly the two visits mentioning it are listed",
            trigger: ".o_list_view .o_data_row:contains(交期太长影响开工)",
            run: () => assertRecordCount(".o_list_view .o_data_row", 2),
        },
        { trigger: ".o_list_view .o_data_row:contains(交期不稳定被罚款)" },
    ],
});
