"""What the add-on does that the stories reproduce: stage ranks and
probabilities, the labels it writes into activities, and the delays of its
follow-through reminders and cancelled actions."""

from datagen.addon import anchor_constants
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
# Written into the agreed action's activity (summary and note), in English as the server writes them.
ACTION_LABELS = dict(anchor_constants.AGREED_ACTIONS)
CHANNEL_LABELS = dict(anchor_constants.CHANNELS)
CHANNEL_KEYS = tuple(CHANNEL_LABELS)
OPEN_ACTIVITY_DAYS = 7  # undone agreed actions older than this were cancelled by the salesperson
FOLLOW_THROUGH = (("delivery", 3), ("invoice", 7), ("payment", 30))  # team offsets (days)
