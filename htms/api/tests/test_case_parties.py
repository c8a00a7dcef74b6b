"""POST /api/cases/{id}/parties/ and PATCH /api/cases/{id}/parties/{party_id}/: parties added
after registration, in bulk, and the facts of a party changed."""

from typing import Any

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.audit.verify import audit_verify
from htms.cases.models import Case, CaseParty
from htms.cases.services.parties import DOB_AFTER_OFFENCE, UNKNOWN_PERSON
from htms.cases.services.party_facts import STATUS_NEEDS_DECIDER, STATUS_ONLY_FOR_VICTIMS
from htms.common.errors import STALE_EDIT
from htms.conftest import party_named
from htms.identity.models import PersonKey
from htms.persons.models import Person

pytestmark = pytest.mark.django_db


def victim(i: int, **person: Any) -> dict[str, Any]:
    return {
        "role": "victim",
        "trafficking_status": "possible",
        "status_decided_by": "police",
        "exploitation_types": ["ForcedLabour"],
        "person": {
            "full_name": f"Victim Number {i}",
            "sex": "F",
            "birth_date": "2000-01-01",
            "documents": [{"kind": "cnic", "number": f"35202{i:07d}2"}],
            **person,
        },
    }


def _add(client_for: ClientFor, user: User, case: Case, parties: list[Any], **body: Any) -> Any:
    payload = {"expected_version": case.version, "parties": parties, **body}
    return client_for(user).post(f"/api/cases/{case.pk}/parties/", payload, format="json")


