#!/usr/bin/env bash
# Refresh the translation template of sales_action_anchor and merge the
# Simplified Chinese translation against it.
#
#   tools/update_translations.sh        (can be run from any directory)
#
# Steps:
#   1. start PostgreSQL if it is down (pg_ctlcluster 15 main start);
#   2. install the add-on, without demo data, into a throwaway database;
#   3. export sales_action_anchor/i18n/sales_action_anchor.pot from it;
#   4. msgmerge sales_action_anchor/i18n/zh_CN.po against the new template
#      (no fuzzy matching: a changed msgid comes back untranslated);
#   5. drop the throwaway database (also on failure);
#   6. print how many entries of zh_CN.po are untranslated, and which.
#
# Environment:
#   ODOO_BIN     Odoo 18 command (default: 'odoo' on PATH)
#   ADDONS_PATH  full --addons-path (default: this repository, plus the
#                'addons' directory of a git checkout of Odoo when found)
#   SAA_I18N_DB  name of the throwaway database (default: saa_i18n_export_<pid>)
#   PG_VERSION / PG_CLUSTER  cluster started when PostgreSQL is down
#                (default: 15 / main)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDON=sales_action_anchor
POT_REL="$ADDON/i18n/$ADDON.pot"
PO="$REPO_ROOT/$ADDON/i18n/zh_CN.po"
ODOO_BIN="${ODOO_BIN:-odoo}"
DB="${SAA_I18N_DB:-saa_i18n_export_$$}"

die() { echo "ERROR: $*" >&2; exit 1; }

command -v "$ODOO_BIN" >/dev/null || die "Odoo not found ('$ODOO_BIN'); set ODOO_BIN to an Odoo 18 odoo-bin"
for tool in msgmerge msgattrib; do
    command -v "$tool" >/dev/null || die "$tool not found: install gettext (apt-get install gettext)"
done
for tool in psql createdb dropdb pg_isready; do
    command -v "$tool" >/dev/null || die "$tool not found: install the PostgreSQL client"
done
[[ -f $PO ]] || die "$PO does not exist"

# --- PostgreSQL ---------------------------------------------------------------
if ! pg_isready -q 2>/dev/null; then
    echo "Starting PostgreSQL (pg_ctlcluster ${PG_VERSION:-15} ${PG_CLUSTER:-main} start) ..."
    pg_ctlcluster "${PG_VERSION:-15}" "${PG_CLUSTER:-main}" start || true
    for _ in $(seq 30); do pg_isready -q 2>/dev/null && break; sleep 1; done
    pg_isready -q 2>/dev/null || die "PostgreSQL did not start (see pg_lsclusters)"
fi
if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
    # Odoo connects over the Unix socket as the current OS user.
    echo "Creating PostgreSQL superuser role '$(id -un)' ..."
    if [[ $(id -u) == 0 ]]; then
        su postgres -c "createuser --superuser $(id -un)"
    else
        sudo -u postgres createuser --superuser "$(id -un)"
    fi
fi

# --- addons path ----------------------------------------------------------------
if [[ -z ${ADDONS_PATH:-} ]]; then
    ADDONS_PATH="$REPO_ROOT"
    # Odoo adds its own odoo/addons by itself; a git checkout keeps the standard
    # add-ons (crm, mail, ...) in <checkout>/addons, which it does not add.
    odoo_python="python3"
    shebang="$(head -n1 "$(command -v "$ODOO_BIN")" 2>/dev/null || true)"
    if [[ $shebang == '#!'*python* ]]; then
        shebang="${shebang#\#!}"
        shebang="${shebang#/usr/bin/env }"
        odoo_python="${shebang%% *}"
    fi
    extra="$("$odoo_python" - 2>/dev/null <<'EOF' || true
import glob, os, odoo
d = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))), "addons")
if glob.glob(os.path.join(d, "*", "__manifest__.py")):
    print(d)
EOF
)"
    [[ -n $extra ]] && ADDONS_PATH="$ADDONS_PATH,$extra"
fi

# --- throwaway database -----------------------------------------------------------
# Never reuse (nor drop) a database this script did not create.
if psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    die "database '$DB' already exists; set SAA_I18N_DB to another name"
fi

# Its filestore goes to a temporary data directory, removed with the database.
DATA_DIR="$(mktemp -d)"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || echo "WARNING: could not drop database '$DB'" >&2
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT

odoo_args=(-d "$DB" --addons-path="$ADDONS_PATH" --data-dir="$DATA_DIR")

cd "$REPO_ROOT"
echo "Installing $ADDON (without demo data) into throwaway database '$DB' ..."
"$ODOO_BIN" "${odoo_args[@]}" -i "$ADDON" --without-demo=all --stop-after-init --log-level=warn

echo "Exporting $POT_REL ..."
touch "$DATA_DIR/.before_export"
"$ODOO_BIN" "${odoo_args[@]}" --i18n-export="$POT_REL" --modules="$ADDON" --stop-after-init --log-level=warn
[[ -s $POT_REL && $POT_REL -nt $DATA_DIR/.before_export ]] || die "the export did not write $POT_REL"

echo "Merging ${PO#"$REPO_ROOT"/} ..."
msgmerge --update --no-fuzzy-matching --backup=none "$PO" "$POT_REL"

cleanup
trap - EXIT

# --- report ---------------------------------------------------------------------
if python3 -c 'import polib' 2>/dev/null; then
    python3 - "$PO" <<'EOF'
import sys, polib
po = polib.pofile(sys.argv[1])
untranslated = po.untranslated_entries()
fuzzy = po.fuzzy_entries()
print(f"Untranslated entries in {sys.argv[1]}: {len(untranslated)} "
      f"({po.percent_translated()}% translated)")
if fuzzy:
    print(f"Fuzzy entries: {len(fuzzy)}")
for entry in untranslated:
    print("  " + repr(entry.msgid))
EOF
else
    # msgattrib keeps the header entry in its output: do not count it.
    count=$(msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true)
    ((count > 0)) && count=$((count - 1))
    echo "Untranslated entries in $PO: $count"
    ((count > 0)) && msgattrib --untranslated --no-obsolete "$PO"
fi
exit 0
