"""A manifest row's cells, through the source's column mapping, into an entry to record.

Reading never fails: a value that cannot be understood becomes an error on its field, and the
row waits in the correction queue with its raw cells untouched.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from htms.intake.entries import EXCEL_NUMBER, FORMULA_IN_CELL, EntryInput
from htms.intake.fields import FIELD_KEYS
from htms.intake.lookups import Lookups
from htms.intake.models import BorderEventKind, FraudKind, ReturnReason
from htms.intake.parsing.cells import DIGITS, is_formula
from htms.intake.parsing.dates import DateError, parse_date
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import DocumentKind, Relation, Sex

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
SCIENTIFIC = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)
RELATION_IN_NAME = re.compile(r"\s+\b(s/o|d/o|w/o)\b\.?\s+", re.IGNORECASE)
# What a spreadsheet shows in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
SEXES = {
    Sex.MALE: {"m", "male", "man", "boy", "مرد", "لڑکا", "ذکر"},
    Sex.FEMALE: {"f", "female", "woman", "girl", "عورت", "خاتون", "لڑکی"},
    Sex.OTHER: {"x", "t", "transgender", "other", "خواجہ سرا", "ٹرانسجینڈر"},
}
YES = {"yes", "y", "true", "1", "escorted", "ہاں", "جی ہاں"}
NO = {"no", "n", "false", "0", "unescorted", "not escorted", "نہیں"}
# Words lists use for the reason of a return, first match wins.
REASON_WORDS = (
    (ReturnReason.ASYLUM_REFUSED, ("asylum", "refugee")),
    (ReturnReason.CRIMINAL, ("crim", "theft", "drug", "narcotic", "jail", "prison", "convict")),
    (ReturnReason.LABOUR_VIOLATION, ("labour", "labor", "work permit", "abscond", "sponsor")),
    (ReturnReason.OVERSTAY, ("overstay", "over stay", "expired", "visa expir")),
    (ReturnReason.ILLEGAL_ENTRY, ("illegal", "entry", "infiltrat", "without visa", "no visa")),
)
FRAUD_WORDS = (
    (FraudKind.IMPOSTOR, ("impost", "look alike", "lookalike", "another person")),
    (FraudKind.FAKE_VISA, ("visa",)),
    (FraudKind.FORGED_PASSPORT, ("passport", "forged", "altered", "tamper", "counterfeit")),
    (FraudKind.FALSE_PURPOSE, ("purpose", "genuine")),
)


@dataclass(frozen=True)
class EntryDefaults:
    """What a manifest says for all its rows."""

    kind: str
    occurred_on: date | None
    deporting_country_code: str
    flight_or_vessel: str
    day_first: bool = True


def mapped_values(
    raw: dict[str, str], mapping: dict[str, str], corrections: dict[str, str]
) -> dict[str, str]:
    """field key -> text: the officer's corrections over the mapped cells."""
    values = {key: raw.get(heading, "") for key, heading in mapping.items() if heading}
    values.update({k: v for k, v in corrections.items() if k in FIELD_KEYS})
    return {k: v.strip() for k, v in values.items()}


def fingerprint(values: dict[str, str], defaults: EntryDefaults) -> str:
    """Equal for two rows that say the same thing, whatever their spacing or case."""
    canonical = {k: " ".join(v.casefold().split()) for k, v in sorted(values.items()) if v}
    canonical["_date"] = defaults.occurred_on.isoformat() if defaults.occurred_on else ""
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


class _Reader:
    def __init__(self, values: dict[str, str], defaults: EntryDefaults, lookups: Lookups) -> None:
        self.values, self.defaults, self.lookups = values, defaults, lookups
        self.errors: dict[str, list[str]] = {}

    def text(self, key: str) -> str:
        value = self.values.get(key, "")
        if is_formula(value):
            self.errors.setdefault(key, []).append(str(FORMULA_IN_CELL % value[:40]))
            return ""
        if value.upper() in EXCEL_ERRORS:  # what is left of a formula that failed
            self.errors.setdefault(key, []).append(str(FORMULA_IN_CELL % value))
            return ""
        return value

    def date(self, key: str, *, past: bool) -> tuple[date | None, str]:
        value = self.text(key)
        if not value:
            return None, ""
        try:
            parsed = parse_date(value, day_first=self.defaults.day_first, past=past)
        except DateError as exc:
            self.errors.setdefault(key, []).append(str(exc))
            return None, ""
        return parsed.value, parsed.precision

    def number(self, key: str) -> str:
        value = self.text(key).translate(DIGITS)
        if SCIENTIFIC.match(value):
            self.errors.setdefault(key, []).append(str(EXCEL_NUMBER % value))
            return ""
        return value

    def country(self, key: str) -> str:
        value = self.text(key)
        if not value:
            return ""
        code = self.lookups.country(value)
        if not code:
            self.errors.setdefault(key, []).append(
                _("“%s” is not a country that can be recognised. Write its name, like Oman.")
                % value
            )
        return code

    def choice(self, key: str, table: tuple[tuple[str, tuple[str, ...]], ...], other: str) -> str:
        value = self.text(key).casefold()
        if not value:
            return ""
        return next((code for code, words in table if any(w in value for w in words)), other)


