"""The agents register, dossier, red-book and black-book pages, as officers use them."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.inputs import PartyInput
from htms.cases.models import Case
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input
from htms.intelligence.inputs import NominationInput
from htms.intelligence.models import DossierFact
from htms.intelligence.red_book import red_book_decide, red_book_nominate
from htms.intelligence.tests.support import accused_of, convict, victim_of
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def fact_post(case: Case, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "alias",
        "value": "Billa",
        "source_kind": "case",
        "source_reference": case.reference,
        "reliability": "B",
        "credibility": "2",
        "handling_code": "H1",
    }
    return data | changes


def test_it_lists_the_agents_of_the_officers_cases(alice: User, tip_case: Case) -> None:
    html = page(client_for(alice), "/intelligence/agents/")
    assert "Imran Butt" in html and "Tariq Mehmood" in html
    assert "Sajida Bibi" not in html  # a victim is no agent
    row = AuditEvent.objects.filter(object_type="agent_list").last()
    assert row is not None and accused_of(tip_case).pk in row.changes["ids"]


def test_it_searches_the_register_by_name_in_urdu_or_latin(alice: User, tip_case: Case) -> None:
    html = page(client_for(alice), "/intelligence/agents/?name=imran+but")
    assert "Imran Butt" in html and "Tariq Mehmood" not in html


def test_it_filters_by_status(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    agent = accused_of(tip_case)
    client.post(
        f"/intelligence/agents/{agent.pk}/facts/new/",
        fact_post(tip_case, kind="status", value="abroad"),
    )
    html = page(client, "/intelligence/agents/?status=abroad")
    assert "Imran Butt" in html and "Tariq Mehmood" not in html


def test_it_records_a_fact_with_a_photograph_from_the_dossier(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    agent = accused_of(tip_case)
    photo = _upload("face.png", PNG)
    response = client.post(
        f"/intelligence/agents/{agent.pk}/facts/new/",
        fact_post(tip_case, kind="photograph", value="", photo=photo),
    )
    assert response.status_code == 302
    fact = DossierFact.objects.get()
    html = page(client, f"/intelligence/agents/{agent.pk}/")
    assert "B2 H1" in html
    assert client.get(f"/intelligence/facts/{fact.pk}/photo/").content == PNG


def test_it_explains_a_bad_fact_and_saves_nothing(alice: User, tip_case: Case) -> None:
    agent = accused_of(tip_case)
    response = client_for(alice).post(
        f"/intelligence/agents/{agent.pk}/facts/new/",
        fact_post(tip_case, kind="photograph", value="", photo=_upload("x.png", b"GIF89a")),
    )
    assert response.status_code == 200
    assert "A photograph must be a JPEG or PNG file." in response.content.decode()
    assert not DossierFact.objects.exists()


def test_it_answers_404_to_an_officer_of_another_zone(
    alice: User, cyra: User, cleo: User, carl: User, tip_case: Case
) -> None:
    agent = accused_of(tip_case)
    for user in (cyra, cleo):
        assert client_for(user).get(f"/intelligence/agents/{agent.pk}/").status_code == 404
    assert client_for(carl).get("/intelligence/agents/").status_code == 403


def test_it_shows_an_agent_who_is_a_victim_elsewhere_under_the_pseudonym(
    alice: User, bina: User, hana: User, tip_case: Case
) -> None:
    """The victim of circle A's case is accused in another of its cases: the analyst and
    circle B's in-charge read the dossier under the pseudonym, without the facts' values."""
    victim = victim_of(tip_case)
    accused = PartyInput(role="accused", person_id=victim.pk, accused_status="at_large")
    case_register(actor=alice, data=replace(tip_case_input(), parties=[accused]))
    client_for(alice).post(f"/intelligence/agents/{victim.pk}/facts/new/", fact_post(tip_case))
    assert DossierFact.objects.filter(person=victim).exists()
    for user in (hana, bina):
        client = client_for(user)
        html = page(client, f"/intelligence/agents/{victim.pk}/")
        assert victim.pseudonym in html
        assert "Sajida" not in html and "1234567" not in html and "Billa" not in html
        assert "Sajida" not in page(client, "/intelligence/agents/")


def test_it_nominates_and_headquarters_approves_from_the_pages(
    anne: User, mona: User, tip_case: Case
) -> None:
    agent = accused_of(tip_case)
    expires = (timezone.localdate() + timedelta(days=90)).isoformat()
    response = client_for(anne).post(
        f"/intelligence/agents/{agent.pk}/red-book/",
        {"reasons": "Ring leader", "last_known_location": "Gujrat", "expires_on": expires},
    )
    assert response.status_code == 302
    waiting = page(client_for(mona), "/intelligence/red-book/")
    assert "Ring leader" in waiting
    entry_url = response["Location"]
    response = client_for(mona).post(entry_url + "approve/", {"version": "1"})
    assert response.status_code == 302
    assert "In the red book" in page(client_for(mona), entry_url)


def test_it_prints_and_exports_the_books_and_audits_it(
    anne: User, mona: User, hana: User, tip_case: Case
) -> None:
    convict(anne, tip_case)
    entry = red_book_nominate(
        actor=anne,
        person_id=accused_of(tip_case, "Tariq Mehmood").pk,
        data=NominationInput(reasons="At large", last_known_location="Dubai"),
        expires_on=timezone.localdate() + timedelta(days=30),
    )
    red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=True)
    client = client_for(hana)
    black = client.get("/intelligence/black-book.csv").content.decode()
    assert "Imran Butt" in black and "7 years" in black
    red = client.get("/intelligence/red-book.csv").content.decode()
    assert "Tariq Mehmood" in red and "Dubai" in red
    for lang in ("en", "ur"):
        pdf = client.get("/intelligence/red-book.pdf", {"lang": lang})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/intelligence/black-book.pdf", {"lang": "fr"}).status_code == 400
    exports = AuditEvent.objects.filter(action="export", object_type__in=["red_book", "black_book"])
    assert exports.count() == 4
    assert "Imran Butt" in page(client, "/intelligence/black-book/")


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
