# A PostgreSQL streaming replica of the local cluster, for the load test and
# the replica-lag check. Sourced (after scripts/common.sh), not executed.
# shellcheck shell=bash
#
#   start_replica DB [APPLY_DELAY]   sets REPLICA_DIR, REPLICA_SOCKET, REPLICA_PORT
#   stop_replica                     stops it and removes its files (idempotent)
#
# The replica is a physical copy of the whole primary cluster (pg_basebackup
# copies every database of it; about 7 GB and a minute here), started as a hot
# standby in a new directory under /tmp, on a free port and its own Unix socket
# directory, owned and run by the postgres user like the primary. It streams
# the primary's WAL without a replication slot: nothing is left on the primary
# when it stops, and a crashed run cannot make the primary keep WAL forever.
#
# The primary is not reconfigured: Debian's pg_hba.conf allows the postgres
# user to replicate over the local socket ("local replication all peer"), and
# wal_level=replica and max_wal_senders=10 are PostgreSQL's defaults. The only
# change to the primary is CREATE EXTENSION pg_stat_statements in DB (a copy:
# the load test writes to it anyway), so that the replica, which preloads the
# library, can count its statements per query; the primary does not preload it
# (that would need a restart of a shared server) and counts with
# pg_stat_database and pg_stat_user_tables instead.
#
# APPLY_DELAY (e.g. 3s) sets recovery_min_apply_delay: WAL arrives at once but
# is applied that much later, a real lag for the read-your-writes check.
#
# Environment: PRIMARY_HOST (default /var/run/postgresql), PRIMARY_PORT
# (default 5432), PG_BINDIR (default that of pg_config, else /usr/lib/postgresql/15/bin).

REPLICA_DIR=""
REPLICA_SOCKET="${REPLICA_SOCKET:-}"
REPLICA_PORT="${REPLICA_PORT:-}"
REPLICA_PID=""

replica_bindir() {
    if [[ -n ${PG_BINDIR:-} ]]; then
        echo "$PG_BINDIR"
    elif [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then
        echo /usr/lib/postgresql/15/bin
    else
        pg_config --bindir
    fi
}

# Settings a hot standby must have at least as high as its primary's, or it refuses to start.
replica_primary_settings() {
    psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -d postgres -tAc "
        SELECT name || ' = ' || setting FROM pg_settings
         WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders',
                        'max_prepared_transactions', 'max_locks_per_transaction')"
}

