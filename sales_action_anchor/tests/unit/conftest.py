"""Pure-Python unit tests: run without Odoo.

The helpers under ``sales_action_anchor/lib`` never import ``odoo``, so these
tests put the add-on directory on ``sys.path`` and import them as
``lib.<module>`` (e.g. ``from lib.text_quality import normalize``). Importing
them through the add-on package instead would run its ``__init__.py`` and
pull in Odoo. ``scripts/test`` runs this folder with ``-p no:odoo`` (no
pytest-odoo) and ``--import-mode=importlib``.
"""

import logging
import sys
from pathlib import Path

import pytest

ADDON_DIR = Path(__file__).resolve().parents[2]

# This folder too: the tests share a few helpers (``quick_note_cases``).
for path in (ADDON_DIR, Path(__file__).resolve().parent):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))


@pytest.fixture(autouse=True)
def no_error_logged(caplog):
    """Fail a test during which an error was logged. ``quick_note.parse``
    catches every exception (a suggestion must never stop the salesperson's
    form) and logs it: without this guard, a crash would pass every test
    that expects "nothing found"."""
    caplog.set_level(logging.ERROR)
    yield
    errors = [record for record in caplog.get_records("call") if record.levelno >= logging.ERROR]
    if errors:
        pytest.fail(
            "error logged during the test: "
            + "; ".join(f"{record.name}: {record.getMessage()}" for record in errors),
            pytrace=False,
        )
