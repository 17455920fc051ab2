"""Who sells to whom: salespeople with their habits, teams and customers.

Salespeople come in four kinds, as a sales manager would describe them:

* ``top``: complete visits with long pain points, agreed actions done on
  time, follow-ups kept (the dashboard's TOP 3 and "real progress");
* ``busy``: "busy for show", two and a half times the visits, pain points of
  4 to 6 characters, half the agreed actions done;
* ``newcomer``: joined the team in the last months (``anchor_date_joined``);
* ``normal``: everyone else. About one in eight writes in English.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from datagen.world.companies import (
    PROJECTS,
    TRADE_FIRST,
    TRADE_NAMES,
    TRADE_SECOND,
    business_type,
    company_name,
)
from datagen.world.people import FUNCTIONS, GIVEN_NAMES, SURNAMES
from datagen.world.places import CITIES, landline, street, zip_code


@dataclass(frozen=True)
class Habits:
    first_touch_fast: float  # first touch within the SLA
    submit_fast: float  # visit reported within 30 minutes of its end
    done_rate: float  # agreed actions done once due
    on_time_rate: float  # ... by the end of their due day
    keep_rate: float  # next contact on the agreed follow-up day
    quote_fast: float  # quote sent within 24 h of entering Quote
    visit_weight: float  # visits per opportunity, relative
    followup_days: tuple  # (min, max) working days between a visit and its agreed follow-up
    morning_on_time: float  # check-ins done before their deadline
    evening_on_time: float
    checkin_skip: float  # check-in parts not done at all
    overdue_rate: float  # open opportunities left without follow-up
    win_rate: float
    summary: str  # long / normal / medium / short


HABITS = {
    "top": Habits(0.98, 0.95, 0.99, 0.97, 0.95, 0.97, 1.0, (1, 4), 0.97, 0.95, 0.01, 0.03, 0.45, "long"),
    "normal": Habits(0.86, 0.72, 0.88, 0.82, 0.78, 0.85, 1.0, (1, 5), 0.85, 0.78, 0.06, 0.15, 0.33, "normal"),
    "busy": Habits(0.72, 0.45, 0.55, 0.50, 0.50, 0.60, 2.5, (1, 3), 0.70, 0.55, 0.12, 0.22, 0.20, "short"),
    "newcomer": Habits(
        0.80, 0.65, 0.80, 0.70, 0.70, 0.75, 0.8, (1, 5), 0.90, 0.85, 0.04, 0.12, 0.22, "medium"
    ),
}
PERSONA_SHARES = [("top", 0.15), ("busy", 0.15), ("newcomer", 0.15)]  # the rest: normal


@dataclass
class Customer:
    id: int
    name: str
    short: str
    city: str
    state_xmlid: str
    street: str
    zip: str
    phone: str
    phone_sanitized: str
    email: str
    website: str
    industry: str
    lines: list
    projects: list
    contact_name: str
    contact_function: str
    honor: str  # how the salesperson addresses the contact: 王总, 李工…


@dataclass
class Rep:
    index: int  # 1-based, as in the login
    persona: str
    english: bool
    team_index: int
    joined: object  # date
    pilot: bool
    name: str = ""
    user_id: int = 0
    partner_id: int = 0
    team_id: int = 0
    customers: list = field(default_factory=list)

    @property
    def login(self):
        return f"bench.rep.{self.index:03d}@example.com"

    @property
    def habits(self):
        return HABITS[self.persona]


def personas(count, rng):
    """Kinds of the ``count`` salespeople: at least one of each when there are four or more."""
    kinds = []
    for kind, share in PERSONA_SHARES:
        kinds += [kind] * max(1 if count >= 4 else 0, round(count * share))
    kinds += ["normal"] * (count - len(kinds))
    rng.shuffle(kinds)
    return kinds[:count]


def team_sizes(count, rng):
    """Split ``count`` salespeople into teams of 10 to 25 (one team below 20)."""
    if count < 20:
        return [count]
    teams = max(1, round(count / 18))
    sizes = [count // teams] * teams
    for index in range(count - sum(sizes)):
        sizes[index] += 1
    for _round in range(teams):  # uneven teams, each within 10..25
        a, b = rng.randrange(teams), rng.randrange(teams)
        move = rng.randint(0, 4)
        if a != b and sizes[a] - move >= 10 and sizes[b] + move <= 25:
            sizes[a] -= move
            sizes[b] += move
    return sizes


def make_reps(count, today, rng):
    kinds = personas(count, rng)
    sizes = team_sizes(count, rng)
    team_of = [team for team, size in enumerate(sizes) for _i in range(size)]
    people = [(s, g) for s in SURNAMES for g in GIVEN_NAMES]
    rng.shuffle(people)
    reps = []
    for index, kind in enumerate(kinds, start=1):
        if kind == "newcomer":
            joined = today - timedelta(days=rng.randint(20, 170))
        elif rng.random() < 0.15:
            joined = today - timedelta(days=rng.randint(200, 900))  # joined during the history
        else:
            joined = today - timedelta(days=rng.randint(1200, 3000))
        (surname, _py), (given, _gpy) = people.pop()
        reps.append(
            Rep(
                index=index,
                persona=kind,
                english=kind == "normal" and rng.random() < 0.12,
                team_index=team_of[index - 1],
                joined=joined,
                pilot=kind in ("top", "newcomer") and rng.random() < 0.6 or rng.random() < 0.05,
                name=surname + given,
            )
        )
    managers = [people.pop() for _team in sizes]
    return reps, sizes, [s + g for (s, _p), (g, _q) in managers]


class CustomerFactory:
    """Distinct company names for the whole database, in each salesperson's territory."""

    def __init__(self):
        self.used = set()
        self.trades = list(TRADE_NAMES) + [
            (a + b, pa + pb) for a, pa in TRADE_FIRST for b, pb in TRADE_SECOND if a != b
        ]

    def make(self, rng, customer_id, cities):
        for _attempt in range(100):
            trade, trade_py = rng.choice(self.trades)
            full, short, industry, lines, projects, slug, _w = business_type(rng)
            city = rng.choice(cities)
            name = company_name(city, trade, full)
            if name not in self.used:
                break
        else:
            name = f"{company_name(city, trade, full)}（{customer_id}）"
        self.used.add(name)
        state_xmlid, area = CITIES[city][:2]
        suffix = hashlib.md5(name.encode()).hexdigest()[:4]  # distinct mail domains for equal pinyin
        domain = f"{trade_py}-{slug}-{suffix}.example"
        (surname, _py), (given, _gpy) = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
        function, title = rng.choice(FUNCTIONS)
        number = landline(rng)
        return Customer(
            id=customer_id,
            name=name,
            short=trade + short,
            city=city,
            state_xmlid=state_xmlid,
            street=street(rng, city),
            zip=zip_code(rng, city),
            phone=f"{area}-{number}",
            phone_sanitized=f"+86{area[1:]}{number}",
            email=f"info@{domain}",
            website=f"https://www.{domain}",
            industry=industry,
            lines=lines.split(),
            projects=PROJECTS[projects],
            contact_name=surname + given,
            contact_function=function,
            honor=surname + title,
        )


def largest_remainder(total, weights):
    """Split the integer ``total`` in proportion to ``weights``, exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts
