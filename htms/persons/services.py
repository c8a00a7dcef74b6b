"""Writes to the person register. Every write is atomic and audited."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.seals import person_digest_of, seal_key
from htms.audit.services import AuditEntry, audit_record, audit_records, diff
from htms.common.copying import rows_copy
from htms.common.sealing import sealed_values
from htms.common.versioning import lock_at_version
from htms.identity.facts import facts_of_written
from htms.identity.services import person_keys_refresh, persons_keys_write
from htms.persons.inputs import CleanPerson, PersonInput, person_input_clean
from htms.persons.models import (
    IdentityDocument,
    Person,
    PersonAddress,
    PersonAlias,
    PersonPhone,
    address_match,
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


# Values an audit row keeps sealed, as the register itself does.
SEALED_IN_AUDIT = ("full_name", "full_name_ur", "father_name", "father_name_ur")


def person_snapshot(person: Person) -> dict[str, Any]:
    snapshot = {name: getattr(person, name) for name in PERSON_EDITABLE_FIELDS}
    snapshot["nationality"] = person.nationality_id
    return snapshot


def _person_row(clean: CleanPerson, *, actor: User, is_synthetic: bool) -> Person:
    data = clean.data
    return Person(
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


_Details = tuple[list[IdentityDocument], list[PersonPhone], list[PersonAlias], list[PersonAddress]]


def _details_rows(clean: CleanPerson, person: Person) -> _Details:
    """The rows that hang off a new person: documents, phones, aliases and the address."""
    data = clean.data
    documents = [
        IdentityDocument(person=person, kind=kind, number=number, country=country)
        for kind, number, country in clean.documents
    ]
    phones = [PersonPhone(person=person, number=n) for n in clean.phones]
    aliases = [PersonAlias(person=person, name=a.strip()) for a in data.aliases if a.strip()]
    addresses = []
    district = clean.district
    if district or data.address_text:
        addresses.append(
            PersonAddress(
                person=person,
                text=data.address_text,
                district=district,
                province=district.province if district else None,
                match=address_match(district.pk if district else None, data.address_text),
            )
        )
    return documents, phones, aliases, addresses


def _details_by_table(details: Sequence[_Details]) -> tuple[list[Any], ...]:
    """The details of every person (``_details_rows``), gathered table by table."""
    batches: tuple[list[Any], ...] = ([], [], [], [])
    for person_rows in details:
        rows: tuple[list[Any], ...] = person_rows
        for batch, new in zip(batches, rows, strict=True):
            batch.extend(new)
    return batches


def _write_details(details: Sequence[_Details]) -> None:
    for batch in _details_by_table(details):
        if batch:
            type(batch[0]).objects.bulk_create(batch, batch_size=ROWS_PER_INSERT)


def _write_person(clean: CleanPerson, *, actor: User, is_synthetic: bool) -> Person:
    person = _person_row(clean, actor=actor, is_synthetic=is_synthetic)
    # The table's check constraints were checked by person_input_clean; do not query them again.
    person.full_clean(validate_constraints=False)
    person.save()
    _write_details([_details_rows(clean, person)])
    return person


def _sealed_identity(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes with the names sealed: ``sealed_values`` of each name field's value."""
    return {k: sealed_values(v) if k in SEALED_IN_AUDIT else v for k, v in changes.items()}


def _created_changes(person: Person, clean: CleanPerson) -> dict[str, Any]:
    return {
        "new": _sealed_identity(person_snapshot(person)),
        "documents": sealed_values([f"{kind}:{number}" for kind, number, _ in clean.documents]),
        "phones": sealed_values(list(clean.phones)),
        "aliases": sealed_values([a.strip() for a in clean.data.aliases if a.strip()]),
        "address": sealed_values(clean.data.address_text),
    }


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
        changes=_created_changes(person, clean),
    )
    return person


ROWS_PER_INSERT = 2000
# Fields a bulk write checks row by row; the foreign keys were resolved by person_input_clean,
# and checking them again would cost one query per person.
_UNCHECKED_IN_BULK = ["nationality", "nationality_verified", "created_by_unit"]


@transaction.atomic
def persons_create_bulk(
    *, actor: User, cleans: Sequence[CleanPerson], is_synthetic: bool = False
) -> list[Person]:
    """Adds many persons already checked by ``person_input_clean`` (thousands of victims of one
    case): a few inserts per 2,000 persons, their search keys, and one audit row each, sealed,
    as ``person_create`` writes (COPY on PostgreSQL, ``rows_copy``). Any writer may call it;
    the audit rows name the actor."""
    persons = [_person_row(c, actor=actor, is_synthetic=is_synthetic) for c in cleans]
    for person in persons:
        person.clean_fields(exclude=_UNCHECKED_IN_BULK)
    rows_copy(persons)
    details = [_details_rows(c, p) for c, p in zip(cleans, persons, strict=True)]
    for batch in _details_by_table(details):
        rows_copy(batch)
    # The keys come from the rows just written, as person_keys_refresh builds them from the
    # same rows read back.
    persons_keys_write(
        facts=[
            facts_of_written(p, documents=d, phones=ph, aliases=a, addresses=ad)
            for p, (d, ph, a, ad) in zip(persons, details, strict=True)
        ]
    )
    digests = {p.pk: person_digest_of(p, d[0]) for p, d in zip(persons, details, strict=True)}
    audit_records(
        actor=actor,
        entries=[
            AuditEntry(
                action=AuditAction.CREATE,
                object_type=AuditObject.PERSON,
                object_id=person.pk,
                changes=_created_changes(person, clean),
                seals={seal_key("person", person.pk): digests[person.pk]},
            )
            for person, clean in zip(persons, cleans, strict=True)
        ],
    )
    return persons


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
        changes=_sealed_identity(diff(before, person_snapshot(person))),
    )
    return person
