"""The printable case summary (PDF) for the court file."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case

pytestmark = pytest.mark.django_db

URDU_HEADING = "مقدمے کا خلاصہ"  # "Case summary"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pdf(user: User, case: Case, lang: str) -> bytes:
    response = _client(user).get(f"/cases/{case.pk}/summary.pdf", {"lang": lang})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body: bytes = response.content
    assert body.startswith(b"%PDF")
    return body


def _poppler(program: str, pdf: bytes, *args: str) -> str:
    """Runs a poppler-utils program on the PDF (the argument "PDF") and returns what it prints."""
    path = shutil.which(program)
    assert path, f"{program} is missing: install the Debian package poppler-utils"
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "summary.pdf"
        file.write_bytes(pdf)
        command = [path, *(str(file) if a == "PDF" else a for a in args)]
        result = subprocess.run(command, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode()


def _text(pdf: bytes) -> str:
    """The PDF's text layer, as a reader copying from it or a screen reader gets it."""
    return _poppler("pdftotext", pdf, "-enc", "UTF-8", "-nopgbrk", "PDF", "-")


def test_it_prints_the_reference_unit_and_victim_for_the_circle(
    alice: User, tip_case: Case
) -> None:
    text = _text(_pdf(alice, tip_case, "en"))
    assert "Case summary" in text
    assert tip_case.reference in text
    assert "Test circle A" in text
    assert "Sajida Bibi" in text
    assert "ساجدہ بی بی" in text
    assert "Imran Butt" in text


def test_it_prints_in_urdu_with_the_urdu_heading(alice: User, tip_case: Case) -> None:
    pdf = _pdf(alice, tip_case, "ur")
    text = _text(pdf)
    assert URDU_HEADING in text
    assert tip_case.reference in text
    assert "انسانی اسمگلنگ" in text  # the crime type, translated
    # The Urdu font is embedded, so the summary prints the same on every machine.
    assert "Noto-Naskh-Arabic" in _poppler("pdffonts", pdf, "PDF")


def test_it_masks_the_victim_for_headquarters_in_both_languages(hana: User, tip_case: Case) -> None:
    victim = tip_case.parties.get(role="victim").person
    for lang in ("en", "ur"):
        text = _text(_pdf(hana, tip_case, lang))
        assert victim.pseudonym in text
        assert "Sajida" not in text
        assert "ساجدہ" not in text
        assert "Imran Butt" in text  # an accused is not protected


def test_it_hides_the_case_from_another_circle_and_records_no_export(
    bob: User, tip_case: Case
) -> None:
    response = _client(bob).get(f"/cases/{tip_case.pk}/summary.pdf", {"lang": "en"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="export", actor=bob).exists()


def test_it_records_every_export_in_the_audit_chain(hana: User, tip_case: Case) -> None:
    _pdf(hana, tip_case, "ur")
    event = AuditEvent.objects.get(action="export", actor=hana)
    assert event.object_type == "case"
    assert event.object_id == str(tip_case.pk)
    assert event.changes == {"format": "pdf", "language": "ur"}


def test_it_marks_a_synthetic_case(alice: User, tip_case: Case) -> None:
    Case.objects.filter(pk=tip_case.pk).update(is_synthetic=True)
    assert "Synthetic data: this is not a real case." in _text(_pdf(alice, tip_case, "en"))


def test_it_says_which_languages_it_prints_in(alice: User, tip_case: Case) -> None:
    response = _client(alice).get(f"/cases/{tip_case.pk}/summary.pdf", {"lang": "fr"})
    assert response.status_code == 400
    assert "lang=en for English or lang=ur for Urdu" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_it_sends_anonymous_users_to_login(tip_case: Case) -> None:
    response = Client().get(f"/cases/{tip_case.pk}/summary.pdf")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def _page_numbers(pdf: bytes, page: int) -> tuple[int, int]:
    """The "n / of" at the foot of the page, as the text layer gives it."""
    text = _poppler("pdftotext", pdf, "-enc", "UTF-8", "-f", str(page), "-l", str(page), "PDF", "-")
    text = re.sub("[\u202a-\u202e]", "", text)  # pdftotext's direction marks
    found = re.search(r"(\d+) ?/ ?(\d+)\s*$", text)
    assert found, text
    return int(found[1]), int(found[2])


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_it_numbers_the_pages_first_of_all_in_both_languages(
    alice: User, tip_case: Case, lang: str
) -> None:
    Case.objects.filter(pk=tip_case.pk).update(summary="\n".join(["Statement recorded."] * 80))
    pdf = _pdf(alice, tip_case, lang)
    first, pages = _page_numbers(pdf, 1)
    assert (first, pages > 1) == (1, True)
    assert _page_numbers(pdf, pages) == (pages, pages)


def test_it_keeps_the_full_stop_of_an_english_summary_at_its_end_in_urdu(
    alice: User, tip_case: Case
) -> None:
    Case.objects.filter(pk=tip_case.pk).update(summary="Statement recorded.")
    text = re.sub("[\u202a-\u202e]", "", _text(_pdf(alice, tip_case, "ur")))
    assert "Statement recorded." in text
    assert ".Statement recorded" not in text
