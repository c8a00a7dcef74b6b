"""GET /api/persons/candidates/: search before create for API clients."""

from datetime import date

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.identity.inputs import BAD_CNIC, BAD_PHONE, NO_CRITERIA
from htms.identity.tests.conftest import ALI_CNIC, person
from htms.persons.inputs import DocumentInput
from htms.persons.models import Person

pytestmark = pytest.mark.django_db
URL = "/api/persons/candidates/"


@pytest.fixture
def register(alice: User) -> dict[str, Person]:
    ali = person(
        alice,
        full_name="Muhammad Ali",
        full_name_ur="محمد علی",
        father_name="Ghulam Rasool",
        sex="M",
        birth_date=date(1985, 6, 1),
        birth_date_precision="day",
        documents=[DocumentInput(kind="cnic", number=ALI_CNIC)],
    )
    return {"ali": ali, "other": person(alice, full_name="Ali Raza", father_name="Bashir")}


def test_it_answers_candidates_with_reasons(
    client_for: ClientFor, alice: User, register: dict[str, Person]
) -> None:
    answer = client_for(alice).get(URL, {"name": "Mohd Ali", "father_name": "Gulam Rasul"})
    assert answer.status_code == 200
    first = answer.json()[0]
    assert first["person_id"] == register["ali"].pk
    assert first["name_ur"] == "محمد علی"
    assert first["cnics"] == ["35202-1234567-1"]
    assert first["birth_date"] == "1985-06-01"
    assert first["reasons"] == ["name matches", "father's name matches"]
    assert 0 < first["score"] <= 1


def test_it_answers_400_with_field_messages(client_for: ClientFor, alice: User) -> None:
    client = client_for(alice)
    bad = client.get(URL, {"cnic": "35202-12AB", "phone": "12"})
    assert bad.status_code == 400
    assert bad.json() == {"cnic": [BAD_CNIC], "phone": [BAD_PHONE]}
    empty = client.get(URL, {"birth_date": "1984"})
    assert (empty.status_code, empty.json()) == (400, {"non_field_errors": [NO_CRITERIA]})
    assert client.get(URL, {"age": "old", "name": "Ali"}).json().keys() == {"age"}


def test_it_audits_the_search_with_the_ids_answered(
    client_for: ClientFor, alice: User, register: dict[str, Person]
) -> None:
    answer = client_for(alice).get(URL, {"cnic": "35202-XXXX567-1", "name": "Ali"})
    event = AuditEvent.objects.latest("seq")
    assert (event.actor, event.object_type) == (alice, "person_search")
    assert event.changes["ids"] == [c["person_id"] for c in answer.json()]


def test_it_hides_another_circles_victim(
    client_for: ClientFor, bob: User, hana: User, tip_case: Case
) -> None:
    query = {"name": "Sajida Bibi", "cnic": "34101-1234567-2"}
    assert client_for(bob).get(URL, query).json() == []
    assert client_for(hana).get(URL, query).json() == []
    suspects = client_for(hana).get(URL, {"name": "Imran Butt"}).json()
    assert [c["name"] for c in suspects] == ["Imran Butt"]


def test_it_needs_a_login(anonymous: object) -> None:
    assert anonymous.get(URL, {"name": "Ali"}).status_code == 401  # type: ignore[attr-defined]
