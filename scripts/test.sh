#!/usr/bin/env bash
# The checks of `make test`, in order: ruff check, ruff format --check, mypy, deptry (every
# runtime import declared), pytest on SQLite,
# pytest on a throwaway PostgreSQL server. Every step runs even when an earlier one failed, so
# one run shows everything; the script exits non-zero if any step failed.
# Assumes the virtualenv and the Debian packages are there (the Makefile sees to that).
# Env: VENV (default .venv), PYTEST_ARGS (extra pytest arguments, e.g. "-x -k cases").
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

pytest_args=(-m pytest --durations=10)

step "ruff check" "$bin/ruff" check .
step "ruff format" "$bin/ruff" format --check --output-format concise .
step "mypy" "$bin/mypy" htms
step "deptry" "$bin/deptry" .
# The SQLite run must not pick up a DATABASE_URL from the caller's environment.
step "pytest sqlite" env -u DATABASE_URL \
    "$bin/python" "${pytest_args[@]}" --junitxml="$artifacts/pytest-sqlite.xml" "${extra[@]}"
step "pytest postgresql" scripts/with-postgres.sh \
    "$bin/python" "${pytest_args[@]}" --junitxml="$artifacts/pytest-postgresql.xml" "${extra[@]}"

echo
join() { local IFS=,; echo "${*:-none}"; }
echo "steps passed: $(join "${passed[@]}")"
echo "steps failed: $(join "${failed[@]}")"
# Last line: the tests of both database runs added up.
"$bin/python" scripts/test_summary.py "$artifacts"/pytest-sqlite.xml "$artifacts"/pytest-postgresql.xml
[ ${#failed[@]} -eq 0 ]
