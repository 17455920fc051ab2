#!/usr/bin/env python3
"""Generate the demo data of ``sales_action_anchor`` (``sales_action_anchor/demo/*.xml``).

The story: the East China sales team of a building-materials and industrial-supplies
distributor (waterproofing, pipes, cables, insulation, valves, fasteners, MRO). Eight
salespeople, each with a territory and eight customers, and about a hundred
opportunities over the last three months, spread over the six anchor stages.

Every opportunity reaches its stage the way a real one would: it is created in Lead,
its evidence is recorded (touch with a chat excerpt, submitted visit, agreed action
marked done, proposal or quote document), and only then is its stage written, so the
add-on's gates check real evidence. Dates are relative to the day the data is loaded
(``DateTime.today() - relativedelta(days=N)``), so the demo always looks recent.

A few habits show up in the figures:

* 张伟 logs many visits whose pain point is a few characters ("王总再考虑");
* 李娜 completes nearly every agreed action before its deadline;
* 杨帆 lets opportunities go without follow-up for more than three days;
* 黄晓东, new in the team, has fresh leads still waiting for their first touch.

The team works in Chinese and in yuan: the demo company's currency is CNY, and
Simplified Chinese is installed before the people are created, so that they, their
customers, and everything the server writes for them (assignment notices,
activities, chatter) are in Chinese, as if they had worked in it all along.

The team, its customers and their stories are planned by ``datagen.demo``, in
the world it shares with the benchmark generator (``datagen.world``).
Deterministic (``random.Random(42)``): running it twice writes the same files.
``--check`` writes nothing and fails when a demo file differs from what it would
write (``scripts/test`` runs it).

    python3 tools/generate_demo.py [--check]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository's datagen package

from datagen.demo.files import DEMO_DIR, FILES, demo_is_current, summary, write_all  # noqa: E402


def main(argv):
    if argv == ["--check"]:
        return 0 if demo_is_current() else 1
    if argv:
        print(__doc__)
        return 2
    print(summary(write_all(DEMO_DIR)))
    print("written:", ", ".join(f"demo/{name}" for name in FILES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
