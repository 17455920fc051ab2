"""The house, drawn from its files (README.md, "How it is built"; issue 17).

- The layers, from the imports: routes (``controllers/``) and wizards on
  top, then SQL reports (``report/``), models (``models/``), and ``lib/`` at
  the bottom. A layer imports only the layers below it, and ``lib/`` imports
  neither ``odoo`` nor anything of the add-on outside itself, so that its
  tests run without Odoo.
- One concept per file: no Python or JavaScript file of the add-on, nor of
  the repository's ``tools/``, ``bench/``, ``scripts/`` and ``datagen/``, is over
  ``MAX_LINES`` lines (data files, demo XML and translations are data).
- Access rules live under ``security/``: no view or data file defines a
  record rule, a group or an access right.

Read from the files with ``ast`` and ``lxml``: nothing is imported or run.
"""

import ast
from pathlib import Path

import pytest
from lxml import etree

ADDON_DIR = Path(__file__).resolve().parents[2]
ADDON = ADDON_DIR.name
REPO_DIR = ADDON_DIR.parent

MAX_LINES = 500

# What each layer of the add-on may import of the add-on: itself and the
# layers below. "exceptions" is exceptions.py; "" the add-on's __init__.py.
BOTTOM = {"lib"}
MODELS = BOTTOM | {"exceptions", "models"}
REPORTS = MODELS | {"report"}
MAY_IMPORT = {
    "lib": BOTTOM,
    "exceptions": {"exceptions"},
    "models": MODELS,
    "report": REPORTS,
    "wizard": REPORTS | {"wizard"},
    "controllers": REPORTS | {"wizard", "controllers"},
    "migrations": REPORTS | {"migrations"},
    "": REPORTS | {"wizard", "controllers"},
}
# Layers that must run without Odoo.
WITHOUT_ODOO = {"lib"}
# Tests exercise every layer: they import what they test.
NOT_LAYERED = {"tests"}

SECURITY_MODELS = {"ir.rule", "res.groups", "ir.model.access"}


def layer_of(parts):
    """The layer of an add-on path or module, given as its parts."""
    if not parts:
        return ""
    first = parts[0].removesuffix(".py")
    return "" if first == "__init__" else first


def imported(path, addon_dir):
    """``(line, what, layer)`` for each import of the Python file at ``path``:
    ``layer`` is the add-on's layer it reaches, "odoo" for Odoo, None for
    any other library."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = list(path.relative_to(addon_dir).parent.parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, absolute_layer(alias.name.split("."))
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] + (
                node.module.split(".") if node.module else []
            )
            targets = [base] if node.module else [base + [alias.name] for alias in node.names]
            for target in targets:
                yield node.lineno, "." * node.level + (node.module or ""), layer_of(target)
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, node.module, absolute_layer(node.module.split("."))


def absolute_layer(parts):
    if parts[:3] == ["odoo", "addons", ADDON]:
        return layer_of(parts[3:])
    return "odoo" if parts[0] == "odoo" else None


def python_files(directory):
    return sorted(path for path in directory.rglob("*.py") if "__pycache__" not in path.parts)


def layer_violations(addon_dir=ADDON_DIR):
    """Every import that goes up a layer, or reaches Odoo from below it."""
    violations = []
    for path in python_files(addon_dir):
        relative = path.relative_to(addon_dir)
        layer = layer_of(relative.parts)
        if layer in NOT_LAYERED or relative.name == "__manifest__.py":
            continue
        for line, what, target in imported(path, addon_dir):
            allowed = MAY_IMPORT.get(layer, set()) | ({"odoo"} if layer not in WITHOUT_ODOO else set())
            if target is not None and target not in allowed:
                violations.append(f"{relative}:{line} ({layer or 'the add-on'}) imports {what} ({target})")
    return violations


def long_files():
    """Python and JavaScript files of the add-on and of tools/, bench/,
    scripts/ and datagen/ over MAX_LINES lines, by path from the repository."""
    roots = [ADDON_DIR] + [
        REPO_DIR / name for name in ("tools", "bench", "scripts", "datagen") if (REPO_DIR / name).is_dir()
    ]
    found = {}
    for root in filter(Path.is_dir, roots):
        for pattern in ("*.py", "*.js"):
            for path in root.rglob(pattern):
                if "__pycache__" in path.parts or "node_modules" in path.parts:
                    continue
                lines = len(path.read_text(encoding="utf-8").splitlines())
                if lines > MAX_LINES:
                    found[path.relative_to(REPO_DIR).as_posix()] = lines
    return found


def security_records_outside_security():
    """``file: model id`` of each rule, group or access right defined by an
    XML file of the add-on that is not under security/."""
    found = []
    for path in sorted(ADDON_DIR.rglob("*.xml")):
        relative = path.relative_to(ADDON_DIR)
        if relative.parts[0] in ("security", "static", "tests"):
            continue
        tree = etree.parse(str(path))
        for record in tree.iter("record"):
            if record.get("model") in SECURITY_MODELS:
                found.append(f"{relative}: {record.get('model')} {record.get('id')}")
    return found


def test_layers_import_only_the_layers_below():
    assert layer_violations() == []


def test_every_layer_is_known():
    """A new top-level folder of Python code gets its place in MAY_IMPORT."""
    layers = {layer_of(path.relative_to(ADDON_DIR).parts) for path in python_files(ADDON_DIR)}
    assert layers - set(MAY_IMPORT) - NOT_LAYERED - {"__manifest__"} == set()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import odoo\n", "lib/probe.py:1 (lib) imports odoo (odoo)"),
        ("from odoo.tools import SQL\n", "lib/probe.py:1 (lib) imports odoo.tools (odoo)"),
        ("from ..models import crm_lead\n", "lib/probe.py:1 (lib) imports ..models (models)"),
        ("from .. import exceptions\n", "lib/probe.py:1 (lib) imports .. (exceptions)"),
        (
            "def f():\n    from odoo.addons.sales_action_anchor.controllers import dashboard_xlsx\n",
            "lib/probe.py:2 (lib) imports odoo.addons.sales_action_anchor.controllers (controllers)",
        ),
    ],
)
def test_the_check_sees_lib_importing_upwards(tmp_path, source, expected):
    """The check itself: a lib/ module importing Odoo or the add-on is caught,
    however it imports (absolute, relative, inside a function)."""
    addon = tmp_path / ADDON
    (addon / "lib").mkdir(parents=True)
    (addon / "lib" / "probe.py").write_text(source, encoding="utf-8")
    assert layer_violations(addon) == [expected]


@pytest.mark.parametrize(
    ("path", "source", "target"),
    [
        ("models/probe.py", "from ..report import crm_anchor_visit_report\n", "report"),
        ("models/probe.py", "from ..controllers.dashboard_xlsx import X\n", "controllers"),
        ("report/probe.py", "from ..controllers import dashboard_xlsx\n", "controllers"),
        ("models/probe.py", "from ..wizard import crm_anchor_stage_force\n", "wizard"),
    ],
)
def test_the_check_sees_models_and_reports_importing_upwards(tmp_path, path, source, target):
    addon = tmp_path / ADDON
    (addon / path).parent.mkdir(parents=True)
    (addon / path).write_text(source, encoding="utf-8")
    (violation,) = layer_violations(addon)
    assert violation.endswith(f"({target})")


def test_no_file_over_max_lines():
    assert long_files() == {}, f"over {MAX_LINES} lines"


def test_access_rules_live_under_security():
    assert security_records_outside_security() == []
