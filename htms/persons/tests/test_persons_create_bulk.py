"""``persons_create_bulk``: the same register, search keys and audit rows as one at a time."""

from datetime import date

import pytest

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.audit.verify import audit_verify
from htms.identity.models import PersonKey
from htms.identity.services import person_keys_refresh
from htms.persons.inputs import DocumentInput, PersonInput, person_input_clean
from htms.persons.models import Person
from htms.persons.services import persons_create_bulk

pytestmark = pytest.mark.django_db


def _inputs() -> list[PersonInput]:
    return [
        PersonInput(
            full_name="Sajida Bibi",
            full_name_ur="ساجدہ بی بی",
            sex="F",
            relation="d/o",
            father_name="Ghulam Rasool",
            father_name_ur="غلام رسول",
            birth_date=date(2007, 5, 1),
            birth_date_precision="day",
            nationality_code="PK",
            documents=[
                DocumentInput(kind="cnic", number="34101-1234567-2"),
                DocumentInput(kind="passport", number="ab 1234567"),
            ],
            phones=["0300 1234567"],
            aliases=["Saji", "  "],
            district_code="PB-LAHORE",
            address_text="Mohalla Islampura",
        ),
        PersonInput(
            full_name_ur="نامعلوم", birth_date=date(1990, 1, 1), birth_date_precision="year"
        ),
        PersonInput(full_name="Ali Raza", sex="M", address_text="Gujrat, near the bus stand"),
    ]


def _keys(person: Person) -> list[tuple[int, str]]:
    return sorted(PersonKey.objects.filter(person=person).values_list("kind", "value"))


def test_it_writes_the_search_keys_the_single_person_path_writes(alice: User) -> None:
    persons = persons_create_bulk(actor=alice, cleans=[person_input_clean(d) for d in _inputs()])
    for person in persons:
        written = _keys(person)
        person_keys_refresh(person=person)  # rebuilt from the rows read back
        assert written and written == _keys(person)


def test_it_audits_each_person_and_keeps_the_chain_and_seals_intact(alice: User) -> None:
    persons = persons_create_bulk(actor=alice, cleans=[person_input_clean(d) for d in _inputs()])
    audited = AuditEvent.objects.filter(object_type=AuditObject.PERSON, action="create")
    assert sorted(audited.values_list("object_id", flat=True)) == sorted(str(p.pk) for p in persons)
    assert audit_verify() == []
