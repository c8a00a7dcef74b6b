"""What a caller hands the person services: plain values, checked and normalised here."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.persons.models import DatePrecision, DocumentKind, Relation, Sex
from htms.persons.validators import (
    check_person_name,
    normalize_cnic,
    normalize_passport,
    normalize_phone,
)
from htms.reference.models import Country, District


@dataclass
class DocumentInput:
    kind: str
    number: str
    country_code: str = ""


@dataclass
class PersonInput:
    full_name: str = ""
    full_name_ur: str = ""
    relation: str = ""
    father_name: str = ""
    father_name_ur: str = ""
    sex: str = Sex.UNKNOWN
    birth_date: date | None = None
    birth_date_precision: str = ""
    nationality_code: str = ""
    documents: list[DocumentInput] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    district_code: str = ""
    address_text: str = ""


@dataclass
class CleanPerson:
    """A PersonInput after validation: normalised numbers and resolved reference rows."""

    data: PersonInput
    nationality: Country | None
    district: District | None
    documents: list[tuple[str, str, Country | None]]
    phones: list[str]


class ReferenceLookups:
    """Countries and districts by code, each looked up once: for checking thousands of persons
    in one request. Lives for one request only, so reference data loaded later is seen."""

    def __init__(self) -> None:
        self.countries: dict[str, Country | None] = {}
        self.districts: dict[str, District | None] = {}

    def country(self, code: str) -> Country | None:
        if code not in self.countries:
            self.countries[code] = Country.objects.filter(code=code).first()
        return self.countries[code]

    def district(self, code: str) -> District | None:
        if code not in self.districts:
            self.districts[code] = (
                District.objects.filter(code=code).select_related("province").first()
            )
        return self.districts[code]


def _country(
    code: str, errors: dict[str, list[str]], key: str, lookups: ReferenceLookups
) -> Country | None:
    if not code:
        return None
    country = lookups.country(code.upper())
    if country is None:
        errors.setdefault(key, []).append(_("Unknown country code “%s”.") % code)
    return country


def _check_names(data: PersonInput, errors: dict[str, list[str]]) -> None:
    if not data.full_name.strip() and not data.full_name_ur.strip():
        errors.setdefault("full_name", []).append(
            _("Give the person's name in Latin or Urdu script.")
        )
    names = [
        ("full_name", data.full_name),
        ("full_name_ur", data.full_name_ur),
        ("father_name", data.father_name),
        ("father_name_ur", data.father_name_ur),
        *((f"aliases[{i}]", alias) for i, alias in enumerate(data.aliases)),
    ]
    for key, value in names:
        try:
            check_person_name(value)
        except ValidationError as exc:
            errors.setdefault(key, []).extend(exc.messages)
    if data.relation and data.relation not in Relation.values:
        errors.setdefault("relation", []).append(_("Choose s/o, d/o or w/o."))
    if data.sex not in Sex.values:
        errors.setdefault("sex", []).append(_("Choose male, female, transgender or unknown."))


def _check_birth_date(data: PersonInput, errors: dict[str, list[str]]) -> None:
    if data.birth_date is None:
        if data.birth_date_precision:
            errors.setdefault("birth_date", []).append(_("Give the date of birth."))
        return
    if data.birth_date > timezone.localdate():
        errors.setdefault("birth_date", []).append(_("The date of birth is in the future."))
    if data.birth_date.year < 1900:
        errors.setdefault("birth_date", []).append(_("The date of birth is before 1900."))
    if not data.birth_date_precision:
        data.birth_date_precision = DatePrecision.DAY
    elif data.birth_date_precision not in DatePrecision.values:
        errors.setdefault("birth_date_precision", []).append(
            _("Say whether the year, the month or the exact day is known.")
        )


def _clean_documents(
    data: PersonInput,
    nationality: Country | None,
    errors: dict[str, list[str]],
    lookups: ReferenceLookups,
) -> list[tuple[str, str, Country | None]]:
    cleaned = []
    pakistan = None
    for i, doc in enumerate(data.documents):
        key = f"documents[{i}]"
        country = _country(doc.country_code, errors, key, lookups)
        try:
            if doc.kind == DocumentKind.CNIC:
                number = normalize_cnic(doc.number)
                pakistan = pakistan or lookups.country("PK")
                country = pakistan
            elif doc.kind == DocumentKind.PASSPORT:
                issuer = country or nationality
                pakistani = issuer is not None and issuer.code == "PK"
                number = normalize_passport(doc.number, pakistani=pakistani)
            elif doc.kind == DocumentKind.OTHER:
                number = doc.number.strip()
            else:
                errors.setdefault(key, []).append(_("Choose CNIC, passport or other document."))
                continue
        except ValidationError as exc:
            errors.setdefault(key, []).extend(exc.messages)
            continue
        cleaned.append((doc.kind, number, country))
    return cleaned


def _clean_phones(data: PersonInput, errors: dict[str, list[str]]) -> list[str]:
    phones = []
    for i, raw in enumerate(data.phones):
        try:
            phones.append(normalize_phone(raw))
        except ValidationError as exc:
            errors.setdefault(f"phones[{i}]", []).extend(exc.messages)
    return phones


def person_input_clean(data: PersonInput, lookups: ReferenceLookups | None = None) -> CleanPerson:
    """Checks every field and raises one ValidationError naming each bad field. ``lookups``
    shares reference lookups between the persons of one request."""
    lookups = lookups or ReferenceLookups()
    errors: dict[str, list[str]] = {}
    _check_names(data, errors)
    _check_birth_date(data, errors)
    nationality = _country(data.nationality_code, errors, "nationality", lookups)
    district = None
    if data.district_code:
        district = lookups.district(data.district_code)
        if district is None:
            errors.setdefault("district", []).append(
                _("Unknown district “%s”.") % data.district_code
            )
    documents = _clean_documents(data, nationality, errors, lookups)
    phones = _clean_phones(data, errors)
    if errors:
        raise ValidationError(errors)
    return CleanPerson(data, nationality, district, documents, phones)
