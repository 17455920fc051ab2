# Shared helpers for scripts/run, scripts/test and scripts/test-peer. Sourced, not executed.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDON=sales_action_anchor

# How to get Odoo 18, printed whenever it cannot be found. Exit code 2 so a
# missing Odoo is never mistaken for a test failure, nor silently skipped.
odoo_missing() {
    cat >&2 <<EOF
ERROR: Odoo 18 not found: $1
These scripts need Odoo 18 (Community) as a command AND importable by Python.
  - Install it from source:
        git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git /opt/odoo18
        pip install -r /opt/odoo18/requirements.txt
        pip install -e /opt/odoo18
  - or point the scripts at an existing Odoo 18:
        ODOO_BIN=/path/to/odoo-bin   (default: 'odoo' on PATH)
        PYTHON=/path/to/python3      (default: the interpreter of ODOO_BIN, else python3)
EOF
    exit 2
}

# Sets ODOO_BIN and PYTHON, or exits 2 with the message above.
find_odoo() {
    ODOO_BIN="${ODOO_BIN:-$(command -v odoo || true)}"
    [[ -n $ODOO_BIN ]] || odoo_missing "no 'odoo' command on PATH and ODOO_BIN is not set"
    [[ -f $ODOO_BIN && -x $ODOO_BIN ]] || odoo_missing "ODOO_BIN=$ODOO_BIN is not an executable file"

    # Use the Python that runs odoo itself (its shebang), so that pytest-odoo
    # imports the same Odoo; a wrapper such as a pyenv shim has no Python
    # shebang, then python3 is used.
    if [[ -z ${PYTHON:-} ]]; then
        local shebang
        shebang="$(head -n1 "$ODOO_BIN" 2>/dev/null || true)"
        case "$shebang" in
            '#!'*python*)
                shebang="${shebang#\#!}"
                shebang="${shebang#/usr/bin/env }"
                PYTHON="${shebang%% *}"
                ;;
        esac
        PYTHON="${PYTHON:-python3}"
    fi
    command -v "$PYTHON" >/dev/null || odoo_missing "PYTHON=$PYTHON is not an executable"

    # A plain source checkout (odoo-bin beside the odoo/ package) is not on
    # sys.path by itself: add it so that `import odoo` works for pytest too.
    local bin_dir
    bin_dir="$(dirname "$(readlink -f "$ODOO_BIN")")"
    if [[ -f $bin_dir/odoo/__init__.py ]]; then
        export PYTHONPATH="$bin_dir${PYTHONPATH:+:$PYTHONPATH}"
    fi

    local err
    if ! err="$("$PYTHON" -c 'import odoo; v = odoo.release.version_info; assert v[0] == 18, "this is Odoo %s" % odoo.release.version' 2>&1)"; then
        odoo_missing "'$PYTHON' cannot import Odoo 18 ($(tail -n1 <<<"$err"))"
    fi
    local version
    version="$("$ODOO_BIN" --version 2>/dev/null || true)"
    [[ $version == "Odoo Server 18."* ]] || odoo_missing "'$ODOO_BIN --version' says '${version:-nothing}', not Odoo Server 18"
    export ODOO_BIN PYTHON
}

# Comma-separated addons path: this repository, then Odoo's own addons. An
# explicit --addons-path replaces Odoo's default, and in a git checkout the
# standard add-ons (web, crm, ...) live in <root>/addons, outside the package.
addons_path() {
    local odoo_dirs
    odoo_dirs="$("$PYTHON" - <<'EOF'
import glob, os, odoo
pkg = os.path.dirname(os.path.abspath(odoo.__file__))
for d in (os.path.join(pkg, "addons"), os.path.join(os.path.dirname(pkg), "addons")):
    if glob.glob(os.path.join(d, "*", "__manifest__.py")):
        print(d)
EOF
)"
    echo "$REPO_ROOT,${odoo_dirs//$'\n'/,}"
}

as_postgres() {
    if [[ $(id -u) == 0 ]]; then
        su postgres -c "$(printf '%q ' "$@")"
    else
        sudo -u postgres "$@"
    fi
}

