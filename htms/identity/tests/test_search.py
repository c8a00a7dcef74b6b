"""Search before create: what is found, why, and for whom."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.common.sealing import opened_values
from htms.identity.inputs import (
    BAD_CNIC,
    CNIC_MASK_SPREAD,
    NO_CRITERIA,
    CandidateQuery,
    candidate_query_from_params,
)
from htms.identity.search import Candidate, person_candidates
from htms.identity.services import candidate_search
from htms.identity.tests.conftest import person
from htms.persons.inputs import DocumentInput
from htms.persons.models import Person


def found(candidates: list[Candidate]) -> list[int]:
    return [c.person.pk for c in candidates]


def by_id(candidates: list[Candidate], person: Person) -> Candidate:
    return next(c for c in candidates if c.person.pk == person.pk)


def test_it_finds_a_variant_spelling_with_the_fathers_name(
    alice: User, register: dict[str, Person]
) -> None:
    query = CandidateQuery(name="Mohd Ali", father_name="Gulam Rasul")
    candidates = person_candidates(user=alice, query=query)
    assert candidates[0].person == register["ali"]
    assert candidates[0].reasons == ["name matches", "father's name matches"]
    assert candidates[0].conflicts == []


def test_it_finds_a_name_typed_in_urdu(alice: User, register: dict[str, Person]) -> None:
    candidates = person_candidates(
        user=alice, query=CandidateQuery(name="محمد علی", father_name="غلام رسول")
    )
    assert candidates[0].person == register["ali"]
    assert "name matches" in candidates[0].reasons


def test_it_ranks_the_same_cnic_first(alice: User, register: dict[str, Person]) -> None:
    query = CandidateQuery(name="Muhammad Ali", cnic="35201-7777777-3")
    candidates = person_candidates(user=alice, query=query)
    assert candidates[0].person == register["namesake"]
    assert candidates[0].reasons[0] == "same CNIC"
    assert "different CNIC" in by_id(candidates, register["ali"]).conflicts


def test_it_finds_a_cnic_typed_in_urdu_digits(alice: User, register: dict[str, Person]) -> None:
    for typed in ("۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "٣٥٢٠٢١٢٣٤٥٦٧١"):
        candidates = person_candidates(user=alice, query=CandidateQuery(cnic=typed))
        assert found(candidates) == [register["ali"].pk], typed
        assert candidates[0].reasons == ["same CNIC"]


def test_it_finds_a_person_whose_cnic_was_typed_in_urdu_digits(alice: User) -> None:
    typed_in_urdu = person(
        alice,
        full_name="Bilal Ahmed",
        sex="M",
        documents=[DocumentInput(kind="cnic", number="۴۲۱۰۱-۷۶۵۴۳۲۱-۳")],
    )
    candidates = person_candidates(user=alice, query=CandidateQuery(cnic="42101-7654321-3"))
    assert found(candidates) == [typed_in_urdu.pk]
    assert candidates[0].reasons == ["same CNIC"]


def test_it_finds_a_cnic_with_one_wrong_digit(alice: User, register: dict[str, Person]) -> None:
    for typo in ("35202-1234567-9", "35209-1234567-1", "35202-1239567-1", "35202-1243567-1"):
        candidates = person_candidates(user=alice, query=CandidateQuery(cnic=typo))
        assert found(candidates) == [register["ali"].pk], typo
        assert candidates[0].reasons == ["CNIC differs in one digit"]


def test_it_finds_a_partial_cnic(alice: User, register: dict[str, Person]) -> None:
    candidates = person_candidates(
        user=alice, query=CandidateQuery(name="Ali", cnic="35202-XXXX567-1")
    )
    assert candidates[0].person == register["ali"]
    assert "CNIC fits the digits given" in candidates[0].reasons
    ends = person_candidates(user=alice, query=CandidateQuery(cnic="XXXXX-1234567-1"))
    assert found(ends) == [register["ali"].pk]
    last = person_candidates(user=alice, query=CandidateQuery(cnic="35202-12345XX-X"))
    assert found(last) == [register["ali"].pk]


def test_it_asks_for_more_digits_when_the_unknown_ones_span_two_parts(alice: User) -> None:
    """The index holds digests: only a whole CNIC-near key can be looked up."""
    with pytest.raises(ValidationError) as caught:
        person_candidates(user=alice, query=CandidateQuery(name="Ali", cnic="35202-XXXXXXX-1"))
    assert caught.value.message_dict["cnic"] == [CNIC_MASK_SPREAD]


def test_it_returns_a_phone_only_match_with_a_low_score(
    alice: User, register: dict[str, Person]
) -> None:
    candidates = person_candidates(user=alice, query=CandidateQuery(phone="+92 300 1112223"))
    assert set(found(candidates)) == {register["ali"].pk, register["brother"].pk}
    for candidate in candidates:
        assert candidate.score < 0.3
        assert candidate.reasons == ["same phone (phones are often shared)"]


def test_it_tells_ali_from_alia_and_hassan_from_hussain(
    alice: User, register: dict[str, Person]
) -> None:
    candidates = person_candidates(
        user=alice, query=CandidateQuery(name="Ali", father_name="Ghulam Rasool")
    )
    assert candidates[0].person == register["ali"]
    assert "name matches" not in by_id(candidates, register["alia"]).reasons
    hussain = person_candidates(
        user=alice, query=CandidateQuery(name="Hussain Raza", father_name="Ghulam Rasool")
    )
    assert "name matches" not in by_id(hussain, register["brother"]).reasons


def test_it_weighs_birth_year_and_sex(alice: User, register: dict[str, Person]) -> None:
    query = CandidateQuery(
        name="Muhammad Ali", birth_date=date(1986, 1, 1), birth_date_precision="year", sex="F"
    )
    ali = by_id(person_candidates(user=alice, query=query), register["ali"])
    assert "birth year differs by 1" in ali.reasons
    assert ali.conflicts == ["different sex"]
    aged = person_candidates(user=alice, query=CandidateQuery(name="Muhammad Ali", age=99))
    assert by_id(aged, register["ali"]).conflicts[0].startswith("birth years differ by ")


def test_it_never_shows_another_circles_victim(alice: User, bob: User, tip_case: Case) -> None:
    query = CandidateQuery(name="Sajida Bibi", cnic="34101-1234567-2", phone="0300 1234567")
    assert [c.person.full_name for c in person_candidates(user=alice, query=query)] == [
        "Sajida Bibi"
    ]
    assert person_candidates(user=bob, query=query) == []


def test_it_lets_other_circles_find_suspects(bob: User, tip_case: Case) -> None:
    candidates = person_candidates(user=bob, query=CandidateQuery(name="Imran But"))
    assert [c.person.full_name for c in candidates] == ["Imran Butt"]


def test_it_gives_national_readers_suspects_only(
    hana: User, tip_case: Case, register: dict[str, Person]
) -> None:
    assert person_candidates(user=hana, query=CandidateQuery(name="Sajida Bibi")) == []
    assert person_candidates(user=hana, query=CandidateQuery(name="Muhammad Ali")) == []
    suspects = person_candidates(user=hana, query=CandidateQuery(cnic="35202-7654321-1"))
    assert [c.person.full_name for c in suspects] == ["Imran Butt"]


def test_it_gives_caseworkers_and_administrators_nobody(
    carl: User, adam: User, tip_case: Case
) -> None:
    query = CandidateQuery(name="Imran Butt")
    assert person_candidates(user=carl, query=query) == []
    assert person_candidates(user=adam, query=query) == []


def test_it_refuses_a_bad_or_empty_query(alice: User) -> None:
    with pytest.raises(ValidationError) as bad:
        person_candidates(user=alice, query=CandidateQuery(cnic="3520"))
    assert bad.value.message_dict == {"cnic": [BAD_CNIC]}
    only_a_date = CandidateQuery(birth_date=date(1985, 1, 1))
    assert person_candidates(user=alice, query=only_a_date) == []
    with pytest.raises(ValidationError) as empty:
        candidate_query_from_params({"birth_date": "1985", "name": " "})
    assert empty.value.messages == [NO_CRITERIA]


def test_it_runs_a_bounded_number_of_queries(
    alice: User, register: dict[str, Person], django_assert_max_num_queries: object, vendor: str
) -> None:
    """Whatever the size of the register: on PostgreSQL all key lookups go in one query."""
    query = CandidateQuery(
        name="Muhammad Ali Khan",
        father_name="Ghulam Rasool Khan",
        birth_date=date(1985, 6, 1),
        cnic="35202-1234567-1",
        phone="0300 1112223",
        passport="AB1234567",
    )
    bound = 11 if vendor == "postgresql" else 18
    with django_assert_max_num_queries(bound):  # type: ignore[operator]
        assert person_candidates(user=alice, query=query)


def test_it_audits_a_search_with_the_ids_shown(alice: User, register: dict[str, Person]) -> None:
    query = CandidateQuery(name="Mohd Ali", father_name="Gulam Rasul")
    candidates = candidate_search(user=alice, query=query)
    event = AuditEvent.objects.latest("seq")
    assert (event.actor, event.action, event.object_type) == (alice, "view", "person_search")
    assert event.changes["ids"] == found(candidates)
    fields = {"name": "Mohd Ali", "father_name": "Gulam Rasul"}
    assert opened_values(event.changes["fields"]) == fields
    assert "Mohd" not in str(event.changes)  # sealed at rest
