"""The review step of the registration wizard lists likely duplicates and asks why the case is
a different one; without look-alikes nothing changes for the officer."""

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.cases.services.registration import DUPLICATE_NEEDS_REASON, case_register
from htms.conftest import TIP_SECTION, enquiry_input
from htms.web.tests.support import client_for, page
from htms.web.tests.test_wizard import VICTIM, _accused, _post

pytestmark = pytest.mark.django_db

ENQUIRY = {"origin": "complaint", "occurred_on": "2026-09-01", "summary": "Domestic work"}
REASON = "The victim's sister, recruited by the same agent a week later."


def _fill(client: Client, *parties: dict[str, object]) -> str:
    """Fills every step of an enquiry with these parties; returns the review page."""
    assert _post(client, "origin", ENQUIRY) == ""
    assert _post(client, "offences", {"statutes": [TIP_SECTION]}) == ""
    for party in parties:
        assert _post(client, "parties", party) == ""
    assert _post(client, "parties", {"action": "next"}) == ""
    assert _post(client, "route", {"action": "next"}) == ""
    return page(client, "/cases/new/review/")


def _same_people() -> tuple[dict[str, object], ...]:
    return VICTIM, _accused("Imran Butt", "35202-7654321-1", "arrested")


def test_it_lists_the_look_alikes_and_registers_only_with_a_reason(alice: User) -> None:
    first = case_register(actor=alice, data=enquiry_input())
    client = client_for(alice)
    review = _fill(client, *_same_people())
    assert f'<li id="duplicate-{first.pk}"><a href="/cases/{first.pk}/">' in review
    assert "same accused, same victim, same CNIC, same section, offence dates overlap" in review
    registered = date_format(timezone.localdate(first.registered_at))  # "3 Dec 2026", not ISO
    assert f"registered {registered}" in review
    assert 'name="duplicate_reason"' in review and "Register it anyway" in review
    shown = AuditEvent.objects.get(object_type="case_duplicates", actor=alice)
    assert shown.changes == {"cases": [first.pk]}

    refused = client.post("/cases/new/review/", {"duplicate_reason": ""})
    assert refused.status_code == 200
    assert str(DUPLICATE_NEEDS_REASON) in refused.content.decode()
    assert Case.objects.count() == 1

    response = client.post("/cases/new/review/", {"duplicate_reason": REASON})
    second = Case.objects.exclude(pk=first.pk).get()
    assert response["Location"] == f"/cases/{second.pk}/"
    created = AuditEvent.objects.get(object_type="case", object_id=str(second.pk), action="create")
    assert created.changes["duplicates"] == {"cases": [first.pk], "reason": REASON}


def test_without_look_alikes_nothing_changes(alice: User) -> None:
    client = client_for(alice)
    review = _fill(client, *_same_people())
    assert 'id="duplicates"' not in review and 'name="duplicate_reason"' not in review
    assert "Register the case" in review
    assert client.post("/cases/new/review/").status_code == 302
    assert not AuditEvent.objects.filter(object_type="case_duplicates").exists()


def test_a_look_alike_registered_meanwhile_stops_the_registration(alice: User, anne: User) -> None:
    client = client_for(alice)
    _fill(client, *_same_people())
    meanwhile = case_register(actor=anne, data=enquiry_input())
    refused = client.post("/cases/new/review/")
    assert refused.status_code == 200
    html = refused.content.decode()
    assert f'id="duplicate-{meanwhile.pk}"' in html and str(DUPLICATE_NEEDS_REASON) in html
    assert Case.objects.count() == 1


def test_a_reason_too_long_stays_on_the_review_step(alice: User) -> None:
    case_register(actor=alice, data=enquiry_input())
    client = client_for(alice)
    _fill(client, *_same_people())
    response = client.post("/cases/new/review/", {"duplicate_reason": "x" * 1001})
    assert response.status_code == 200
    assert 'id="id_duplicate_reason_error1"' in response.content.decode()
    assert Case.objects.count() == 1


def test_another_circle_is_not_told_of_the_case(alice: User, bob: User) -> None:
    first = case_register(actor=alice, data=enquiry_input())
    client = client_for(bob)
    review = _fill(client, *_same_people())
    assert 'id="duplicates"' not in review and first.reference not in review
    assert client.post("/cases/new/review/").status_code == 302


def test_the_zone_sees_the_circle_case_with_the_victim_masked(alice: User, zara: User) -> None:
    first = case_register(actor=alice, data=enquiry_input())
    sajida = first.parties.get(role="victim").person
    picked = {
        "action": "add",
        "role": "victim",
        "existing_person": sajida.pk,
        "sex": "U",
        "trafficking_status": "possible",
        "status_decided_by": "police",
    }
    review = _fill(client_for(zara), picked)
    assert f'id="duplicate-{first.pk}"' in review
    assert f"{sajida.pseudonym} (Victim)" in review
    assert "Sajida" not in review
