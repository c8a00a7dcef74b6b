"""The person search index: kept up to date by the person services, rebuilt by a command."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from htms.accounts.models import User
from htms.common.sealing import blind_index
from htms.identity.inputs import CandidateQuery
from htms.identity.models import KeyKind, PersonKey
from htms.identity.search import person_candidates
from htms.persons.inputs import PersonInput
from htms.persons.models import IdentityDocument, Person
from htms.persons.services import person_update


def key(kind: int, value: str) -> tuple[int, str]:
    """A key as the index stores it: its value's blind index, never the value."""
    return kind, blind_index(value)


def keys_of(person: Person) -> set[tuple[int, str]]:
    return set(PersonKey.objects.filter(person=person).values_list("kind", "value"))


def test_it_indexes_a_person_when_created(ali: Person) -> None:
    keys = keys_of(ali)
    assert {
        key(KeyKind.CNIC, "3520212345671"),
        key(KeyKind.CNIC_NEAR, "1:12345671"),
        key(KeyKind.CNIC_NEAR, "2:352025671"),
        key(KeyKind.CNIC_NEAR, "3:352021234"),
        key(KeyKind.PHONE, "+923001112223"),
        key(KeyKind.NAME_PAIR, "li mhmd"),
        key(KeyKind.NAME, "li"),
        key(KeyKind.NAME_YEAR, "li:1985"),
        key(KeyKind.FATHER_PAIR, "glm rsl"),
        key(KeyKind.FATHER, "rsl"),
        key(KeyKind.NAME_FATHER, "li|rsl"),
    } <= keys
    # Weak tokens (Muhammad, Ghulam) are only looked up in pairs.
    assert key(KeyKind.NAME, "mhmd") not in keys
    assert key(KeyKind.FATHER, "glm") not in keys


def test_it_reindexes_a_person_when_changed(alice: User, ali: Person) -> None:
    person_update(
        actor=alice,
        person_id=ali.pk,
        expected_version=ali.version,
        data=PersonInput(full_name="Ahmed Raza", father_name="Ghulam Rasool", sex="M"),
    )
    keys = keys_of(ali)
    assert key(KeyKind.NAME_PAIR, "hmd rza") in keys
    assert key(KeyKind.NAME_PAIR, "li mhmd") not in keys
    assert not any(kind == KeyKind.NAME_YEAR for kind, _ in keys)
    assert key(KeyKind.CNIC, "3520212345671") in keys


def test_it_makes_bulk_loaded_persons_searchable_after_a_reindex(alice: User) -> None:
    """Bulk loads write rows directly, without the services: no keys until the command runs."""
    bulk = Person.objects.create(
        full_name="Khuda Bux Soomro",
        father_name="Allah Ditta",
        birth_date=date(1970, 1, 1),
        birth_date_precision="year",
        created_by_unit=alice.unit,
    )
    IdentityDocument.objects.create(person=bulk, kind="cnic", number="4130412345673")
    query = CandidateQuery(name="Khuda Bakhsh Sumro", father_name="Alladitta")
    assert person_candidates(user=alice, query=query) == []
    out = StringIO()
    call_command("reindex_persons", stdout=out)
    assert "Indexed 1 persons" in out.getvalue()
    assert [c.person for c in person_candidates(user=alice, query=query)] == [bulk]


def test_it_rebuilds_the_same_index_from_scratch(register: dict[str, Person]) -> None:
    before = set(PersonKey.objects.values_list("person_id", "kind", "value"))
    call_command("reindex_persons", "--fresh", "--batch", "2", stdout=StringIO())
    assert set(PersonKey.objects.values_list("person_id", "kind", "value")) == before
    call_command("reindex_persons", stdout=StringIO())
    assert PersonKey.objects.count() == len(before)
