"""Each salesperson's customers, in their territory, and their opportunities."""

from datagen.world.companies import (
    BUSINESS_TYPES,
    LEAD_SOURCES,
    PRODUCT_LINES,
    PROJECTS,
    REVENUE,
    TRADE_NAMES,
)
from datagen.world.people import FUNCTIONS, GIVEN_NAMES, MOBILE_PREFIXES, SURNAMES
from datagen.world.places import CITIES, ROADS

from .model import LEAD, SIGNED, Contact, Customer, Opportunity
from .seed import rng
from .team import CUSTOMERS_PER_SALESPERSON, SALESPEOPLE


def make_customers():
    trade_names = TRADE_NAMES[:]
    rng.shuffle(trade_names)
    people = [(s, g) for s in SURNAMES for g in GIVEN_NAMES]
    rng.shuffle(people)
    weights = [t[-1] for t in BUSINESS_TYPES]
    customers = []
    for salesperson in SALESPEOPLE:
        for _i in range(CUSTOMERS_PER_SALESPERSON):
            (trade, trade_py), (surname, given) = trade_names.pop(), people.pop()
            full, short, industry, lines, projects, slug, _w = rng.choices(BUSINESS_TYPES, weights)[0]
            city = rng.choice(salesperson.cities)
            state, area, zip_prefix, districts = CITIES[city]
            domain = f"{trade_py}-{slug}.example"
            function, title = rng.choice(FUNCTIONS)
            contact = Contact(
                key=f"{trade_py}_{surname[1]}_{given[1]}",
                name=surname[0] + given[0],
                function=function,
                honor=surname[0] + title,
                mobile=f"{rng.choice(MOBILE_PREFIXES)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                email=f"{surname[1]}{given[1]}@{domain}",
            )
            customers.append(
                Customer(
                    key=trade_py,
                    name=f"{city}{trade}{full}",
                    short=trade + short,
                    city=city,
                    street=f"{rng.choice(districts)}{rng.choice(ROADS)}{rng.randint(8, 999)}号",
                    zip=(zip_prefix + "".join(str(rng.randint(0, 9)) for _ in range(6)))[:6],
                    phone=f"{area}-{rng.choice('5678')}{rng.randint(0, 9999999):07d}",
                    email=f"info@{domain}",
                    website=f"https://www.{domain}",
                    industry=industry,
                    lines=lines.split(),
                    projects=PROJECTS[projects],
                    salesperson=salesperson,
                    contact=contact,
                )
            )
    return customers


# ============================================================================
# Opportunities and their stories
# ============================================================================


def round_revenue(amount):
    step = 1_000 if amount < 100_000 else 5_000 if amount < 1_000_000 else 10_000
    return round(amount / step) * step


def make_opportunities(customers):
    opportunities = []
    for salesperson in SALESPEOPLE:
        mine = [c for c in customers if c.salesperson is salesperson]
        stages = [stage for stage, count in enumerate(salesperson.stages) for _ in range(count)]
        rng.shuffle(stages)
        # every customer has one opportunity, some a second one
        owners = mine + rng.sample(mine, len(stages) - len(mine))
        taken = set()
        waiting = salesperson.waiting
        for stage, customer in zip(stages, owners, strict=True):
            line = rng.choice(customer.lines)
            project = rng.choice([p for p in customer.projects if (customer.key, p) not in taken])
            taken.add((customer.key, project))
            low, high = REVENUE[line]
            tags = [f"tag_{line}"]
            if "年度" in project:
                tags.append("tag_framework")
            elif customer.industry in ("F", "L"):
                tags.append("tag_project")
            if rng.random() < 0.3:
                tags.append("tag_returning")
            opportunity = Opportunity(
                key=f"lead_{len(opportunities) + 1:03d}",
                customer=customer,
                stage=stage,
                line=line,
                product=rng.choice(PRODUCT_LINES[line][1]),
                project=project,
                revenue=round_revenue(low + (high - low) * rng.random() ** 2),
                priority=rng.choices("0123", [3, 4, 2, 1])[0],
                tags=tags,
                source=rng.choice(LEAD_SOURCES),
            )
            if stage == LEAD and waiting:
                opportunity.waiting = True
                waiting -= 1
            elif stage < SIGNED:
                opportunity.overdue = rng.random() < salesperson.habits.overdue_rate
            opportunities.append(opportunity)
    return opportunities
