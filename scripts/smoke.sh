#!/usr/bin/env bash
# Proves the README's first command as a newcomer meets it: a fresh virtualenv with the runtime
# dependencies only (no test extras to hide an undeclared one), `make run` on a fresh embedded
# database, then every demo role requesting every page it can reach, all at once
# (scripts/smoke.py). Stops the server and deletes the temporary folder whatever happened.
# Env: SMOKE_PORT (default: a free port), SMOKE_DIR (default: a new temporary folder).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

dir="${SMOKE_DIR:-$(mktemp -d /tmp/htms-smoke.XXXXXXXX)}"
port="${SMOKE_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
server=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$server" ]; then
        kill -- "-$server" 2>/dev/null || kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    [ -z "${SMOKE_DIR:-}" ] && rm -rf "$dir"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export VENV="$dir/venv" HTMS_VAR_DIR="$dir/var"
unset DATABASE_URL DATABASE_REPLICA_URL
log "smoke: make run with a fresh runtime-only virtualenv in $dir, port $port"
# setsid: the server and its children form one process group, stopped together.
setsid make run HOST=127.0.0.1 PORT="$port" VENV="$VENV" >"$dir/make-run.log" 2>&1 &
server=$!

# pip install, migrations and demo data come first: wait for the login page (30 min at most).
serving() {
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=10)' \
        "http://127.0.0.1:$port/login/" 2>/dev/null
}
for _ in $(seq 1 1800); do
    if serving; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        tail -n 60 "$dir/make-run.log" >&2
        die "make run stopped before serving (log above)"
    fi
    sleep 1
done
serving || {
    tail -n 60 "$dir/make-run.log" >&2
    die "make run did not serve the login page in time"
}
log "smoke: make run serves http://127.0.0.1:$port/ ($(grep -c . "$dir/make-run.log") lines of set-up log)"

status=0
"$VENV/bin/python" scripts/smoke.py "http://127.0.0.1:$port" || status=$?
if grep -q "Traceback\|server error" "$dir/make-run.log"; then
    grep -n -A30 "Traceback\|server error" "$dir/make-run.log" | head -n 120 >&2
    log "smoke: the server logged errors (above)"
    status=1
fi
exit "$status"
