"""What the index and the scorer need to know of a person, read in five flat queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import CharField, Q, QuerySet, Value

from htms.persons.models import (
    DocumentKind,
    IdentityDocument,
    Person,
    PersonAddress,
    PersonAlias,
    PersonPhone,
)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    person_id: int
    names: tuple[str, ...]  # Latin name, Urdu name, aliases
    father_names: tuple[str, ...]  # Latin and Urdu
    sex: str
    birth_date: date | None
    birth_date_precision: str
    cnics: tuple[str, ...]
    passports: tuple[str, ...]
    phones: tuple[str, ...]
    districts: tuple[str, ...]  # district codes of the person's addresses


_PERSON_FIELDS = (
    "id",
    "full_name",
    "full_name_ur",
    "father_name",
    "father_name_ur",
    "sex",
    "birth_date",
    "birth_date_precision",
)


def facts_for_ids(person_ids: Iterable[int]) -> dict[int, PersonFacts]:
    """Facts of the given persons, by id. Five queries whatever the number of persons."""
    ids = list(person_ids)
    return _load(Q(pk__in=ids), Q(person_id__in=ids))


def facts_of_written(
    person: Person,
    *,
    documents: Iterable[IdentityDocument],
    phones: Iterable[PersonPhone],
    aliases: Iterable[PersonAlias],
    addresses: Iterable[PersonAddress],
) -> PersonFacts:
    """Facts of a person just written, from the rows written: what ``facts_for_ids`` reads back
    from them, without reading (a bulk write of thousands of persons)."""
    documents = list(documents)
    return PersonFacts(
        person_id=person.pk,
        names=tuple(
            n for n in (person.full_name, person.full_name_ur, *(a.name for a in aliases)) if n
        ),
        father_names=tuple(n for n in (person.father_name, person.father_name_ur) if n),
        sex=person.sex,
        birth_date=person.birth_date,
        birth_date_precision=person.birth_date_precision,
        cnics=tuple(d.number for d in documents if d.kind == DocumentKind.CNIC),
        passports=tuple(d.number for d in documents if d.kind == DocumentKind.PASSPORT),
        phones=tuple(p.number for p in phones),
        districts=tuple(a.district.code for a in addresses if a.district is not None),
    )


def facts_in_range(first_id: int, last_id: int) -> dict[int, PersonFacts]:
    """Facts of persons whose id lies in [first_id, last_id]: for streaming the whole register."""
    return _load(
        Q(pk__gte=first_id, pk__lte=last_id),
        Q(person_id__gte=first_id, person_id__lte=last_id),
    )


def _load(person_filter: Q, related_filter: Q) -> dict[int, PersonFacts]:
    rows = list(Person.objects.filter(person_filter).values_list(*_PERSON_FIELDS).order_by())
    if not rows:
        return {}
    extra: dict[str, dict[int, list[str]]] = {tag: defaultdict(list) for tag in _TAGS}
    for person_id, tag, value in _related(related_filter):
        extra[tag][person_id].append(value)
    return {
        pk: PersonFacts(
            person_id=pk,
            names=tuple(n for n in (name, name_ur, *extra["alias"].get(pk, ())) if n),
            father_names=tuple(n for n in (father, father_ur) if n),
            sex=sex,
            birth_date=born,
            birth_date_precision=precision,
            cnics=tuple(extra[DocumentKind.CNIC].get(pk, ())),
            passports=tuple(extra[DocumentKind.PASSPORT].get(pk, ())),
            phones=tuple(extra["phone"].get(pk, ())),
            districts=tuple(extra["district"].get(pk, ())),
        )
        for pk, name, name_ur, father, father_ur, sex, born, precision in rows
    }


_TAGS = (DocumentKind.CNIC, DocumentKind.PASSPORT, "phone", "alias", "district")


def _related(related_filter: Q) -> QuerySet[Any, tuple[int, str, str]]:
    """Documents, phones, aliases and districts as (person, tag, value): one UNION ALL query."""
    documents = IdentityDocument.objects.filter(
        related_filter, kind__in=(DocumentKind.CNIC, DocumentKind.PASSPORT)
    ).values_list("person_id", "kind", "number")
    phones = _tagged(PersonPhone.objects.filter(related_filter), "phone", "number")
    aliases = _tagged(PersonAlias.objects.filter(related_filter), "alias", "name")
    addresses = PersonAddress.objects.filter(related_filter, district__isnull=False)
    districts = _tagged(addresses, "district", "district__code")
    return documents.order_by().union(phones, aliases, districts, all=True)


def _tagged(rows: QuerySet[Any], tag: str, field: str) -> QuerySet[Any, tuple[int, str, str]]:
    tagged = rows.annotate(tag=Value(tag, output_field=CharField()))
    values: QuerySet[Any, tuple[int, str, str]] = tagged.values_list("person_id", "tag", field)
    return values.order_by()
