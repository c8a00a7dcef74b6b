#!/usr/bin/env bash
# The checks of `make test`, in order: ruff check, ruff format --check, mypy, deptry (every
# runtime import declared), then pytest on SQLite and on a throwaway PostgreSQL server with a
# streaming standby, side by side. Every step runs even when an earlier one failed, so one run
# shows everything; the script exits non-zero if any step failed.
# Assumes the virtualenv and the Debian packages are there (the Makefile sees to that).
# Env: VENV (default .venv), PYTEST_ARGS (extra pytest arguments, e.g. "-x -k cases"),
# HTMS_TEST_SERIAL=1 (the two database runs one after the other).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

VENV="${VENV:-.venv}"
bin="$VENV/bin"
artifacts=test-artifacts
mkdir -p "$artifacts"
rm -f "$artifacts"/pytest-*.xml
# shellcheck disable=SC2206
extra=(${PYTEST_ARGS:-})

failed=()
passed=()
step() {
    local name="$1"
    shift
    log "$name: $*"
    local start=$SECONDS
    "$@"
    local status=$?
    if [ "$status" -eq 0 ]; then
        passed+=("$name")
        log "$name: ok ($((SECONDS - start)) s)"
    else
        failed+=("$name")
        log "$name: FAILED with exit status $status ($((SECONDS - start)) s)"
    fi
}

# No cache: the two runs below go side by side and would write it at once.
pytest_args=(-m pytest --durations=10 -p no:cacheprovider)

step "ruff check" "$bin/ruff" check .
step "ruff format" "$bin/ruff" format --check --output-format concise .
step "mypy" "$bin/mypy" htms
step "deptry" "$bin/deptry" .

# The SQLite and PostgreSQL runs go side by side, one per core; each line says which run it is
# from.
database_run() {
    local name="$1"
    shift
    log "pytest $name: $*"
    local start=$SECONDS
    "$@" 2>&1 | sed -u "s/^/[$name] /"
    echo "${PIPESTATUS[0]} $((SECONDS - start))" >"$artifacts/pytest-$name.status"
}
# The SQLite run must not pick up a DATABASE_URL from the caller's environment.
sqlite_run=(env -u DATABASE_URL -u DATABASE_REPLICA_URL
    "$bin/python" "${pytest_args[@]}" --junitxml="$artifacts/pytest-sqlite.xml" "${extra[@]}")
# The PostgreSQL run has a streaming standby too, so the replica's tests run
# (htms/common/tests/test_replica.py); every other test reads the primary.
postgresql_run=(env HTMS_PG_REPLICA=1 scripts/with-postgres.sh
    "$bin/python" "${pytest_args[@]}" --junitxml="$artifacts/pytest-postgresql.xml" "${extra[@]}")
rm -f "$artifacts"/pytest-*.status
if [ -n "${HTMS_TEST_SERIAL:-}" ]; then
    database_run sqlite "${sqlite_run[@]}"
    database_run postgresql "${postgresql_run[@]}"
else
    database_run sqlite "${sqlite_run[@]}" &
    database_run postgresql "${postgresql_run[@]}" &
    wait
fi
for name in sqlite postgresql; do
    read -r status seconds <"$artifacts/pytest-$name.status" 2>/dev/null || status=1 seconds=0
    if [ "$status" -eq 0 ]; then
        passed+=("pytest $name")
        log "pytest $name: ok ($seconds s)"
    else
        failed+=("pytest $name")
        log "pytest $name: FAILED with exit status $status ($seconds s)"
    fi
done

echo
join() { local IFS=,; echo "${*:-none}"; }
echo "steps passed: $(join "${passed[@]}")"
echo "steps failed: $(join "${failed[@]}")"
# Last line: the tests of both database runs added up.
"$bin/python" scripts/test_summary.py "$artifacts"/pytest-sqlite.xml "$artifacts"/pytest-postgresql.xml
[ ${#failed[@]} -eq 0 ]
