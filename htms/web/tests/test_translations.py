"""The Urdu translation: complete, compiled, and covering every string marked in the code."""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "htms" / "locale" / "ur" / "LC_MESSAGES" / "django.po"
FIX = "run makemessages for ur (docs/browser-tests.md) and translate the new entries"


def _entries(po: Path) -> list[dict[str, str]]:
    """The catalogue's entries: msgctxt, msgid, msgstr (or msgstr[n]) and the flags line."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        key = ""
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                key = match.group(1)
                entry[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
            elif line.startswith("#,"):
                entry["flags"] = line
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def _keys(po: Path) -> set[tuple[str, str]]:
    return {(e.get("msgctxt", ""), e["msgid"]) for e in _entries(po)}


def test_it_translates_every_message_into_urdu() -> None:
    problems = []
    for entry in _entries(CATALOGUE):
        translations = [v for k, v in entry.items() if k.startswith("msgstr")]
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']!r}")
        elif not translations or not all(translations):
            problems.append(f"untranslated: {entry['msgid']!r}")
    assert len(_entries(CATALOGUE)) > 200
    assert not problems, "\n".join(problems)


def test_it_ships_the_catalogue_compiled(tmp_path: Path) -> None:
    """msgfmt accepts the catalogue (placeholders included), and the .mo Django reads is the
    compiled form of the current .po."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install the Debian package gettext"
    fresh = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603
        [msgfmt, "--check", "-o", str(fresh), str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    shipped = CATALOGUE.with_suffix(".mo")
    stale = "the .mo is missing or stale: run scripts/compile-translations.sh"
    assert shipped.exists(), stale
    with fresh.open("rb") as a, shipped.open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, stale  # type: ignore[attr-defined]


def test_it_has_every_marked_string_in_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """makemessages, run on a copy of the code, finds nothing the catalogue lacks."""
    shutil.copytree(
        Path(settings.BASE_DIR) / "htms",
        tmp_path / "htms",
        ignore=shutil.ignore_patterns("__pycache__", "locale", "*.pyc"),
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locale").mkdir()
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command("makemessages", locale=["ur"], verbosity=0)
    extracted = _keys(tmp_path / "locale" / "ur" / "LC_MESSAGES" / "django.po")
    missing = sorted(extracted - _keys(CATALOGUE))
    assert not missing, f"{FIX}:\n" + "\n".join(repr(m) for m in missing)


@pytest.mark.django_db
def test_it_serves_pages_in_urdu_right_to_left(client: Client) -> None:
    # The request activates Urdu in this thread; the override puts the language back after,
    # or later tests that assert English messages would read Urdu ones.
    with translation.override(settings.LANGUAGE_CODE):
        client.post("/i18n/setlang/", {"language": "ur", "next": "/login/"})
        page = client.get("/login/").content.decode()
    assert 'dir="rtl"' in page
    assert 'lang="ur"' in page
    assert "لاگ اِن" in page  # "Log in"


# The portal's key pages are also in Punjabi (Shahmukhi), Sindhi and Pashto
# (htms/public/languages.py): these files hold every string those pages show.
KEY_PAGE_LANGUAGES = ("pa", "sd", "ps")
KEY_PAGE_FILES = [
    *(
        f"htms/public/templates/public/{name}.html"
        for name in (
            "base",
            "home",
            "check",
            "_check_form",
            "_errors",
            "_field",
            "_pow",
            "report",
            "report_add",
            "report_sent",
            "report_added",
            "too_many",
            "refused",
            "helplines",
        )
    ),
    "htms/public/forms.py",
    "htms/public/helplines.py",
    "htms/public/models.py",
    "htms/public/views/frame.py",
    "htms/public/views/reports.py",
    "htms/public/services/reports.py",
]
# Django's own strings the key pages show (form errors, month names): Django's "pa" catalogue
# is in Gurmukhi, so the Shahmukhi one must hold them.
DJANGO_STRINGS = ("This field is required.", "January", "June", "December")


def _catalogue(code: str) -> Path:
    return Path(settings.BASE_DIR) / "htms" / "locale" / code / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("code", KEY_PAGE_LANGUAGES)
def test_it_translates_the_key_pages_completely(code: str, tmp_path: Path) -> None:
    problems = [
        f"untranslated or fuzzy: {entry['msgid']!r}"
        for entry in _entries(_catalogue(code))
        if "fuzzy" in entry["flags"]
        or not all(v for k, v in entry.items() if k.startswith("msgstr"))
    ]
    assert not problems, "\n".join(problems)
    fresh = tmp_path / "django.mo"
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install the Debian package gettext"
    result = subprocess.run(  # noqa: S603
        [msgfmt, "--check", "-o", str(fresh), str(_catalogue(code))], capture_output=True
    )
    assert result.returncode == 0, result.stderr
    stale = "the .mo is missing or stale: run scripts/compile-translations.sh"
    with fresh.open("rb") as a, _catalogue(code).with_suffix(".mo").open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, stale  # type: ignore[attr-defined]
    keys = {key for _ctx, key in _keys(_catalogue(code))}
    assert not [s for s in DJANGO_STRINGS if s not in keys]


@pytest.mark.parametrize("code", KEY_PAGE_LANGUAGES)
def test_it_has_every_key_page_string_in_the_key_page_catalogues(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in KEY_PAGE_FILES:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(settings.BASE_DIR) / name, target)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locale").mkdir()
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command("makemessages", locale=[code], verbosity=0)
    extracted = _keys(tmp_path / "locale" / code / "LC_MESSAGES" / "django.po")
    missing = sorted(extracted - _keys(_catalogue(code)))
    assert not missing, f"translate into {code}:\n" + "\n".join(repr(m) for m in missing)
