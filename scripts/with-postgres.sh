#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server:
#   scripts/with-postgres.sh CMD [ARG...]
# Creates a cluster in a fresh temporary directory (initdb), starts it on a Unix socket in that
# directory only (no TCP, unless HTMS_PG_TCP=1: then 127.0.0.1 on a free port), creates the
# superuser role and database "htms", exports DATABASE_URL (and PGHOST/PGPORT/PGUSER/PGDATABASE),
# runs CMD, then stops the server and deletes the directory, whatever CMD did.
# With HTMS_PG_REPLICA=1 it also starts a streaming standby of that server (pg_basebackup -R, hot
# standby, its own data directory, socket and port) and exports DATABASE_REPLICA_URL; it is
# stopped and deleted with the primary.
# Exits with CMD's exit status. As root, the server runs as the system user "htmspg"
# (PostgreSQL refuses to run as root); it is created when missing.
# Env: HTMS_PG_BINDIR (default: newest /usr/lib/postgresql/*/bin), HTMS_PG_TCP=1,
# HTMS_PG_REPLICA=1.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -ge 1 ] || die "usage: $0 CMD [ARG...]"

# --- find the server binaries --------------------------------------------------------------
bindir="${HTMS_PG_BINDIR:-}"
if [ -z "$bindir" ]; then
    bindir="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)"
    bindir="${bindir%/initdb}"
fi
if [ -z "$bindir" ] && command -v pg_config >/dev/null 2>&1; then
    bindir="$(pg_config --bindir)"
fi
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] \
    || die "PostgreSQL server binaries not found (run scripts/install-system-deps.sh postgres)"

# --- who runs the server -------------------------------------------------------------------
PG_USER=htmspg
if [ "$(id -u)" -eq 0 ]; then
    if ! id -u "$PG_USER" >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin --comment "HTMS throwaway test PostgreSQL" "$PG_USER" \
            || id -u "$PG_USER" >/dev/null 2>&1 || die "could not create user $PG_USER"
    fi
    as_pg() { runuser -u "$PG_USER" -- "$@"; }
else
    as_pg() { "$@"; }
fi

# --- temporary cluster ---------------------------------------------------------------------
# /tmp rather than $TMPDIR: the server user must reach it, and socket paths must stay short.
tmp="$(mktemp -d /tmp/htms-pg.XXXXXXXX)"
started=0
replica_started=0
cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [ "$replica_started" -eq 1 ]; then
        (cd / && as_pg "$bindir/pg_ctl" -D "$tmp/replica" -m fast -w -t 60 stop >/dev/null) \
            || (cd / && as_pg "$bindir/pg_ctl" -D "$tmp/replica" -m immediate -w stop >/dev/null) \
            || log "warning: could not stop the PostgreSQL standby in $tmp"
    fi
    if [ "$started" -eq 1 ]; then
        (cd / && as_pg "$bindir/pg_ctl" -D "$tmp/data" -m fast -w -t 60 stop >/dev/null) \
            || (cd / && as_pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null) \
            || log "warning: could not stop the PostgreSQL server in $tmp"
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

chmod 700 "$tmp"
[ "$(id -u)" -eq 0 ] && chown "$PG_USER:" "$tmp"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port="$(free_port)"
replica="${HTMS_PG_REPLICA:-0}"
if [ "${HTMS_PG_TCP:-}" = "1" ]; then
    listen="127.0.0.1"
    host="127.0.0.1"
    url_host="127.0.0.1"
else
    listen=""
    host="$tmp"
    url_host="$(printf '%s' "$tmp" | sed 's|/|%2F|g')"
fi

cd_tmp_as_pg() { (cd "$tmp" && as_pg "$@"); }

cd_tmp_as_pg "$bindir/initdb" -D "$tmp/data" -U htms --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }

# Durability is pointless for a throwaway test server: turn it off for speed.
opts="-k $tmp -p $port -c listen_addresses='$listen' -c fsync=off -c synchronous_commit=off"
opts+=" -c full_page_writes=off -c max_connections=50"
if [ "$replica" = "1" ]; then
    # A standby streams the primary's WAL; the replication connection comes over the socket.
    opts+=" -c wal_level=replica -c max_wal_senders=4"
    printf 'local replication htms trust\n' >>"$tmp/data/pg_hba.conf"
fi
started=1
if ! cd_tmp_as_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 -o "$opts" \
    start >/dev/null; then
    cat "$tmp/server.log" >&2 || true
    die "PostgreSQL did not start"
fi
cd_tmp_as_pg "$bindir/createdb" -h "$tmp" -p "$port" -U htms htms

export PGHOST="$host" PGPORT="$port" PGUSER=htms PGDATABASE=htms
export DATABASE_URL="postgresql://htms@${url_host}:${port}/htms"
log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $DATABASE_URL"

# --- streaming standby (HTMS_PG_REPLICA=1) -------------------------------------------------
if [ "$replica" = "1" ]; then
    replica_port="$(free_port)"
    replica_socket="$tmp/replica-socket"
    cd_tmp_as_pg mkdir -m 700 "$replica_socket"
    # -R writes standby.signal and the connection to the primary into the copy.
    cd_tmp_as_pg "$bindir/pg_basebackup" -h "$tmp" -p "$port" -U htms -D "$tmp/replica" -R \
        -X stream --checkpoint=fast --no-sync >"$tmp/basebackup.log" 2>&1 \
        || { cat "$tmp/basebackup.log" >&2; die "pg_basebackup failed"; }
    if [ "${HTMS_PG_TCP:-}" = "1" ]; then
        replica_host="127.0.0.1"
    else
        replica_host="$(printf '%s' "$replica_socket" | sed 's|/|%2F|g')"
    fi
    # Standby queries are not cancelled by the primary's clean-up of rows they still read.
    replica_opts="-k $replica_socket -p $replica_port -c listen_addresses='$listen'"
    replica_opts+=" -c hot_standby=on -c hot_standby_feedback=on -c fsync=off"
    replica_opts+=" -c max_connections=50"
    replica_started=1
    if ! cd_tmp_as_pg "$bindir/pg_ctl" -D "$tmp/replica" -l "$tmp/replica.log" -w -t 60 \
        -o "$replica_opts" start >/dev/null; then
        cat "$tmp/replica.log" >&2 || true
        die "the PostgreSQL standby did not start"
    fi
    export DATABASE_REPLICA_URL="postgresql://htms@${replica_host}:${replica_port}/htms"
    log "PostgreSQL standby at $DATABASE_REPLICA_URL"
fi

set +e
"$@"
status=$?
set -e
exit "$status"