def _names(r: _Reader, person: PersonInput) -> None:
    name, father = r.text("full_name"), r.text("father_name")
    split = RELATION_IN_NAME.split(name, maxsplit=1)
    if len(split) == 3 and not father:
        name, person.relation, father = split[0], split[1].lower(), split[2]
    for value, latin, urdu in (
        (name, "full_name", "full_name_ur"),
        (father, "father_name", "father_name_ur"),
    ):
        script = urdu if ARABIC_SCRIPT.search(value) else latin
        setattr(person, script, value)
    if r.text("full_name_ur"):
        person.full_name_ur = r.text("full_name_ur")


def _sex(r: _Reader) -> str:
    value = r.text("sex").casefold().strip(".")
    if value in ("", "u", "unknown"):
        return Sex.UNKNOWN
    for sex, words in SEXES.items():
        if value in words:
            return sex
    r.errors.setdefault("sex", []).append(_("“%s” is not a sex: write M or F.") % value)
    return Sex.UNKNOWN


def _birth(r: _Reader, person: PersonInput, on: date | None) -> None:
    person.birth_date, person.birth_date_precision = r.date("birth_date", past=True)
    age = r.number("age")
    if person.birth_date or not age:
        return
    if not age.isdigit() or not 0 < int(age) < 110:
        r.errors.setdefault("age", []).append(_("“%s” is not an age in years.") % age)
        return
    year = (on or timezone.localdate()).year - int(age)
    person.birth_date, person.birth_date_precision = date(year, 1, 1), "year"


def _person(r: _Reader, on: date | None) -> PersonInput:
    person = PersonInput()
    _names(r, person)
    person.sex = _sex(r)
    if not person.relation and (person.father_name or person.father_name_ur):
        relations: dict[str, str] = {Sex.MALE: Relation.SON_OF, Sex.FEMALE: Relation.DAUGHTER_OF}
        person.relation = relations.get(person.sex, "")
    _birth(r, person, on)
    person.nationality_code = r.country("nationality")
    for kind in (DocumentKind.CNIC, DocumentKind.PASSPORT):
        number = r.number(kind)
        if number:
            person.documents.append(DocumentInput(kind=kind, number=number))
    if phone := r.number("phone"):
        person.phones.append(phone)
    district = r.text("district")
    person.district_code = r.lookups.district(district) if district else ""
    unplaced = district if district and not person.district_code else ""
    person.address_text = ", ".join(p for p in (r.text("address"), unplaced) if p)
    return person


def _escorted(r: _Reader) -> bool | None:
    value = r.text("escorted").casefold()
    if not value:
        return None
    if value in YES or value in NO:
        return value in YES
    r.errors.setdefault("escorted", []).append(_("Write yes or no."))
    return None


def entry_from_values(
    values: dict[str, str], defaults: EntryDefaults, lookups: Lookups
) -> EntryInput:
    """The entry a row describes; what could not be read is in ``read_errors``."""
    r = _Reader(values, defaults, lookups)
    occurred_on, _precision = r.date("occurred_on", past=False)
    occurred_on = occurred_on or defaults.occurred_on
    kind = defaults.kind
    deported = kind == BorderEventKind.DEPORTED
    entry = EntryInput(
        person=_person(r, occurred_on),
        kind=kind,
        occurred_on=occurred_on,
        destination_code=r.country("destination") if not deported else "",
        travel_document=r.text("travel_document"),
        fraud_kind=(r.choice("fraud_kind", FRAUD_WORDS, FraudKind.OTHER) or FraudKind.OTHER)
        if not deported
        else "",
        deporting_country_code=(r.country("deporting_country") or defaults.deporting_country_code)
        if deported
        else "",
        return_reason=r.choice("return_reason", REASON_WORDS, ReturnReason.OTHER)
        if deported
        else "",
        escorted=_escorted(r) if deported else None,
        flight_or_vessel=r.text("flight_or_vessel") or defaults.flight_or_vessel,
    )
    entry.read_errors = r.errors
    return entry