start_replica() {
    local db="$1" delay="${2:-0}" bindir
    PRIMARY_HOST="${PRIMARY_HOST:-/var/run/postgresql}"
    PRIMARY_PORT="${PRIMARY_PORT:-5432}"
    bindir="$(replica_bindir)"
    [[ $(id -u) == 0 ]] || command -v sudo >/dev/null || {
        echo "ERROR: the replica runs as the postgres user: run as root or with sudo" >&2
        return 1
    }

    psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -d "$db" -qtAc 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' ||
        return 1

    REPLICA_DIR="$(mktemp -d /tmp/saa_replica.XXXXXX)"
    REPLICA_SOCKET="$REPLICA_DIR/socket"
    REPLICA_PORT="$(free_port)"
    mkdir "$REPLICA_SOCKET"
    chown -R postgres: "$REPLICA_DIR"
    chmod 700 "$REPLICA_DIR"
    chmod 755 "$REPLICA_SOCKET"

    echo "Replica: pg_basebackup of the cluster at $PRIMARY_HOST:$PRIMARY_PORT into $REPLICA_DIR/data ..."
    local started=$SECONDS
    # -R: standby.signal and primary_conninfo; -X stream: the WAL written meanwhile;
    # -c fast: an immediate checkpoint instead of waiting for the next spread one.
    as_postgres "$bindir/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -D "$REPLICA_DIR/data" \
        -R -X stream -c fast -l "saa replica $(basename "$REPLICA_DIR")" || return 1
    echo "Replica: copied in $((SECONDS - started)) s ($(du -sh "$REPLICA_DIR/data" | cut -f1))"

    # Debian keeps the configuration outside the data directory: the copy has none.
    {
        echo "port = $REPLICA_PORT"
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$REPLICA_SOCKET'"
        echo "hot_standby = on"
        # Long reads on the replica hold back vacuum on the primary rather than being cancelled.
        echo "hot_standby_feedback = on"
        echo "recovery_min_apply_delay = '$delay'"
        echo "shared_buffers = 128MB"
        echo "shared_preload_libraries = 'pg_stat_statements'"
        echo "pg_stat_statements.track = top"
        echo "logging_collector = off"
        replica_primary_settings
    } | as_postgres tee "$REPLICA_DIR/data/postgresql.conf" >/dev/null
    echo "local all all peer" | as_postgres tee "$REPLICA_DIR/data/pg_hba.conf" >/dev/null
    : | as_postgres tee "$REPLICA_DIR/data/pg_ident.conf" >/dev/null

    as_postgres "$bindir/pg_ctl" -D "$REPLICA_DIR/data" -l "$REPLICA_DIR/postgresql.log" -w -t 120 start >/dev/null || {
        tail -n 20 "$REPLICA_DIR/postgresql.log" >&2
        return 1
    }
    REPLICA_PID="$(head -n1 "$REPLICA_DIR/data/postmaster.pid")"
    if [[ $(psql -h "$REPLICA_SOCKET" -p "$REPLICA_PORT" -d "$db" -tAc 'SELECT pg_is_in_recovery()') != t ]]; then
        echo "ERROR: the replica is not in recovery" >&2
        return 1
    fi
    # Streaming, and (without an apply delay) caught up with what the primary has written so far.
    local target replayed
    target="$(psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -d postgres -tAc 'SELECT pg_current_wal_lsn()')"
    for _ in $(seq 120); do
        replayed="$(psql -h "$REPLICA_SOCKET" -p "$REPLICA_PORT" -d postgres -tAc \
            "SELECT CASE WHEN pg_last_wal_receive_lsn() >= '$target' THEN 'received' END")"
        [[ $replayed == received ]] && break
        sleep 1
    done
    [[ $replayed == received ]] || {
        echo "ERROR: the replica does not receive the primary's WAL; see $REPLICA_DIR/postgresql.log" >&2
        return 1
    }
    echo "Replica: hot standby on $REPLICA_SOCKET port $REPLICA_PORT (pid $REPLICA_PID), apply delay $delay"
}

# shellcheck disable=SC2317  # called by EXIT traps
stop_replica() {
    [[ -n $REPLICA_DIR ]] || return 0
    local bindir
    bindir="$(replica_bindir)"
    if [[ -f $REPLICA_DIR/data/postmaster.pid ]]; then
        as_postgres "$bindir/pg_ctl" -D "$REPLICA_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
            { [[ -z $REPLICA_PID ]] || kill -KILL "$REPLICA_PID" 2>/dev/null || true; }
    fi
    rm -rf "$REPLICA_DIR"
    echo "Replica: stopped and removed $REPLICA_DIR"
    REPLICA_DIR=""
}

# Executed rather than sourced: start a replica of DB's cluster, print where it
# listens, and keep it until interrupted (then stop and remove it), for runs
# that reuse one replica: REPLICA_HOST=... REPLICA_PORT=... bench/run_load.sh DB.
#   bench/replica.sh DB [APPLY_DELAY]
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    # shellcheck source=scripts/common.sh
    source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
    if [[ $# -lt 1 || $1 == -* ]]; then
        sed -n '/^#   start_replica/,/^#   stop_replica/p' "$0" >&2
        echo "usage: bench/replica.sh DB [APPLY_DELAY]: keep a replica until interrupted" >&2
        exit 2
    fi
    find_odoo
    ensure_postgres
    trap stop_replica EXIT
    trap 'exit 130' INT TERM
    start_replica "$1" "${2:-0}"
    echo "REPLICA_HOST=$REPLICA_SOCKET REPLICA_PORT=$REPLICA_PORT (interrupt to stop)"
    while kill -0 "$REPLICA_PID" 2>/dev/null; do sleep 5; done
    echo "ERROR: the replica stopped by itself; see $REPLICA_DIR/postgresql.log" >&2
    exit 1
fi
