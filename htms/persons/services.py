"""Writes to the person register. Every write is atomic and audited."""

from typing import Any

from django.db import transaction

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record, diff
from htms.common.versioning import lock_at_version
from htms.identity.services import person_keys_refresh
from htms.persons.inputs import CleanPerson, PersonInput, person_input_clean
from htms.persons.models import (
    IdentityDocument,
    Person,
    PersonAddress,
    PersonAlias,
    PersonPhone,
)

# Fields that person_update may change; identity documents and phones are added, not edited.
PERSON_EDITABLE_FIELDS = (
    "full_name",
    "full_name_ur",
    "relation",
    "father_name",
    "father_name_ur",
    "sex",
    "birth_date",
    "birth_date_precision",
)


def person_snapshot(person: Person) -> dict[str, Any]:
    snapshot = {name: getattr(person, name) for name in PERSON_EDITABLE_FIELDS}
    snapshot["nationality"] = person.nationality_id
    return snapshot


def _write_person(clean: CleanPerson, *, actor: User, is_synthetic: bool) -> Person:
    data = clean.data
    person = Person(
        full_name=data.full_name.strip(),
        full_name_ur=data.full_name_ur.strip(),
        relation=data.relation,
        father_name=data.father_name.strip(),
        father_name_ur=data.father_name_ur.strip(),
        sex=data.sex,
        birth_date=data.birth_date,
        birth_date_precision=data.birth_date_precision if data.birth_date else "",
        nationality=clean.nationality,
        created_by_unit=actor.unit,
        is_synthetic=is_synthetic,
    )
    # The table's check constraints were checked by person_input_clean; do not query them again.
    person.full_clean(validate_constraints=False)
    person.save()
    IdentityDocument.objects.bulk_create(
        IdentityDocument(person=person, kind=kind, number=number, country=country)
        for kind, number, country in clean.documents
    )
    PersonPhone.objects.bulk_create(PersonPhone(person=person, number=n) for n in clean.phones)
    PersonAlias.objects.bulk_create(
        PersonAlias(person=person, name=a.strip()) for a in data.aliases if a.strip()
    )
    if clean.district or data.address_text:
        PersonAddress.objects.create(
            person=person,
            text=data.address_text,
            district=clean.district,
            province=clean.district.province if clean.district else None,
        )
    return person


@transaction.atomic
def person_create(
    *,
    actor: User,
    data: PersonInput,
    is_synthetic: bool = False,
    clean: CleanPerson | None = None,
) -> Person:
    """Adds a person to the register. Any writer may call it; the audit row names the actor.

    ``clean`` is ``person_input_clean(data)`` when the caller has already checked ``data``."""
    clean = clean if clean is not None and clean.data is data else person_input_clean(data)
    person = _write_person(clean, actor=actor, is_synthetic=is_synthetic)
    person_keys_refresh(person=person)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.PERSON,
        object_id=person.pk,
        changes={
            "new": person_snapshot(person),
            "documents": [f"{kind}:{number}" for kind, number, _ in clean.documents],
            "phones": clean.phones,
        },
    )
    return person


@transaction.atomic
def person_update(
    *, actor: User, person_id: int, expected_version: int, data: PersonInput
) -> Person:
    """Changes a person's names, sex and birth date. Callers check write access first."""
    clean = person_input_clean(data)
    person = lock_at_version(Person, pk=person_id, expected_version=expected_version)
    before = person_snapshot(person)
    for name in PERSON_EDITABLE_FIELDS:
        setattr(person, name, getattr(clean.data, name))
    person.nationality = clean.nationality
    person.full_clean()
    person.save(update_fields=[*PERSON_EDITABLE_FIELDS, "nationality", "version"])
    person_keys_refresh(person=person)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.PERSON,
        object_id=person.pk,
        changes=diff(before, person_snapshot(person)),
    )
    return person
