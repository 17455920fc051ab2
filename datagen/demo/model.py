"""What the story is made of: customers and their contacts, opportunities, and
the events that happen to them."""

from dataclasses import dataclass, field

from datagen.world.companies import opportunity_name

from .moments import Moment
from .seed import rng
from .team import Salesperson

LEAD, VISIT, PROPOSAL, QUOTE, SIGNED, DELIVERY = range(6)


@dataclass
class Contact:
    key: str
    name: str
    function: str
    honor: str  # 陈总, 李经理, 王工...
    mobile: str
    email: str


@dataclass
class Customer:
    key: str
    name: str
    short: str
    city: str
    street: str
    zip: str
    phone: str
    email: str
    website: str
    industry: str
    lines: list
    projects: list
    salesperson: Salesperson
    contact: Contact

    @property
    def xmlid(self):
        return f"partner_{self.key}"


@dataclass(kw_only=True, eq=False)
class Event:
    """Something that happens to an opportunity. ``rel`` is the day counted from
    the day the opportunity came in, while the story is planned; ``at`` the
    final moment, once the story is placed in the last three months."""

    rel: int = 0
    seq: float = 0
    at: Moment = None
    is_followup = False  # touches and submitted visits count as follow-ups


@dataclass(kw_only=True, eq=False)
class Touch(Event):
    number: int
    method: str
    words: str
    evidence_name: str = ""
    evidence_text: str = ""
    first: bool = False
    signal: str = ""  # a customer signal tagged on the touch (see data/crm_anchor_signal_data.xml)
    is_followup = True


@dataclass(kw_only=True, eq=False)
class Visit(Event):
    number: int
    state: str = "submitted"
    category: str = ""
    summary: str = ""
    value: str = ""
    action: str = ""
    note: str = ""
    followup_gap: int = 3  # days between the visit and the agreed follow-up
    followup: Moment = None
    channel: str = ""
    submitted: Moment = None
    done: "ActionDone" = None

    @property
    def is_followup(self):
        return self.state == "submitted"


@dataclass(kw_only=True, eq=False)
class ActionDone(Event):
    visit: Visit
    feedback: str

    @property
    def on_time(self):
        # crm.anchor.visit._anchor_register_action_done: done no later than the deadline's day
        return self.at.days >= self.visit.followup.days


@dataclass(kw_only=True, eq=False)
class StageMove(Event):
    stage: int


@dataclass(kw_only=True, eq=False)
class Document(Event):
    kind: str  # proposal / quote
    name: str
    text: str


@dataclass(kw_only=True, eq=False)
class SignedReminders(Event):
    pass


@dataclass(kw_only=True, eq=False)
class ClosedReminders(Event):
    kinds: list  # delivery / invoice / payment


@dataclass
class Opportunity:
    key: str
    customer: Customer
    stage: int
    line: str
    product: str
    project: str
    revenue: int
    priority: str
    tags: list
    source: str
    waiting: bool = False  # no first touch yet
    overdue: bool = False  # left without follow-up for more than 3 days
    created: object = None  # Moment or HoursAgo
    events: list = field(default_factory=list)

    @property
    def user(self):
        return self.customer.salesperson

    @property
    def xmlid(self):
        return self.key

    @property
    def name(self):
        return opportunity_name(self.customer.short, self.project, self.product)

    def fill(self, template, **extra):
        """A template with this opportunity's words in it."""
        values = {
            "product": self.product,
            "project": self.project,
            "honor": self.customer.contact.honor,
            "n": rng.randint(5, 15),
            "days": rng.choice([60, 90]),
        }
        values.update(extra)
        return template.format(**values)
