#!/usr/bin/env python3
"""Accuracy of the dictated quick-note parser (语音速记) on a hand-written corpus.

    python3 bench/quick_note_benchmark.py            # table; exit 1 if a field is below 90 %
    python3 bench/quick_note_benchmark.py -v         # also every note with a wrong field
    python3 bench/quick_note_benchmark.py --markdown # the table as Markdown, for docs/benchmarks.md

Each line of ``quick_note_corpus.jsonl`` is a note as a salesperson says it and
the expected value of each field; ``now`` is the line's own or 2026-03-02 09:00
(a Monday). Fields are named as the parser returns them (the visit's field
names). The structured fields (agreed_action, date_next_followup,
followup_channel) must be equal. The two free-text fields are compared on their letters and digits
only (case, width, spaces and punctuation ignored): an expected empty text needs
an empty result; otherwise the parsed text must contain the expected key phrase
without being more than twice as long plus 8 characters, or be a part of it
covering at least 60 % of it. A value longer than the visit's limit (50
characters, lib/anchor_constants.py) is wrong.
"""

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "sales_action_anchor"))

from lib.anchor_constants import VALUE_MAX_CHARS  # noqa: E402  (the add-on folder is put on sys.path above)
from lib.quick_note import parse  # noqa: E402

CORPUS = Path(__file__).with_name("quick_note_corpus.jsonl")
DEFAULT_NOW = "2026-03-02 09:00:00"
THRESHOLD = 0.90
FIELDS = ("pain_summary", "value_point", "agreed_action", "date_next_followup", "followup_channel")
KEYS = set(FIELDS)


def normalize(text):
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in text if ch.isalnum())


def phrase_match(expected, got):
    """Fair match of a free-text field: see the module docstring."""
    if not isinstance(got, str):
        return False
    want, have = normalize(expected), normalize(got)
    if not want:
        return not have
    if not have:
        return False
    if want in have:
        return len(have) <= 2 * len(want) + 8
    if have in want:
        return len(have) >= 0.6 * len(want)
    return False


def field_ok(field, expected, got):
    if field == "pain_summary":
        return phrase_match(expected, got)
    if field == "value_point":
        return isinstance(got, str) and len(got) <= VALUE_MAX_CHARS and phrase_match(expected, got)
    return expected == got


def load(path):
    with open(path, encoding="utf-8") as corpus:
        return [json.loads(line) for line in corpus if line.strip()]


def run(entries):
    rows = []
    started = time.perf_counter()
    for entry in entries:
        now = datetime.strptime(entry.get("now") or DEFAULT_NOW, "%Y-%m-%d %H:%M:%S")
        got = parse(entry["text"], now)
        if set(got) != KEYS:
            raise SystemExit(f"note {entry['id']}: parse() returned keys {sorted(got)}")
        rows.append((entry, got, {f: field_ok(f, entry[f], got[f]) for f in FIELDS}))
    return rows, time.perf_counter() - started


def table(rows, markdown=False):
    """Per-field accuracy on each set of the corpus and on all notes."""
    sets = sorted({entry.get("set", "all") for entry, _got, _ok in rows}) if rows else []
    columns = [(name, [r for r in rows if r[0].get("set", "all") == name]) for name in sets]
    if len(columns) != 1:
        columns.append(("all", rows))
    header = ["field"] + [f"{name} ({len(subset)})" for name, subset in columns]
    lines = []
    if markdown:
        lines += ["| " + " | ".join(header) + " |", "| --- |" + " ---: |" * len(columns)]
    else:
        lines.append(f"{header[0]:<22}" + "".join(f"{h:>16}" for h in header[1:]))

    def cell(ok, n):
        return f"{ok}/{n} {100 * ok / n:.1f} %" if n else "-"

    names = [*FIELDS, "overall (all fields)", "notes fully right"]
    for name in names:
        cells = []
        for _set, subset in columns:
            if name in FIELDS:
                cells.append(cell(sum(ok[name] for _e, _g, ok in subset), len(subset)))
            elif name == "notes fully right":
                cells.append(cell(sum(all(ok.values()) for _e, _g, ok in subset), len(subset)))
            else:
                cells.append(cell(sum(sum(ok.values()) for _e, _g, ok in subset), len(subset) * len(FIELDS)))
        if markdown:
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        else:
            lines.append(f"{name:<22}" + "".join(f"{c:>16}" for c in cells))
    total = len(rows)
    accuracy = {f: sum(ok[f] for _e, _g, ok in rows) / total for f in FIELDS} if total else {}
    return "\n".join(lines), accuracy


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true", help="show every note with a wrong field")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--set", help="with -v: only the notes of this set (dev, holdout)")
    args = parser.parse_args(argv)

    entries = load(args.corpus)
    load_started = time.perf_counter()
    parse(
        "客户说交期长，明天下午3点call王总，Dec 3 demo", datetime(2026, 3, 2, 9)
    )  # loads jieba and dateparser
    load_time = time.perf_counter() - load_started
    rows, elapsed = run(entries)

    if args.verbose:
        for entry, got, ok in rows:
            wrong = [f for f in FIELDS if not ok[f]]
            if wrong and (args.set is None or entry.get("set") == args.set):
                print(f"#{entry['id']} [{entry.get('set', '')} {entry['lang']}] {entry['text']}")
                for f in wrong:
                    print(f"    {f}: expected {entry[f]!r}, got {got[f]!r}")
        print()

    text, accuracy = table(rows, markdown=args.markdown)
    langs = Counter(entry["lang"] for entry in entries)
    by_language = ", ".join(f"{lang} {count}" for lang, count in sorted(langs.items()))
    print(f"corpus: {args.corpus.name}, {len(entries)} notes ({by_language})")
    print(text)
    per_note = 1000 * elapsed / max(len(entries), 1)
    print(f"time: {per_note:.2f} ms per note; first call (loading libraries) {load_time:.2f} s")
    below = [f for f, acc in accuracy.items() if acc < THRESHOLD]
    if below:
        print(f"FAIL: below {THRESHOLD:.0%}: {', '.join(below)}")
        return 1
    print(f"OK: every field at or above {THRESHOLD:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
