#!/usr/bin/env bash
# Install the Debian packages the tests need, running apt-get only when something is missing.
#   scripts/install-system-deps.sh [postgres] [browser] [run]     (no argument: all)
# postgres: PostgreSQL server binaries and contrib extensions (pg_trgm, fuzzystrmatch, unaccent).
# browser:  Chromium, ChromeDriver, Noto fonts (Urdu script), poppler and gettext for the tests;
#           libicu-dev and pkg-config to build PyICU for followthemoney (test extra).
# run:      gettext, Pango and Noto fonts for make run (translations, PDF summaries).
# Needs root (or sudo) only when something is missing. Outside CI, HTMS_SKIP_SYSTEM_DEPS=1 skips it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

if [ "${HTMS_SKIP_SYSTEM_DEPS:-}" = "1" ]; then
    is_ci && die "HTMS_SKIP_SYSTEM_DEPS=1 is not allowed in CI: nothing may be skipped there"
    log "HTMS_SKIP_SYSTEM_DEPS=1: not checking Debian packages"
    exit 0
fi

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(postgres browser run)

missing=()
for group in "${groups[@]}"; do
    case "$group" in
        postgres)
            if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null \
                || ! compgen -G '/usr/share/postgresql/*/extension/pg_trgm.control' >/dev/null \
                || ! compgen -G '/usr/share/postgresql/*/extension/unaccent.control' >/dev/null \
                || ! compgen -G '/usr/share/postgresql/*/extension/fuzzystrmatch.control' >/dev/null; then
                missing+=(postgresql postgresql-contrib)
            fi
            ;;
        run)
            # make run: translations are compiled (gettext), PDFs drawn (Pango) in Noto fonts.
            for pkg in gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core; do
                deb_installed "$pkg" || missing+=("$pkg")
            done
            ;;
        browser)
            for pkg in chromium chromium-driver fonts-noto-core fonts-noto-extra poppler-utils gettext; do
                deb_installed "$pkg" || missing+=("$pkg")
            done
            # followthemoney (test extra, checks the network export) builds PyICU: ICU headers.
            for pkg in libicu-dev pkg-config; do
                deb_installed "$pkg" || missing+=("$pkg")
            done
            # Splink's Spark backend is tested at small scale: it needs a Java runtime.
            command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
            ;;
        *) die "unknown group '$group' (expected: postgres, browser, run)" ;;
    esac
done

if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages present (${groups[*]})"
    exit 0
fi
apt_install "${missing[@]}"
