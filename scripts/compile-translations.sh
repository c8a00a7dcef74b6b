#!/usr/bin/env bash
# Compile the translation catalogues (htms/locale/*/LC_MESSAGES/*.po) into the .mo files Django
# reads. Fails on a catalogue that does not compile or whose placeholders do not match.
#   scripts/compile-translations.sh           compile every catalogue
#   scripts/compile-translations.sh --check   also fail on an untranslated or fuzzy entry
# Needs GNU gettext (msgfmt): Debian package "gettext", installed when missing.
# msgfmt is called directly rather than through `manage.py compilemessages`, which would also
# walk into the virtualenv and recompile Django's own catalogues.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

check=0
[ "${1:-}" = "--check" ] && check=1

command -v msgfmt >/dev/null 2>&1 || apt_install gettext

status=0
for po in htms/locale/*/LC_MESSAGES/*.po; do
    [ -e "$po" ] || die "no catalogue found under htms/locale"
    mo="${po%.po}.mo"
    if ! stats="$(LC_ALL=C msgfmt --check --statistics -o "$mo" "$po" 2>&1)"; then
        printf '%s\n' "$stats" >&2
        die "$po does not compile"
    fi
    log "$po: $stats"
    if [ "$check" -eq 1 ] && printf '%s' "$stats" | grep -q -E 'fuzzy|untranslated'; then
        log "$po has fuzzy or untranslated entries: translate them and remove the fuzzy flags"
        status=1
    fi
done
exit "$status"
