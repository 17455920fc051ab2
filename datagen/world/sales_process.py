"""How the distributor sells, as the add-on sets it up: the six stages, the
first-touch and follow-up delays, how touches are made and proven, and the notes left
when the follow-through reminders of a signed deal are done."""

STAGES = ("lead", "visit", "proposal", "quote", "signed", "delivery")  # codes: stage_anchor_<code>
STAGE_NAMES = ("Lead", "Visit", "Proposal", "Quote", "Signed", "Delivery")
FIRST_TOUCH_HOURS = 48  # crm.team.anchor_first_touch_hours (the default of a team)
OVERDUE_DAYS = 3  # crm.team.anchor_overdue_days

# How often a touch goes by each method (lib.anchor_constants.TOUCH_METHODS), as rng.choices weights.
TOUCH_METHOD_WEIGHTS = {"wechat": 40, "phone": 35, "email": 15, "onsite": 10}

# The evidence attached to a touch, by method: its file name starts with this.
METHOD_LABELS = {"wechat": "微信聊天记录", "phone": "通话记录", "email": "邮件往来", "onsite": "外勤签到"}

# The feedback when a follow-through reminder of a signed deal is marked done.
REMINDER_FEEDBACK = {
    "delivery": "已和工地确认送货时间，分两批送达。",
    "invoice": "增值税专用发票已开具并寄出。",
    "payment": "货款已到账。",
}
