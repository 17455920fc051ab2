"""The add-on's own pure-Python rules and vocabulary (its ``lib/``, which never
imports Odoo): what the generators write passes the checks the add-on makes, and
uses its agreed actions, channels and value limit."""

import sys
from pathlib import Path

ADDON_DIR = Path(__file__).resolve().parents[1] / "sales_action_anchor"
if str(ADDON_DIR) not in sys.path:  # lib/ is imported as ``lib``, as the add-on's unit tests do
    sys.path.insert(0, str(ADDON_DIR))

from lib import anchor_constants, text_quality  # noqa: E402, F401  (re-exported for the generators)
