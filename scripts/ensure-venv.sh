#!/usr/bin/env bash
# Create the virtualenv if it is missing and pip-install the project into it (editable).
#   scripts/ensure-venv.sh          -> pip install -e .
#   scripts/ensure-venv.sh test     -> pip install -e '.[test]'
# Env: PYTHON (default python3), VENV (default .venv). Re-installs only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
EXTRAS="${1:-}"

venv_ok() { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; }

if ! venv_ok; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (need Python >= 3.11; set PYTHON=...)"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$PYTHON is $("$PYTHON" --version 2>&1); HTMS needs Python >= 3.11 (set PYTHON=...)"
    log "creating virtualenv $VENV with $PYTHON"
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV"; then
        # Debian's python3 ships venv/ensurepip separately.
        rm -rf "$VENV"
        ver="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
        pkgs=(python3-venv)
        if command -v apt-cache >/dev/null 2>&1 && apt-cache show "python${ver}-venv" >/dev/null 2>&1; then
            pkgs+=("python${ver}-venv")
        fi
        apt_install "${pkgs[@]}"
        "$PYTHON" -m venv "$VENV"
    fi
    venv_ok || die "virtualenv $VENV has no working pip"
fi

hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
installed() { [ -f "$VENV/.htms-installed-$1" ] && [ "$(cat "$VENV/.htms-installed-$1")" = "$hash" ]; }
installed "${EXTRAS:-base}" && exit 0
# The test install includes everything the base install has.
[ -z "$EXTRAS" ] && installed test && exit 0

spec="."
[ -n "$EXTRAS" ] && spec=".[$EXTRAS]"
log "pip install -e '$spec'"
"$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$spec"
printf '%s\n' "$hash" >"$VENV/.htms-installed-${EXTRAS:-base}"
