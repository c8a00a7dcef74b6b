"""Guided registration: origin → offences → parties → route → review, all or nothing."""

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.conftest import TIP_SECTION, party_named
from htms.persons.models import Person
from htms.reference.models import Country
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

ORIGIN = {
    "origin": "complaint",
    "fir_number": "7/2026",
    "fir_date": "2026-10-01",
    "police_station": "FIA AHTC Lahore",
    "occurred_on": "2026-09-01",
    "summary": "Recruited for domestic work in Dubai",
}
VICTIM = {
    "action": "add",
    "role": "victim",
    "full_name": "Sajida Bibi",
    "relation": "d/o",
    "father_name": "Ghulam Rasool",
    "sex": "F",
    "birth_date": "2007-05",
    "cnic": "34101-1234567-2",
    "trafficking_status": "possible",
    "status_decided_by": "police",
}


def _accused(name: str, cnic: str, status: str) -> dict[str, str]:
    return {
        "action": "add",
        "role": "accused",
        "full_name": name,
        "sex": "M",
        "cnic": cnic,
        "accused_status": status,
    }


def _post(client: Client, step: str, data: dict[str, object]) -> str:
    """Posts a step; returns "" when it moved on (a redirect), else the page with errors."""
    response = client.post(f"/cases/new/{step}/", data)
    if response.status_code == 302:
        return ""
    assert response.status_code == 200
    return response.content.decode()


def _fill_to_parties(client: Client, origin: dict[str, str] | None = None) -> None:
    assert _post(client, "origin", origin or ORIGIN) == ""
    assert _post(client, "offences", {"statutes": [TIP_SECTION]}) == ""


def test_it_registers_a_tip_case_with_a_victim_and_two_accused(alice: User) -> None:
    client = client_for(alice)
    assert client.get("/cases/new/")["Location"] == "/cases/new/origin/"
    _fill_to_parties(client)
    assert "Trafficking in persons" in page(client, "/cases/new/offences/")
    assert _post(client, "parties", VICTIM) == ""
    assert _post(client, "parties", _accused("Imran Butt", "35202-7654321-1", "arrested")) == ""
    assert _post(client, "parties", _accused("Tariq Mehmood", "35202-7654322-3", "at_large")) == ""
    assert _post(client, "parties", {"action": "next"}) == ""
    leg = {"action": "add", "kind": "recruitment", "country": "PK", "place": "Sialkot"}
    assert _post(client, "route", leg) == ""
    leg = {"action": "add", "kind": "exploitation", "country": "AE", "date": "2026-08"}
    assert _post(client, "route", leg) == ""
    assert _post(client, "route", {"action": "next"}) == ""
    review = page(client, "/cases/new/review/")
    assert "Sajida Bibi" in review and "Tariq Mehmood" in review
    assert Case.objects.count() == 0  # nothing is written before the last step

    response = client.post("/cases/new/review/")
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.stage == "fir" and case.unit == alice.unit
    assert [o.statute.code for o in case.offences.all()] == [TIP_SECTION]
    assert sorted(case.parties.values_list("role", flat=True)) == ["accused", "accused", "victim"]
    victim = case.parties.get(role="victim").person
    assert (victim.birth_date.isoformat(), victim.birth_date_precision) == ("2007-05-01", "month")
    assert [e.kind for e in case.route_events.all()] == ["recruitment", "exploitation"]
    assert "Case T-A/" in page(client, f"/cases/{case.pk}/")
    assert "Sajida" not in page(client, "/cases/new/parties/")  # the draft is gone


def test_a_bad_origin_stays_on_its_step_next_to_the_field(alice: User) -> None:
    client = client_for(alice)
    html = _post(client, "origin", {**ORIGIN, "fir_date": "2099-01-01"})
    field = html[html.index('id="id_fir_date"') :]
    assert "This date is in the future." in field[:400]
    html = _post(client, "origin", {**ORIGIN, "fir_number": "", "police_station": ""})
    assert "An FIR needs its number, its date and the police station." in html
    assert Case.objects.count() == 0


def test_it_asks_for_a_statute_section(alice: User) -> None:
    client = client_for(alice)
    _post(client, "origin", ORIGIN)
    assert "Pick at least one statute section." in _post(client, "offences", {})


