"""Pure-Python unit tests: run without Odoo.

The helpers under ``sales_action_anchor/lib`` never import ``odoo``, so these
tests put the add-on directory on ``sys.path`` and import them as
``lib.<module>`` (e.g. ``from lib.text_quality import normalize``). Importing
them through the add-on package instead would run its ``__init__.py`` and
pull in Odoo. ``scripts/test`` runs this folder with ``-p no:odoo`` (no
pytest-odoo) and ``--import-mode=importlib``.
"""

import sys
from pathlib import Path

ADDON_DIR = Path(__file__).resolve().parents[2]

if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))