def test_it_adds_250_victims_in_one_request(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    before = Person.objects.count()
    response = _add(client_for, alice, tip_case, [victim(i) for i in range(250)])
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["case_version"] == tip_case.version + 1
    assert len(body["parties"]) == 250 and {p["role"] for p in body["parties"]} == {"victim"}
    added = CaseParty.objects.filter(pk__in=[p["id"] for p in body["parties"]])
    assert added.filter(case=tip_case, exploitation_types__code="ForcedLabour").count() == 250
    new_persons = {p["person"] for p in body["parties"]}
    assert Person.objects.count() == before + 250
    assert (
        set(PersonKey.objects.filter(person_id__in=new_persons).values_list("person_id", flat=True))
        == new_persons
    )
    assert Person.objects.get(pk=body["parties"][7]["person"]).full_name == "Victim Number 7"


def test_it_audits_every_new_person_and_party_and_keeps_the_chain(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    response = _add(client_for, alice, tip_case, [victim(i) for i in range(30)])
    body = response.json()
    parties = AuditEvent.objects.filter(object_type="case_party", action="create", actor=alice)
    assert set(parties.values_list("object_id", flat=True)) == {
        str(p["id"]) for p in body["parties"]
    }
    persons = AuditEvent.objects.filter(
        object_type="person", object_id__in=[str(p["person"]) for p in body["parties"]]
    )
    assert persons.count() == 30
    assert audit_verify() == []


def test_it_adds_an_existing_person_as_a_witness(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    accused = party_named(tip_case, "Imran Butt")
    response = _add(
        client_for, alice, tip_case, [{"role": "witness", "person_id": accused.person_id}]
    )
    assert response.status_code == 201, response.json()
    assert tip_case.parties.filter(person=accused.person, role="witness").exists()


def _writes() -> int:
    """Audit rows of writes of persons and parties."""
    return AuditEvent.objects.filter(object_type__in=["person", "case_party"]).count()


def test_it_refuses_every_party_when_one_row_is_wrong(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    parties = [victim(0), victim(1, birth_date="2026-09-30"), victim(2), victim(3)]
    parties[2]["exploitation_types"] = ["no_such_term"]
    parties[3] = {"role": "witness", "person_id": 987654}
    before = (CaseParty.objects.count(), Person.objects.count(), _writes())
    response = _add(client_for, alice, tip_case, parties)
    assert response.status_code == 400
    assert response.json() == {
        "parties[1].birth_date": [str(DOB_AFTER_OFFENCE)],
        "parties[2].exploitation_types": ["Unknown terms: no_such_term."],
        "parties[3].person_id": [str(UNKNOWN_PERSON)],
    }
    after = (CaseParty.objects.count(), Person.objects.count(), _writes())
    assert after == before


def test_it_refuses_an_empty_list_and_a_stale_version(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    assert _add(client_for, alice, tip_case, []).json() == {
        "parties.non_field_errors": ["Send at least one party."]
    }
    stale = _add(client_for, alice, tip_case, [victim(1)], expected_version=tip_case.version + 5)
    assert stale.status_code == 409 and stale.json() == {"detail": str(STALE_EDIT)}
    assert not any(p.full_name == "Victim Number 1" for p in Person.objects.all())


def test_it_hides_the_case_from_another_circle_and_refuses_readers(
    client_for: ClientFor, bob: User, hana: User, tip_case: Case
) -> None:
    assert _add(client_for, bob, tip_case, [victim(1)]).status_code == 404
    assert _add(client_for, hana, tip_case, [victim(1)]).status_code == 403
    party = tip_case.parties.get(role="victim")
    patch = client_for(bob).patch(
        f"/api/cases/{tip_case.pk}/parties/{party.pk}/",
        {"expected_version": tip_case.version, "trafficking_status": "actual"},
        format="json",
    )
    assert patch.status_code == 404
    assert not any(p.full_name == "Victim Number 1" for p in Person.objects.all())


def _patch(client_for: ClientFor, user: User, case: Case, party: CaseParty, **body: Any) -> Any:
    case.refresh_from_db()
    return client_for(user).patch(
        f"/api/cases/{case.pk}/parties/{party.pk}/",
        {"expected_version": case.version, **body},
        format="json",
    )


def test_it_records_the_trafficking_status_and_who_decided_it(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    party = tip_case.parties.get(role="victim")
    response = _patch(
        client_for, alice, tip_case, party, trafficking_status="actual", status_decided_by="court"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["trafficking_status"] == "actual"
    assert response.json()["person"]["full_name"] == "Sajida Bibi"
    event = AuditEvent.objects.filter(object_type="case_party", action="update").get()
    assert event.changes["trafficking_status"] == {"old": "possible", "new": "actual"}
    assert event.changes["status_decided_by"] == {"old": "police", "new": "court"}
    assert audit_verify() == []


def test_it_refuses_a_trafficking_status_without_its_decider_or_for_an_accused(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    party = tip_case.parties.get(role="victim")
    no_decider = _patch(
        client_for, alice, tip_case, party, trafficking_status="actual", status_decided_by=""
    )
    assert no_decider.json() == {"status_decided_by": [str(STATUS_NEEDS_DECIDER)]}
    accused = party_named(tip_case, "Imran Butt")
    wrong = _patch(
        client_for, alice, tip_case, accused, trafficking_status="actual", status_decided_by="ngo"
    )
    assert wrong.json() == {"trafficking_status": [str(STATUS_ONLY_FOR_VICTIMS)]}


def test_it_changes_an_accused_status_and_network_role(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    accused = party_named(tip_case, "Tariq Mehmood")
    response = _patch(
        client_for, alice, tip_case, accused, accused_status="arrested", network_role="main_agent"
    )
    assert response.status_code == 200, response.json()
    accused.refresh_from_db()
    assert accused.accused_status == "arrested" and accused.network_role is not None
    assert accused.network_role.code == "main_agent"
    unknown = _patch(client_for, alice, tip_case, accused, network_role="kingpin")
    assert unknown.json() == {"network_role": ["Unknown terms: kingpin."]}
    victim_party = tip_case.parties.get(role="victim")
    status = _patch(client_for, alice, tip_case, victim_party, accused_status="arrested")
    assert status.json() == {"accused_status": ["Only an accused has an arrest status."]}


def test_it_masks_the_victim_it_answers_with_for_a_reader_without_need_to_know(
    client_for: ClientFor, alice: User, hana: User, tip_case: Case
) -> None:
    party = tip_case.parties.get(role="victim")
    response = _patch(client_for, hana, tip_case, party, trafficking_status="actual")
    assert response.status_code == 403
    assert "Sajida" not in response.content.decode()


@pytest.mark.slow
def test_it_adds_10000_victims_in_one_request(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    """A large ring's victims, recorded at once: every one written, keyed and audited."""
    response = _add(client_for, alice, tip_case, [victim(i) for i in range(10000)])
    assert response.status_code == 201, str(response.json())[:500]
    assert tip_case.parties.filter(role="victim").count() == 10001
    new_persons = {p["person"] for p in response.json()["parties"]}
    keyed = PersonKey.objects.filter(person_id__in=new_persons).values("person_id").distinct()
    assert keyed.count() == 10000
    assert AuditEvent.objects.filter(object_type="case_party", action="create").count() == 10000
    assert audit_verify() == []
