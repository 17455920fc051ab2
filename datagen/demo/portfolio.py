"""Each salesperson's customers, in their territory, and their opportunities."""

from datagen.world.companies import (
    LEAD_SOURCES,
    PRODUCT_LINES,
    PROJECTS,
    TRADE_NAMES,
    business_type,
    company_name,
    expected_revenue,
    opportunity_tags,
)
from datagen.world.people import FUNCTIONS, GIVEN_NAMES, MOBILE_PREFIXES, SURNAMES
from datagen.world.places import CITIES, landline, street, zip_code

from .model import LEAD, SIGNED, Contact, Customer, Opportunity
from .seed import rng
from .team import CUSTOMERS_PER_SALESPERSON, SALESPEOPLE


def make_customers():
    trade_names = TRADE_NAMES[:]
    rng.shuffle(trade_names)
    people = [(s, g) for s in SURNAMES for g in GIVEN_NAMES]
    rng.shuffle(people)
    customers = []
    for salesperson in SALESPEOPLE:
        for _i in range(CUSTOMERS_PER_SALESPERSON):
            (trade, trade_py), (surname, given) = trade_names.pop(), people.pop()
            full, short, industry, lines, projects, slug, _w = business_type(rng)
            city = rng.choice(salesperson.cities)
            area = CITIES[city][1]
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
                    name=company_name(city, trade, full),
                    short=trade + short,
                    city=city,
                    street=street(rng, city),
                    zip=zip_code(rng, city),
                    phone=f"{area}-{landline(rng)}",
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
            tags = opportunity_tags(line, project, customer.industry, returning=rng.random() < 0.3)
            opportunity = Opportunity(
                key=f"lead_{len(opportunities) + 1:03d}",
                customer=customer,
                stage=stage,
                line=line,
                product=rng.choice(PRODUCT_LINES[line][1]),
                project=project,
                revenue=expected_revenue(rng, line),
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
