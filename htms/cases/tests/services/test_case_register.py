from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.audit.verify import audit_verify
from htms.cases.inputs import PartyInput
from htms.cases.models import Case, CaseParty, Stage
from htms.cases.services.registration import case_register
from htms.common.errors import NotAllowedError
from htms.conftest import (
    SOM_SECTION,
    TIP_SECTION,
    accused_input,
    party_named,
    tip_case_input,
    victim_input,
)
from htms.identity.models import PersonKey
from htms.persons.models import Person

pytestmark = pytest.mark.django_db


def test_it_registers_a_tip_case_with_victim_and_two_accused(alice: User) -> None:
    case = case_register(actor=alice, data=tip_case_input())
    assert case.stage == Stage.FIR
    assert case.reference.startswith("T-A/")
    assert [o.statute.crime_type for o in case.offences.all()] == ["TIP"]
    assert sorted(case.parties.values_list("role", flat=True)) == ["accused", "accused", "victim"]
    assert case.route_events.count() == 2
    victim = case.parties.get(role="victim").person
    assert victim.documents.get().number == "3410112345672"
    assert victim.phones.get().number == "+923001234567"


def test_it_registers_an_som_case_with_two_accused_and_a_migrant(alice: User) -> None:
    data = replace(
        tip_case_input(),
        statute_codes=[SOM_SECTION],
        parties=[
            PartyInput(
                role="accused",
                person=accused_input("Agent One", "35202-1111111-1"),
                accused_status="arrested",
                network_role_code="main_agent",
            ),
            PartyInput(
                role="accused",
                person=accused_input("Agent Two", "35202-1111112-1"),
                accused_status="at_large",
                network_role_code="sub_agent",
            ),
            PartyInput(
                role="migrant", person=victim_input(full_name="Asif Ali", sex="M", documents=[])
            ),
        ],
    )
    case = case_register(actor=alice, data=data)
    assert {o.statute.crime_type for o in case.offences.all()} == {"SOM"}
    assert case.parties.filter(role="accused", network_role__code="main_agent").exists()


def test_it_numbers_cases_per_unit_and_year(alice: User) -> None:
    first = case_register(actor=alice, data=tip_case_input(), today=date(2026, 1, 5))
    second = case_register(actor=alice, data=tip_case_input(), today=date(2026, 2, 5))
    assert first.reference == "T-A/2026/00001"
    assert second.reference == "T-A/2026/00002"


def test_it_starts_at_enquiry_without_an_fir(alice: User) -> None:
    data = replace(tip_case_input(), fir_number="", fir_date=None, police_station="")
    assert case_register(actor=alice, data=data).stage == Stage.ENQUIRY


def test_it_links_an_existing_person_instead_of_copying(alice: User, tip_case: Case) -> None:
    accused = tip_case.parties.filter(role="accused").first()
    assert accused is not None
    data = replace(
        tip_case_input(),
        parties=[
            PartyInput(role="accused", person_id=accused.person_id, accused_status="arrested")
        ],
    )
    persons_before = Person.objects.count()
    case = case_register(actor=alice, data=data)
    assert Person.objects.count() == persons_before
    assert CaseParty.objects.filter(person_id=accused.person_id).count() == 2
    assert case.parties.get().person_id == accused.person_id


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"statute_codes": []}, "statutes", "at least one statute"),
        ({"statute_codes": ["NOPE-1"]}, "statutes", "Unknown statute section: NOPE-1"),
        ({"fir_date": date(2099, 1, 1)}, "fir_date", "in the future"),
        ({"occurred_on": date(2026, 10, 2)}, "occurred_on", "after the FIR"),
        ({"police_station": ""}, "fir_number", "number, its date and the police station"),
        ({"origin": "rumour"}, "origin", "how the case came in"),
    ],
)
def test_it_explains_each_bad_case_field(
    alice: User, change: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=replace(tip_case_input(), **change))
    assert words in " ".join(caught.value.message_dict[field])


@pytest.mark.parametrize(
    ("person_change", "field", "words"),
    [
        ({"documents": []} | {"phones": ["12"]}, "parties[0].phones[0]", "phone number"),
        ({"birth_date": date(2099, 1, 1)}, "parties[0].birth_date", "in the future"),
        ({"birth_date": date(2026, 9, 20)}, "parties[0].birth_date", "after the date of the FIR"),
        ({"full_name": "", "full_name_ur": ""}, "parties[0].full_name", "name"),
        ({"nationality_code": "XX"}, "parties[0].nationality", "Unknown country"),
    ],
)
def test_it_explains_each_bad_person_field(
    alice: User, person_change: dict[str, object], field: str, words: str
) -> None:
    data = tip_case_input()
    data.parties[0].person = replace(victim_input(), **person_change)
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=data)
    assert words in " ".join(caught.value.message_dict[field])


def test_it_writes_nothing_when_one_party_is_bad(alice: User) -> None:
    data = tip_case_input()
    data.parties[2].person = accused_input("Bad Cnic", "123")
    counts = (Case.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=data)
    assert "13 digits" in caught.value.message_dict["parties[2].documents[0]"][0]
    assert (Case.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == counts


def test_it_refuses_an_accused_without_arrest_status(alice: User) -> None:
    data = tip_case_input()
    data.parties[1].accused_status = ""
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=data)
    assert "parties[1].accused_status" in caught.value.message_dict