# Start the local PostgreSQL cluster(s) if needed, and make sure the current OS
# user has a superuser role (Odoo connects over the Unix socket as that user).
ensure_postgres() {
    if ! pg_isready -q 2>/dev/null; then
        if ! command -v pg_lsclusters >/dev/null; then
            [[ $(id -u) == 0 ]] || { echo "ERROR: PostgreSQL is not running and not installed" >&2; return 1; }
            echo "Installing PostgreSQL (apt-get) ..."
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
        fi
        local ver name _port status _rest
        while read -r ver name _port status _rest; do
            [[ $status == online* ]] || pg_ctlcluster "$ver" "$name" start || true
        done < <(pg_lsclusters --no-header)
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || { echo "ERROR: PostgreSQL did not start (pg_lsclusters / pg_ctlcluster)" >&2; return 1; }
    fi
    if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        echo "Creating PostgreSQL superuser role '$(id -un)' ..."
        as_postgres createuser --superuser "$(id -un)" || return 1
    fi
}

# Prints the state of the add-on in database $1 ("installed", ...), or nothing
# when the database or the module row does not exist.
module_state() {
    psql -d "$1" -tAc "SELECT state FROM ir_module_module WHERE name = '$ADDON'" 2>/dev/null || true
}

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# What Odoo tests need in $PYTHON: pytest-odoo runs them, websocket-client
# lets browser tours run (Odoo skips them without it), phonenumbers lets crm's
# phone checks run.
# shellcheck disable=SC2034  # used by the scripts that source this file
ODOO_TEST_PACKAGES=("pytest>=8" "pytest-odoo>=2.3,<3" websocket-client phonenumbers)

# Install the given requirements into $PYTHON, only those not yet satisfied.
# Keeps pip's global configuration (constraint file, indexes) as it is.
ensure_python_packages() {
    local missing
    missing="$("$PYTHON" - "$@" <<'EOF'
import sys
from importlib.metadata import PackageNotFoundError, version

try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement

for spec in sys.argv[1:]:
    req = Requirement(spec)
    try:
        ok = req.specifier.contains(version(req.name), prereleases=True)
    except PackageNotFoundError:
        ok = False
    if not ok:
        print(spec)
EOF
)" || return 1
    [[ -z $missing ]] && return 0
    local pkgs
    mapfile -t pkgs <<<"$missing"
    echo "pip install ${pkgs[*]}"
    "$PYTHON" -m pip install -q "${pkgs[@]}"
}

# The add-on's own Python dependencies, from its manifest.
manifest_python_deps() {
    "$PYTHON" - "$ADDON/__manifest__.py" <<'EOF'
import ast, sys
manifest = ast.literal_eval(open(sys.argv[1], encoding="utf-8").read())
for dep in manifest.get("external_dependencies", {}).get("python", []):
    print(dep)
EOF
}

