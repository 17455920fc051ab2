"""The East China sales team: who its salespeople are and how they work."""

from dataclasses import dataclass

LANG = "zh_CN"  # the team's language: its users', its customers', and the demo's actions'


@dataclass(frozen=True)
class Habits:
    """How a salesperson works, as probabilities."""

    done_rate: float  # agreed actions completed once due
    on_time_rate: float  # completed actions completed by their deadline
    early_rate: float  # actions completed before their deadline even came
    overdue_rate: float  # open opportunities left without follow-up for > 3 days
    late_touch_rate: float  # first touches after the 48 h SLA
    visits: tuple  # (min, max) visits logged per step where one would do


HABITS = {
    "steady": Habits(0.85, 0.85, 0.15, 0.12, 0.1, (1, 1)),
    "diligent": Habits(1.0, 0.95, 0.5, 0.0, 0.0, (1, 1)),
    "lazy": Habits(0.3, 0.35, 0.0, 0.15, 0.25, (2, 4)),
    "slow": Habits(0.5, 0.4, 0.0, 0.6, 0.4, (1, 1)),
    "new": Habits(0.7, 0.6, 0.1, 0.2, 0.2, (1, 1)),
}


@dataclass
class Salesperson:
    key: str  # xml id suffix and login
    name: str
    persona: str
    cities: tuple  # territory
    stages: tuple  # opportunities per stage: Lead, Visit, Proposal, Quote, Signed, Delivery
    waiting: int = 0  # of the Lead-stage ones, how many still wait for their first touch

    @property
    def xmlid(self):
        return f"user_{self.key}"

    @property
    def login(self):
        return f"{self.key.replace('_', '.')}@demo.example"

    @property
    def habits(self):
        return HABITS[self.persona]


SALESPEOPLE = [
    Salesperson("wang_lei", "王磊", "steady", ("上海",), (1, 3, 3, 2, 2, 2)),
    Salesperson("li_na", "李娜", "diligent", ("苏州", "昆山"), (1, 3, 3, 3, 2, 2)),
    Salesperson("zhang_wei", "张伟", "lazy", ("无锡", "常州"), (1, 6, 4, 1, 0, 0)),
    Salesperson("liu_yang", "刘洋", "steady", ("南京", "南通", "合肥"), (2, 3, 3, 2, 2, 1)),
    Salesperson("chen_jing", "陈静", "steady", ("杭州", "湖州"), (1, 3, 3, 3, 2, 2)),
    Salesperson("yang_fan", "杨帆", "slow", ("宁波", "绍兴"), (2, 4, 3, 2, 1, 1), waiting=1),
    Salesperson("zhao_min", "赵敏", "steady", ("嘉兴", "上海"), (2, 3, 2, 2, 2, 1)),
    Salesperson("huang_xiaodong", "黄晓东", "new", ("苏州", "上海"), (4, 3, 1, 1, 1, 1), waiting=2),
]
MANAGER = Salesperson("zhou_jianguo", "周建国", "steady", (), ())
# Days since each salesperson joined the team: two newcomers, the others are veterans (730).
JOINED_DAYS_AGO = {"yang_fan": 75, "huang_xiaodong": 40}
# The pilot group (动作先锋组): the two most reliable salespeople and the two newcomers.
PILOT_GROUP = {"li_na", "wang_lei", "yang_fan", "huang_xiaodong"}
CUSTOMERS_PER_SALESPERSON = 8
