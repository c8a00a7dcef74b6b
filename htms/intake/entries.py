"""One border event to record, from a form or from a manifest row, and its validation.

Errors are keyed by the same field keys as the manifest columns (``htms/intake/fields.py``), so
a correction form shows each message next to the value it is about.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.intake.models import BorderEventKind, FraudKind, ReturnReason
from htms.persons.inputs import PersonInput, ReferenceLookups, person_input_clean
from htms.persons.models import DocumentKind
from htms.reference.models import Country

NO_DATE = _("Give the date of arrival or offloading.")
FUTURE_DATE = _("This date is in the future.")
TOO_OLD = _("This date is before 1990; check the year.")
NO_KIND = _("Say whether the person was offloaded or deported.")
NO_DEPORTING_COUNTRY = _("Say which country deported or returned the person.")
UNKNOWN_COUNTRY = _("“%s” is not a country that can be recognised. Write its name, like Oman.")
NO_FRAUD_KIND = _(
    "Say what the fraud was: forged or altered passport, fake visa, impostor, genuine visa for a "
    "false purpose, or other."
)
BAD_REASON = _(
    "Choose illegal entry, overstay, asylum refused, labour violation, criminal, or other."
)
FORMULA_IN_CELL = _(
    "This cell holds a spreadsheet formula (%s), not a value. Type the value itself."
)
EXCEL_NUMBER = _(
    "The spreadsheet turned this number into “%s” and its last digits are lost. Format the "
    "column as text in Excel and type the number again."
)
EARLIEST = date(1990, 1, 1)


@dataclass
class EntryInput:
    """A border event to record and the person it is about."""

    person: PersonInput
    kind: str
    occurred_on: date | None
    destination_code: str = ""
    travel_document: str = ""
    fraud_kind: str = ""
    deporting_country_code: str = ""
    return_reason: str = ""
    escorted: bool | None = None
    flight_or_vessel: str = ""
    # Errors found while reading the values (dates, formulas); merged into the check.
    read_errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def cnic(self) -> str:
        return next((d.number for d in self.person.documents if d.kind == DocumentKind.CNIC), "")

    @property
    def passport(self) -> str:
        return next(
            (d.number for d in self.person.documents if d.kind == DocumentKind.PASSPORT), ""
        )

    @property
    def claims_pakistani(self) -> bool:
        """A deportee returned to Pakistan is taken as claiming to be Pakistani unless the list
        names another nationality."""
        code = self.person.nationality_code.upper()
        return code == "PK" or (not code and self.kind == BorderEventKind.DEPORTED)


def country_id(code: str) -> int | None:
    """The id of the country with this ISO code, or None. Countries are reference data that is
    only ever added to, so ids are kept for the life of the process once looked up."""
    code = code.upper()
    if code not in _COUNTRY_IDS:
        found = Country.objects.filter(code=code).values_list("pk", flat=True).first()
        if found is None:
            return None
        _COUNTRY_IDS[code] = found
    return _COUNTRY_IDS[code]


_COUNTRY_IDS: dict[str, int] = {}


def country_ids_forget() -> None:
    """Empties the cache of country ids: for tests that empty the database and load the
    reference data again, under new ids."""
    _COUNTRY_IDS.clear()


def _country_ok(code: str) -> bool:
    return country_id(code) is not None


def _check_event(entry: EntryInput, errors: dict[str, list[str]]) -> None:
    if entry.kind not in BorderEventKind.values:
        errors.setdefault("kind", []).append(str(NO_KIND))
    if entry.occurred_on is None:
        errors.setdefault("occurred_on", []).append(str(NO_DATE))
    elif entry.occurred_on > timezone.localdate():
        errors.setdefault("occurred_on", []).append(str(FUTURE_DATE))
    elif entry.occurred_on < EARLIEST:
        errors.setdefault("occurred_on", []).append(str(TOO_OLD))
    if entry.destination_code and not _country_ok(entry.destination_code):
        errors.setdefault("destination", []).append(str(UNKNOWN_COUNTRY % entry.destination_code))
    if entry.kind == BorderEventKind.DEPORTED:
        if not entry.deporting_country_code:
            errors.setdefault("deporting_country", []).append(str(NO_DEPORTING_COUNTRY))
        elif not _country_ok(entry.deporting_country_code):
            errors.setdefault("deporting_country", []).append(
                str(UNKNOWN_COUNTRY % entry.deporting_country_code)
            )
        if entry.return_reason and entry.return_reason not in ReturnReason.values:
            errors.setdefault("return_reason", []).append(str(BAD_REASON))
    if entry.kind == BorderEventKind.OFFLOADED and entry.fraud_kind not in FraudKind.values:
        errors.setdefault("fraud_kind", []).append(str(NO_FRAUD_KIND))


def _person_key(key: str, entry: EntryInput) -> str:
    """The entry field a person-validation error is about."""
    if key.startswith("documents["):
        index = int(key[len("documents[") : key.index("]")])
        kind = entry.person.documents[index].kind if index < len(entry.person.documents) else ""
        return "cnic" if kind == DocumentKind.CNIC else "passport"
    if key.startswith("phones["):
        return "phone"
    return {
        "birth_date_precision": "birth_date",
        "full_name_ur": "full_name",
        "father_name_ur": "father_name",
    }.get(key, key)


def person_errors(exc: ValidationError, entry: EntryInput) -> dict[str, list[str]]:
    """A person-validation error keyed by the entry's fields (``documents[0]`` -> ``cnic``)."""
    errors: dict[str, list[str]] = {}
    for key, messages in exc.message_dict.items():
        target = _person_key(key, entry)
        if target not in entry.read_errors:
            errors.setdefault(target, []).extend(messages)
    return errors


def entry_errors(
    entry: EntryInput, *, check_person: bool = True, references: ReferenceLookups | None = None
) -> dict[str, list[str]]:
    """Every problem with the entry, keyed by field; empty when it can be recorded.

    ``check_person=False`` leaves the person's own fields to ``person_create``, which checks
    them again anyway (see ``person_errors``). ``references``: the countries and districts a
    batch has loaded already."""
    errors: dict[str, list[str]] = {k: list(v) for k, v in entry.read_errors.items()}
    _check_event(entry, errors)
    if check_person:
        try:
            person_input_clean(entry.person, references)
        except ValidationError as exc:
            for key, messages in person_errors(exc, entry).items():
                errors.setdefault(key, []).extend(messages)
    if (
        entry.person.birth_date
        and entry.occurred_on
        and entry.person.birth_date > entry.occurred_on
    ):
        errors.setdefault("birth_date", []).append(
            str(_("The date of birth is after the date of the border event."))
        )
    return errors


def entry_check(entry: EntryInput) -> None:
    """Raises one ValidationError naming every bad field."""
    errors = entry_errors(entry)
    if errors:
        raise ValidationError(errors)
