"""The demo's six files, written together from one planned history."""

import filecmp
import tempfile
from pathlib import Path

from datagen.addon import ADDON_DIR, text_quality
from datagen.world.sales_process import STAGE_NAMES

from .model import Visit
from .portfolio import make_customers, make_opportunities
from .seed import reseed
from .team import SALESPEOPLE
from .timeline import plan_all
from .xml_activities import write_activities
from .xml_company import write_company
from .xml_leads import write_leads
from .xml_partners import write_partners
from .xml_pipeline import write_pipeline
from .xml_users import write_users

DEMO_DIR = ADDON_DIR / "demo"
FILES = [
    "res_company_demo.xml",
    "res_users_demo.xml",
    "res_partner_demo.xml",
    "crm_lead_demo.xml",
    "crm_anchor_pipeline_demo.xml",
    "mail_activity_demo.xml",
]


def summary(opportunities):
    visits = [e for o in opportunities for e in o.events if isinstance(e, Visit)]
    lines = [f"{len(opportunities)} opportunities, {len(visits)} visits"]
    for index, name in enumerate(STAGE_NAMES):
        lines.append(f"  {name:9} {sum(o.stage == index for o in opportunities)}")
    for person in SALESPEOPLE:
        mine = [e for o in opportunities if o.user is person for e in o.events if isinstance(e, Visit)]
        submitted = [v for v in mine if v.state == "submitted"]
        due = [v for v in submitted if v.followup.days >= 1]
        done = [v for v in submitted if v.done]
        on_time = [v for v in done if v.done.on_time]
        avg = sum(text_quality.cjk_char_count(v.summary) for v in submitted) / max(len(submitted), 1)
        lines.append(
            f"  {person.name:4} visits {len(mine):3} (submitted {len(submitted):3}, summary {avg:4.1f} chars)"
            f"  actions due {len(due):3} done {len(done):3} on time {len(on_time):3}"
            f"  overdue opps {sum(o.overdue for o in opportunities if o.user is person)}"
        )
    return "\n".join(lines)


def write_all(directory):
    reseed()
    customers = make_customers()
    opportunities = make_opportunities(customers)
    plan_all(opportunities)
    directory.mkdir(exist_ok=True)
    write_company(directory / FILES[0])
    write_users(directory / FILES[1])
    write_partners(directory / FILES[2], customers)
    write_leads(directory / FILES[3], opportunities)
    write_pipeline(directory / FILES[4], opportunities)
    write_activities(directory / FILES[5], opportunities)
    return opportunities


def demo_is_current():
    """Whether the demo files are byte for byte what this script writes; names those that are not."""
    with tempfile.TemporaryDirectory() as fresh:
        write_all(Path(fresh))
        differ = [
            name
            for name in FILES
            if not (DEMO_DIR / name).exists()
            or not filecmp.cmp(Path(fresh) / name, DEMO_DIR / name, shallow=False)
        ]
    for name in differ:
        print(f"demo/{name} differs from what tools/generate_demo.py writes: run it and commit the result")
    return not differ