def test_it_refuses_an_unseen_person(alice: User, bob: User) -> None:
    other = case_register(actor=bob, data=tip_case_input())
    victim = other.parties.get(role="victim")
    data = replace(
        tip_case_input(), parties=[PartyInput(role="witness", person_id=victim.person_id)]
    )
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=data)
    assert "no person with this number" in caught.value.message_dict["parties[0].person_id"][0]


def test_it_refuses_users_who_do_not_register_cases(hana: User, carl: User) -> None:
    for user in (hana, carl):
        with pytest.raises(NotAllowedError):
            case_register(actor=user, data=tip_case_input())


def test_it_audits_the_registration_with_its_offences(alice: User) -> None:
    case = case_register(actor=alice, data=tip_case_input())
    event = AuditEvent.objects.get(object_type="case", object_id=str(case.pk))
    assert event.actor == alice
    assert event.changes["offences"] == [TIP_SECTION]
    assert AuditEvent.objects.filter(object_type="person", action="create").count() == 3


def test_it_refuses_an_investigating_officer_of_another_unit(alice: User, bob: User) -> None:
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=replace(tip_case_input(), investigating_officer_id=bob.pk))
    assert "own unit" in caught.value.message_dict["investigating_officer"][0]


def test_it_refuses_the_same_person_twice_in_one_role(alice: User, tip_case: Case) -> None:
    accused = tip_case.parties.filter(role="accused").first()
    assert accused is not None
    twice = PartyInput(role="accused", person_id=accused.person_id, accused_status="arrested")
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=replace(tip_case_input(), parties=[twice, twice]))
    assert "already has this role" in caught.value.message_dict["parties[1].person_id"][0]


def test_adding_an_existing_party_again_is_refused(alice: User, tip_case: Case) -> None:
    from htms.cases.services.parties_bulk import case_add_party

    accused = tip_case.parties.filter(role="accused").first()
    assert accused is not None
    with pytest.raises(ValidationError):
        case_add_party(
            actor=alice,
            case_id=tip_case.pk,
            expected_version=tip_case.version,
            party=PartyInput(
                role="accused", person_id=accused.person_id, accused_status="arrested"
            ),
        )


def test_it_refuses_an_fir_registered_twice(alice: User, bob: User, tip_case: Case) -> None:
    again = replace(
        tip_case_input(),
        fir_number=tip_case.fir_number.upper(),
        police_station=tip_case.police_station.lower(),
    )
    with pytest.raises(ValidationError) as caught:
        case_register(actor=bob, data=again)
    assert "already registered in HTMS" in caught.value.message_dict["fir_number"][0]


def test_it_backdates_a_case_entered_from_a_ledger(alice: User) -> None:
    data = replace(tip_case_input(), registered_on=date(2024, 3, 5))
    case = case_register(actor=alice, data=data)
    assert case.registered_at.date() == date(2024, 3, 5)
    assert case.reference.startswith("T-A/2024/")
    with pytest.raises(ValidationError) as caught:
        case_register(
            actor=alice,
            data=replace(tip_case_input(), fir_number="13/2026", registered_on=date(2099, 1, 1)),
        )
    assert "registered_on" in caught.value.message_dict


def test_it_records_the_crime_types_of_its_offences(alice: User) -> None:
    from htms.cases.models import crime_types_in

    data = replace(tip_case_input(), statute_codes=[TIP_SECTION, SOM_SECTION])
    assert crime_types_in(case_register(actor=alice, data=data).crime_mask) == ["TIP", "SOM"]


def test_each_new_party_gets_search_keys_a_sealed_audit_row_and_its_terms(
    alice: User, tip_case: Case
) -> None:
    known = tip_case.parties.filter(role="accused").first()
    assert known is not None
    data = replace(
        tip_case_input(),
        parties=[
            PartyInput(
                role="victim",
                person=victim_input(full_name="Nadia Bibi", documents=[], phones=[]),
                exploitation_type_codes=["ForcedLabour", "SexualExploitation"],
            ),
            PartyInput(
                role="accused",
                person=accused_input("Agent Three", "35202-1111113-1"),
                accused_status="arrested",
                network_role_code="main_agent",
            ),
            PartyInput(role="accused", person_id=known.person_id, accused_status="at_large"),
        ],
    )
    persons_before = Person.objects.count()
    case = case_register(actor=alice, data=data)
    assert Person.objects.count() == persons_before + 2
    new = set(case.parties.exclude(person_id=known.person_id).values_list("person_id", flat=True))
    assert len(new) == 2
    keyed = set(PersonKey.objects.filter(person_id__in=new).values_list("person_id", flat=True))
    assert keyed == new
    audited = AuditEvent.objects.filter(object_type="person", action="create")
    assert {int(pk) for pk in audited.values_list("object_id", flat=True)} >= new
    assert audit_verify() == []
    victim = case.parties.get(role="victim")
    assert set(victim.exploitation_types.values_list("code", flat=True)) == {
        "ForcedLabour",
        "SexualExploitation",
    }
    agent = party_named(case, "Agent Three")
    assert agent.network_role is not None and agent.network_role.code == "main_agent"
    event = AuditEvent.objects.get(object_type="case", object_id=str(case.pk))
    assert sorted(p["person"] for p in event.changes["parties"]) == sorted(
        case.parties.values_list("person_id", flat=True)
    )
