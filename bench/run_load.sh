#!/usr/bin/env bash
# Load test: serve database DB with Odoo in multi-process mode (--workers) on
# 127.0.0.1, run bench/load.py against it, then stop the server.
#
#   bench/run_load.sh DB [load.py options, e.g. --reps 50 --managers 5 --duration 300 --markdown]
#
# Environment: WORKERS (default 4: 2 per core on a 2-core machine, and
# Odoo's own rule of thumb 2 x cores + 1 rounded down, since the load script
# runs on the same cores), LIMIT_TIME_REAL (default 300 s per request),
# LOAD_LOG (the server log, default a new file under /tmp), ODOO_BIN, PYTHON.
#
# With a read replica (Odoo's --db_replica_host/--db_replica_port: read-only
# requests and @api.readonly methods are read there):
#   REPLICA=1 bench/run_load.sh DB ...    starts a streaming replica of DB's
#       cluster first (bench/replica.sh: pg_basebackup, several minutes for
#       the whole cluster), and stops and removes it at the end, whatever
#       happens; REPLICA_DELAY (e.g. 3s) delays its WAL apply.
#   REPLICA_HOST=/tmp/saa_replica.X/socket REPLICA_PORT=N bench/run_load.sh DB ...
#       uses a replica already running (`bench/replica.sh DB` keeps one).
# The report then counts what each server executed and where each route went.
# CLIENT=bench/replica_lag_check.py runs the read-your-writes check with a
# lagging replica instead of the load test (same server, same options).
#
# The server listens on free ports of 127.0.0.1 only, serves DB only, runs no
# cron, and is killed with its process group when the script ends, whatever
# happens. The load test writes to DB: run it on a copy
# (createdb -T saa_bench_m saa_load_m), never on a shared database.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=bench/replica.sh
source "$(dirname "${BASH_SOURCE[0]}")/replica.sh"
cd "$REPO_ROOT"

if [[ $# -lt 1 || $1 == -* ]]; then
    sed -n '2,28p' "$0" >&2
    exit 2
fi
DB="$1"
shift

WORKERS="${WORKERS:-4}"
LIMIT_TIME_REAL="${LIMIT_TIME_REAL:-300}"
LOAD_LOG="${LOAD_LOG:-$(mktemp /tmp/saa_load_odoo.XXXXXX.log)}"
# Longest a run may take: the load (its --duration, 300 s by default) and
# margins for start-up, the last requests and the counts.
RUN_TIMEOUT="${RUN_TIMEOUT:-900}"

find_odoo
ensure_postgres
if [[ $(module_state "$DB") != installed ]]; then
    echo "ERROR: database '$DB' has no installed $ADDON" >&2
    exit 2
fi
ADDONS_PATH="$(addons_path)"

SERVER_PID=""
PKG_META=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 30); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    fi
    [[ -z $PKG_META ]] || rm -rf "$PKG_META"
    stop_replica
}
trap cleanup EXIT
trap 'exit 130' INT TERM

REPLICA_OPTIONS=()
LOAD_OPTIONS=(--server-log "$LOAD_LOG")
if [[ -n ${REPLICA_PORT:-} ]]; then
    REPLICA_SOCKET="${REPLICA_HOST:?REPLICA_HOST: set it to the socket directory of the replica}"
elif [[ -n ${REPLICA:-} ]]; then
    start_replica "$DB" "${REPLICA_DELAY:-0}"
fi
if [[ -n $REPLICA_PORT ]]; then
    REPLICA_OPTIONS=(--db_replica_host="$REPLICA_SOCKET" --db_replica_port="$REPLICA_PORT")
    LOAD_OPTIONS+=(--replica-host "$REPLICA_SOCKET" --replica-port "$REPLICA_PORT")
fi

