from dataclasses import replace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_sends_anonymous_users_to_login(client: Client) -> None:
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_shows_the_victim_name_to_the_circle(alice: User, tip_case: Case) -> None:
    page = _client(alice).get(f"/cases/{tip_case.pk}/").content.decode()
    assert "Sajida Bibi" in page
    assert "ساجدہ بی بی" in page


def test_it_shows_hq_a_pseudonym_and_no_name(hana: User, tip_case: Case) -> None:
    page = _client(hana).get(f"/cases/{tip_case.pk}/").content.decode()
    victim = tip_case.parties.get(role="victim").person
    assert victim.pseudonym in page
    assert "Sajida" not in page
    assert "Imran Butt" in page  # an accused is not protected


def test_it_hides_the_case_and_victim_from_another_circle(bob: User, tip_case: Case) -> None:
    client = _client(bob)
    victim = tip_case.parties.get(role="victim").person
    assert client.get(f"/cases/{tip_case.pk}/").status_code == 404
    assert client.get(f"/persons/{victim.pk}/").status_code == 404
    assert tip_case.reference not in client.get("/cases/").content.decode()


def test_it_audits_every_case_and_person_view(hana: User, tip_case: Case) -> None:
    client = _client(hana)
    victim = tip_case.parties.get(role="victim").person
    client.get(f"/cases/{tip_case.pk}/", REMOTE_ADDR="10.1.2.3")
    client.get(f"/persons/{victim.pk}/")
    views = AuditEvent.objects.filter(action="view", actor=hana)
    assert views.filter(
        object_type="case", object_id=str(tip_case.pk), ip_address="10.1.2.3"
    ).exists()
    assert views.filter(object_type="person", object_id=str(victim.pk)).exists()


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_case_list_costs_the_same_for_3_or_13_cases(alice: User) -> None:
    client = _client(alice)
    for _ in range(3):
        case_register(actor=alice, data=tip_case_input())
    few = _count_queries(client, "/cases/")
    for _ in range(10):
        case_register(actor=alice, data=replace(tip_case_input()))
    assert _count_queries(client, "/cases/") == few
    assert few <= 16


def test_the_case_page_costs_a_fixed_number_of_queries(alice: User, tip_case: Case) -> None:
    assert _count_queries(_client(alice), f"/cases/{tip_case.pk}/") <= 30


def test_statistics_count_cases_by_crime_type(mona: User, tip_case: Case) -> None:
    page = _client(mona).get("/statistics/").content.decode()
    assert "Trafficking in persons" in page


def test_it_flags_a_victim_who_was_a_minor_at_the_offence(alice: User, tip_case: Case) -> None:
    # Born 2007-05-01, offence 2026-09-01: 19 years old, not a minor.
    assert "minor" not in _client(alice).get(f"/cases/{tip_case.pk}/").content.decode()
    data = tip_case_input()
    assert data.parties[0].person is not None
    data.parties[0].person.birth_date = data.parties[0].person.birth_date.replace(year=2010)  # type: ignore[union-attr]
    case = case_register(actor=alice, data=data)
    assert ">minor<" in _client(alice).get(f"/cases/{case.pk}/").content.decode()
