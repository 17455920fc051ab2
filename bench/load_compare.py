#!/usr/bin/env python3
"""Two load test reports side by side: p50/p95/p99 per action, as Markdown.

    python3 bench/load_compare.py primary.json replica.json [--names "one server,with a replica"]

The reports are those ``bench/load.py --json`` writes (e.g. the same command
without and with a read replica).
"""

import argparse
import json
import sys
from pathlib import Path

from load_report import fmt

PERCENTILES = ("p50_ms", "p95_ms", "p99_ms")


def side_by_side(reports, names):
    actions = []
    for report in reports:
        actions += [row["action"] for row in report["summary"]["actions"] if row["action"] not in actions]
    by_action = [{row["action"]: row for row in report["summary"]["actions"]} for report in reports]
    header = ["action"] + [f"{name} {key.removesuffix('_ms')}" for key in PERCENTILES for name in names]
    lines = ["| " + " | ".join(header) + " |", "| --- |" + " ---: |" * (len(header) - 1)]
    for action in actions:
        cells = [action]
        for key in PERCENTILES:
            cells += [fmt(rows[action][key]) if action in rows else "–" for rows in by_action]
        cells[0] += (
            " (" + " / ".join(str(rows[action]["ok"]) if action in rows else "0" for rows in by_action) + ")"
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("reports", nargs="+", help="JSON reports of bench/load.py")
    parser.add_argument("--names", help="comma-separated column names (default: the files' names)")
    args = parser.parse_args(argv)
    reports = [json.loads(Path(path).read_text(encoding="utf-8")) for path in args.reports]
    names = args.names.split(",") if args.names else [Path(path).stem for path in args.reports]
    if len(names) != len(reports):
        parser.error("one name per report")
    print(side_by_side(reports, names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
