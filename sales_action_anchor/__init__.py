from . import controllers
from . import models
from . import report
from . import wizard


def post_init_hook(env):
    """Build the ledger of expected key actions from what is already recorded."""
    env["crm.anchor.expectation"]._anchor_backfill()
