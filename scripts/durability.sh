# Durability checks of scripts/test, on a copy of its test database since they
# commit data, then upgrade and finally uninstall the add-on:
#   - concurrency: real concurrent transactions (tests/concurrency, pytest-odoo)
#   - upgrade keeps rows: row counts before and after `odoo -u` (check_upgrade.py)
#   - uninstall: removes the add-on's data only, CRM still works, and installing
#     again takes back its team and stages (check_uninstall.py)
# and, in databases of its own, the upgrade from each earlier version, taken
# from git with its demo data and users' edits (check_migration.py).
# Sourced by scripts/test: uses its step, count, check and run_pytest, and
# TEST_DB, CONF, WORK, ADDON, PYTHON, ODOO_BIN. The copy is dropped by its cleanup.
# shellcheck shell=bash

durability_checks() {
    local copy=$1 started
    step "durability: copy $TEST_DB to $copy"
    dropdb --if-exists --force "$copy" 2>/dev/null
    if ! createdb -T "$TEST_DB" "$copy"; then
        count "durability copy" 0 1 0 "(createdb -T $TEST_DB failed)"
        return
    fi
    if [[ -d $WORK/data/filestore/$TEST_DB ]]; then # attachments are read from it
        cp -a "$WORK/data/filestore/$TEST_DB" "$WORK/data/filestore/$copy"
    fi

    started=$SECONDS
    SAA_CONCURRENCY_DB="$copy" run_pytest "concurrency" -p no:cacheprovider --odoo-config="$CONF" \
        --odoo-database="$copy" --odoo-log-level=warn --odoo-extra=log-handler=odoo.tests.common:CRITICAL \
        "$ADDON/tests/concurrency"
    echo "concurrency: $((SECONDS - started)) s"

    started=$SECONDS
    check "upgrade keeps rows" "$PYTHON" scripts/check_upgrade.py "$ODOO_BIN" "$CONF" "$copy" "$WORK/upgrade.log"
    echo "upgrade keeps rows: $((SECONDS - started)) s"

    started=$SECONDS
    check "uninstall" "$PYTHON" scripts/check_uninstall.py "$CONF" "$copy"
    echo "uninstall: $((SECONDS - started)) s"

    started=$SECONDS
    check "migration" "$PYTHON" scripts/check_migration.py "$ODOO_BIN" "$CONF" "${copy}_migration" "$WORK/migration"
    echo "migration: $((SECONDS - started)) s"
}