def test_a_bad_person_is_not_added_and_the_error_sits_by_the_field(alice: User) -> None:
    client = client_for(alice)
    _fill_to_parties(client)
    html = _post(client, "parties", {**VICTIM, "cnic": "34101-123"})
    field = html[html.index('id="id_cnic"') :]
    assert "A CNIC has 13 digits" in field[:400]
    assert "Sajida Bibi" in html  # the officer's input is kept
    assert "Nobody added yet." in page(client, "/cases/new/parties/")


def test_a_refused_registration_goes_back_to_the_right_step_and_writes_nothing(
    alice: User,
) -> None:
    client = client_for(alice)
    _fill_to_parties(client)
    assert _post(client, "parties", VICTIM) == ""
    # The officer goes back and gives an offence date before the victim was born.
    assert _post(client, "origin", {**ORIGIN, "occurred_on": "2005-01-01"}) == ""
    persons_before = Person.objects.count()
    response = client.post("/cases/new/review/")
    assert response["Location"] == "/cases/new/parties/"
    html = page(client, "/cases/new/parties/")
    assert "The date of birth is after the date of the FIR or the offence." in html
    assert "Nothing was registered" in html
    assert Case.objects.count() == 0
    assert Person.objects.count() == persons_before


def test_the_parties_step_asks_the_identity_search_while_typing(alice: User) -> None:
    client = client_for(alice)
    _fill_to_parties(client)
    html = page(client, "/cases/new/parties/")
    assert 'data-candidates-url="/identity/candidates/"' in html
    assert "web/party-form.js" in html


def _search(user: User, **typed: str) -> str:
    client = client_for(user)
    _fill_to_parties(client)
    return _post(client, "parties", {"action": "search", "role": "victim", **typed})


def test_suggestions_never_reveal_a_protected_person_to_another_circle(
    bob: User, alice: User, tip_case: Case
) -> None:
    sajida = tip_case.parties.get(role="victim").person
    typed = {"full_name": "Sajida Bibi", "cnic": "34101-1234567-2"}
    assert f'id="candidate-{sajida.pk}"' in _search(alice, **typed)
    assert "Sajida" not in _search(bob, **typed).replace('value="Sajida Bibi"', "")
    # An accused is in the national register of suspects every circle searches.
    imran = party_named(tip_case, "Imran Butt").person
    assert f'id="candidate-{imran.pk}"' in _search(bob, full_name="Imran Butt")
    assert AuditEvent.objects.filter(object_type="person_search", actor=bob).exists()


def test_it_searches_without_javascript_and_reuses_the_picked_person(
    alice: User, tip_case: Case
) -> None:
    imran = party_named(tip_case, "Imran Butt").person
    client = client_for(alice)
    _fill_to_parties(client)
    typed = {"action": "search", "role": "accused", "full_name": "Imran Butt"}
    html = _post(client, "parties", typed)
    assert f'id="candidate-{imran.pk}"' in html
    picked = {
        "action": "add",
        "role": "accused",
        "existing_person": imran.pk,
        "sex": "U",
        "accused_status": "arrested",
    }
    assert _post(client, "parties", picked) == ""
    client.post("/cases/new/parties/", {"action": "next"})
    client.post("/cases/new/route/", {"action": "next"})
    persons_before = Person.objects.count()
    client.post("/cases/new/review/")
    case = Case.objects.exclude(pk=tip_case.pk).get()
    assert case.parties.get().person == imran
    assert Person.objects.count() == persons_before


def test_only_case_writers_may_register(hana: User, carl: User, adam: User) -> None:
    for user in (hana, carl, adam):
        assert client_for(user).get("/cases/new/origin/").status_code == 403
        assert client_for(user).post("/cases/new/review/").status_code == 403
    assert Case.objects.count() == 0


def test_the_urdu_review_step_writes_dates_and_lists_as_urdu_reads_them(alice: User) -> None:
    client = client_for(alice)
    client.cookies["django_language"] = "ur"
    _fill_to_parties(client)
    assert _post(client, "parties", {"action": "next"}) == ""
    leg = {"action": "add", "kind": "exploitation", "country": "AE", "place": "Dubai"}
    assert _post(client, "route", {**leg, "date": "2026-08"}) == ""
    review = page(client, "/cases/new/review/")
    dubai = Country.objects.get(code="AE").name_ur
    assert f"Dubai، {dubai}" in review and "اگست 2026" in review  # the month kept, in Urdu
    assert "1 اکتوبر 2026" in review and "2026-10-01" not in review  # the FIR's date