# The multi-process server always runs a gevent process (the bus) and starts it
# again whenever it dies. gevent loads its plugins through pkg_resources, and an
# old setuptools (65) does not find distributions installed under normalized
# names (zope_interface-8.7.dist-info): the gevent process then dies at import,
# a few times a second, costing CPU the load test would measure. For this
# server only, metadata-only stubs under the names pkg_resources looks for fix
# that; the real fix is a newer setuptools in the environment.
PKG_META="$(mktemp -d /tmp/saa_load_pkgmeta.XXXXXX)"
"$PYTHON" - "$PKG_META" <<'PY'
import importlib.metadata
import pathlib
import sys

import pkg_resources

stubs = pathlib.Path(sys.argv[1])
for _ in range(10):
    try:
        pkg_resources.require("gevent")
        break
    except pkg_resources.DistributionNotFound as error:
        name = error.req.project_name
        version = importlib.metadata.version(name)
        stub = stubs / f"{name}-{version}.egg-info"
        stub.write_text(f"Metadata-Version: 1.1\nName: {name}\nVersion: {version}\n")
        print(f"note: pkg_resources cannot see {name} {version}: stub {stub} for the gevent process")
        pkg_resources.working_set.add_entry(str(stubs))
PY
export PYTHONPATH="$PKG_META${PYTHONPATH:+:$PYTHONPATH}"

PORT="$(free_port)"
GEVENT_PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"

echo "Odoo: $WORKERS workers on $URL, database $DB, log $LOAD_LOG"
# setsid: the server and its workers form their own process group, killed as one.
setsid "$ODOO_BIN" -d "$DB" --addons-path="$ADDONS_PATH" \
    --workers="$WORKERS" --max-cron-threads=0 \
    --http-interface=127.0.0.1 --http-port="$PORT" --gevent-port="$GEVENT_PORT" \
    --db-filter="^${DB}\$" --no-database-list "${REPLICA_OPTIONS[@]}" \
    --limit-time-real="$LIMIT_TIME_REAL" --limit-time-cpu="$LIMIT_TIME_REAL" \
    --log-level=info --logfile="$LOAD_LOG" >>"$LOAD_LOG" 2>&1 &
SERVER_PID=$!


echo -n "Waiting for $URL/web/login "
ready=0
for _ in $(seq 120); do
    if curl -sf -o /dev/null --max-time 10 "$URL/web/login"; then
        ready=1
        break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    echo -n .
    sleep 1
done
echo
if [[ $ready != 1 ]]; then
    echo "ERROR: Odoo did not answer on $URL/web/login; see $LOAD_LOG" >&2
    tail -n 20 "$LOAD_LOG" >&2 || true
    exit 1
fi

# Each worker loads the registry on its first request: do that before measuring.
warmups=()
for _ in $(seq $((WORKERS * 3))); do
    curl -sf -o /dev/null --max-time 60 "$URL/web/login" &
    warmups+=($!)
done
for pid in "${warmups[@]}"; do
    wait "$pid" || echo "warning: a warm-up request failed" >&2
done

status=0
timeout --signal=INT --kill-after=30 "$RUN_TIMEOUT" \
    "$PYTHON" "${CLIENT:-bench/load.py}" --url "$URL" --db "$DB" --server-pid "$SERVER_PID" "${LOAD_OPTIONS[@]}" "$@" || status=$?

echo
echo "Server log: $LOAD_LOG"
echo "Concurrency retries in the log (serialization failures, deadlocks, locks):"
for code in SERIALIZATION_FAILURE DEADLOCK_DETECTED LOCK_NOT_AVAILABLE; do
    echo "  $code: $(grep -c "$code" "$LOAD_LOG" || true)"
done
echo "  read-only transactions retried on the primary: $(grep -c 'retrying with a read/write cursor' "$LOAD_LOG" || true)"
echo "  maximum number of tries reached: $(grep -c 'maximum number of tries reached' "$LOAD_LOG" || true)"
echo "  server errors (ERROR/CRITICAL lines): $(grep -cE ' (ERROR|CRITICAL) ' "$LOAD_LOG" || true)"
exit "$status"