# Browser tours need a Chrome/Chromium on PATH (the names Odoo looks for).
ensure_chromium() {
    local b
    for b in google-chrome chromium chromium-browser google-chrome-stable; do
        command -v "$b" >/dev/null && return 0
    done
    [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
    echo "Installing chromium (apt-get) ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

# junit_counts FILE: prints "passed failed skipped" from a pytest JUnit XML,
# one count per test case (the suite's "tests" total also counts subtests).
junit_counts() {
    "$PYTHON" - "$1" <<'EOF'
import os, sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
if os.path.exists(sys.argv[1]):
    for case in ET.parse(sys.argv[1]).getroot().iter("testcase"):
        outcomes = {child.tag for child in case}
        if outcomes & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcomes:
            skipped += 1
        else:
            passed += 1
print(passed, failed, skipped)
EOF
}

# Show what matters in an Odoo log: warnings, errors and their tracebacks,
# and the test lines (Starting / skipped / FAIL / result).
show_odoo_log() {
    awk '
        /^[0-9]+-[0-9]+-[0-9]+ [0-9:,]+ [0-9]+ / { # a new log record (mawk: no {n})
            keep = ($4 ~ /^(WARNING|ERROR|CRITICAL)$/) || / odoo\.addons\.[^ ]*: (Starting .* \.\.\. *$|skipped )/ ||
                   / odoo\.tests\.(result|stats)[^ ]*: /
        }
        keep' "$1"
}

log_has_errors() { grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1"; }

# odoo_progress: reads an Odoo log at info level on stdin and prints, one short
# line per step, what an install or upgrade is doing: creating the database,
# each module with its count (n/N), demo data (file by file: the add-on's own
# takes minutes), translations; warnings and errors as they come. Each line
# starts with the time elapsed. On a terminal the steps overwrite one line and
# the time ticks every second; elsewhere one line each (translations left out),
# timed by the log's own clock.
odoo_progress() {
    local stamp='^[0-9-]{10} ([0-9]{2}):([0-9]{2}):([0-9]{2}),[0-9]+ [0-9]+ ([A-Z]+) [^ ]+ ([^ ]+): (.*[^ ]) *$'
    local module='^Loading module ([^ ]+) \(([0-9]+/[0-9]+)\)$'
    local demo='^Module ([^ ]+): loading demo$'
    local demo_file='^loading ([^ /]+)/demo/([^ ]+)$'
    local translation='^module ([^ ]+): loading translation file .* for language ([^ ]+)$'
    local line partial='' rc level logger message when start='' elapsed step='' tty=0 begin=$SECONDS
    [[ -t 1 ]] && tty=1
    while true; do
        if ((tty)); then IFS= read -r -t 1 line; else IFS= read -r line; fi
        rc=$?
        if ((rc > 128)); then # a second without a line: the clock ticks on
            partial+=$line
            elapsed=$((SECONDS - begin))
            [[ -z $step ]] || printf '\r\033[K  [%d:%02d] %.70s' $((elapsed / 60)) $((elapsed % 60)) "$step"
            continue
        fi
        ((rc == 0)) || [[ -n $partial$line ]] || break
        line=$partial$line partial=''
        [[ $line =~ $stamp ]] || continue # the next lines of a traceback or warning
        level=${BASH_REMATCH[4]} logger=${BASH_REMATCH[5]} message=${BASH_REMATCH[6]}
        when=$((10#${BASH_REMATCH[1]} * 3600 + 10#${BASH_REMATCH[2]} * 60 + 10#${BASH_REMATCH[3]}))
        start=${start:-$when}
        elapsed=$(((when - start + 86400) % 86400))
        ((tty)) && elapsed=$((SECONDS - begin))
        if [[ $level != INFO && $level != DEBUG ]]; then
            # A warning stays on screen, above the progress line.
            ((tty)) && printf '\r\033[K'
            printf '  [%d:%02d] %s %s: %.200s\n' $((elapsed / 60)) $((elapsed % 60)) "$level" "$logger" "$message"
            ((tty)) && [[ -n $step ]] && printf '  [%d:%02d] %.70s' $((elapsed / 60)) $((elapsed % 60)) "$step"
            continue
        elif [[ $message == 'init db' ]]; then
            step='creating the database'
        elif [[ $message =~ $module ]]; then
            step="module ${BASH_REMATCH[2]} ${BASH_REMATCH[1]}"
        elif [[ $message =~ $demo ]]; then
            step="demo data of ${BASH_REMATCH[1]}"
        elif [[ $message =~ $demo_file ]]; then
            step="demo data of ${BASH_REMATCH[1]}: ${BASH_REMATCH[2]}"
        elif [[ $message =~ $translation ]]; then
            # Each module's translations follow it within a second: a terminal only.
            ((tty)) && printf '\r\033[K  [%d:%02d] %.70s' $((elapsed / 60)) $((elapsed % 60)) \
                "${BASH_REMATCH[2]} translations of ${BASH_REMATCH[1]}"
            continue
        elif [[ $message == 'Modules loaded.' ]]; then
            step='finishing'
        else
            continue
        fi
        if ((tty)); then
            # Carriage return and erase line: the next step replaces this one.
            printf '\r\033[K  [%d:%02d] %.70s' $((elapsed / 60)) $((elapsed % 60)) "$step"
        else
            printf '  [%d:%02d] %.200s\n' $((elapsed / 60)) $((elapsed % 60)) "$step"
        fi
    done
    if ((tty)) && [[ -n $step ]]; then printf '\n'; fi
    return 0
}
