"""What the add-on does that the stories reproduce: stage ranks and
probabilities, the labels it writes into activities, and the delays of its
follow-through reminders and cancelled actions."""

from datagen.world.sales_process import STAGES

RANK = {code: index for index, code in enumerate(STAGES)}
CLOSED = ("signed", "delivery")
PROBABILITY = {
    "lead": 10.0,
    "visit": 20.0,
    "proposal": 40.0,
    "quote": 60.0,
    "signed": 100.0,
    "delivery": 100.0,
}
ACTION_LABELS = {
    "send_proposal": "Send proposal",
    "arrange_demo": "Arrange demo",
    "provide_samples": "Provide samples",
    "send_quote": "Send quote",
    "other": "Other",
}
CHANNEL_LABELS = {
    "phone": "Phone",
    "wechat": "WeChat",
    "onsite": "On-site",
    "email": "Email",
    "video": "Video",
}
OPEN_ACTIVITY_DAYS = 7  # undone agreed actions older than this were cancelled by the salesperson
FOLLOW_THROUGH = (("delivery", 3), ("invoice", 7), ("payment", 30))  # team offsets (days)
