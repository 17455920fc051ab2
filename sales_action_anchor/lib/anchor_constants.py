"""The add-on's shared vocabulary, defined once.

The models' fields, the quick-note parser, the mobile page (through the
server) and the demo generators all read these: a new action or channel is
added here and nowhere else. The lists are ``(key, English label)`` pairs,
usable directly in ``fields.Selection``; the labels are the translation
sources, so change them only together with the translations.
"""

# What a pipeline stage means, whatever it is called (crm.stage.anchor_code), in
# the order of the sale.
ANCHOR_STAGES = [
    ("lead", "Lead"),
    ("visit", "Visit"),
    ("proposal", "Proposal"),
    ("quote", "Quote"),
    ("signed", "Signed"),
    ("delivery", "Delivery"),
]
STAGE_CODES = tuple(code for code, _label in ANCHOR_STAGES)
# Stages after which an opportunity no longer needs chasing.
CLOSED_STAGE_CODES = ("signed", "delivery")

# The value offered in a visit, in characters (a CJK character counts as one).
VALUE_MAX_CHARS = 50

# The next step agreed with the customer at a visit.
AGREED_ACTIONS = [
    ("send_proposal", "Send proposal"),
    ("arrange_demo", "Arrange demo"),
    ("provide_samples", "Provide samples"),
    ("send_quote", "Send quote"),
    ("other", "Other"),
]
# The agreed action when none of the others is (or none is recognised).
DEFAULT_ACTION = "other"

# How the next follow-up of a visit happens.
CHANNELS = [
    ("phone", "Phone"),
    ("wechat", "WeChat"),
    ("onsite", "On-site"),
    ("email", "Email"),
    ("video", "Video"),
]

# How a touch (e.g. the first one of a new lead) reached the customer: the
# follow-up channels but video, in the same order.
TOUCH_METHODS = [(key, label) for key, label in CHANNELS if key != "video"]
