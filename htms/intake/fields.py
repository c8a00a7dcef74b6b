"""The fields a manifest column can fill, the headings they go by, and the column mapping.

A source's mapping (field key -> column heading) is suggested from the headings of its first
file, confirmed by the officer once, and reused; a later file whose headings were renamed gets
a fresh suggestion for the missing ones and a plain message for each.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz

from htms.intake.models import BorderEventKind

FUZZY_HEADING_SCORE = 88


@dataclass(frozen=True)
class Field:
    key: str
    label: Promise
    synonyms: tuple[str, ...]


def _f(key: str, label: Promise, *synonyms: str) -> Field:
    return Field(key, label, tuple(normal_heading(s) for s in synonyms))


def normal_heading(heading: str) -> str:
    """Case, punctuation and spacing removed: "Passport No." and "passport no" are one."""
    return " ".join(re.sub(r"[^\w\s]", " ", heading.casefold()).split())


FIELDS: tuple[Field, ...] = (
    _f("full_name", gettext_lazy("Name"), "name", "full name", "name of deportee",
       "deportee name", "deportee's name", "passenger name", "name of person", "person name",
       "name of offloadee", "نام", "مکمل نام", "اسم"),
    _f("full_name_ur", gettext_lazy("Name in Urdu"), "name in urdu", "urdu name", "name urdu"),
    _f("father_name", gettext_lazy("Father's or husband's name"), "father name",
       "father's name", "fathers name", "f name", "fname", "s o", "father husband name",
       "husband name", "parentage", "guardian name", "ولدیت", "والد کا نام", "نام والد"),
    _f("sex", gettext_lazy("Sex"), "sex", "gender", "m f", "جنس"),
    _f("birth_date", gettext_lazy("Date of birth"), "dob", "d o b", "date of birth",
       "birth date", "birthdate", "تاریخ پیدائش"),
    _f("age", gettext_lazy("Age in years"), "age", "age years", "عمر"),
    _f("nationality", gettext_lazy("Nationality"), "nationality", "citizenship", "nat",
       "قومیت", "شہریت"),
    _f("cnic", gettext_lazy("CNIC"), "cnic", "cnic no", "cnic number", "nic", "nic no",
       "nicop", "id card no", "national id", "id no", "شناختی کارڈ", "شناختی کارڈ نمبر"),
    _f("passport", gettext_lazy("Passport number"), "passport", "passport no",
       "passport number", "pp no", "ppt no", "passport #", "پاسپورٹ", "پاسپورٹ نمبر"),
    _f("phone", gettext_lazy("Phone"), "phone", "mobile", "contact", "cell", "phone no",
       "mobile no", "contact no", "فون", "موبائل", "فون نمبر"),
    _f("district", gettext_lazy("Home district"), "district", "home district",
       "district of origin", "domicile", "ضلع"),
    _f("address", gettext_lazy("Address"), "address", "home address", "permanent address",
       "پتہ"),
    _f("occurred_on", gettext_lazy("Date of arrival or offloading"), "date",
       "deportation date", "date of deportation", "arrival date", "date of arrival",
       "offloading date", "date of offloading", "date of return", "تاریخ"),
    _f("deporting_country", gettext_lazy("Deporting country"), "deporting country",
       "deported from", "country", "from country", "returned from"),
    _f("destination", gettext_lazy("Intended destination"), "destination",
       "intended destination", "going to", "travelling to"),
    _f("return_reason", gettext_lazy("Reason for return"), "reason", "reason of deportation",
       "deportation reason", "reason for deportation", "offence", "charge", "وجہ"),
    _f("fraud_kind", gettext_lazy("Kind of fraud"), "fraud", "kind of fraud", "fraud type",
       "reason of offloading", "offloading reason"),
    _f("escorted", gettext_lazy("Escorted"), "escorted", "escort"),
    _f("flight_or_vessel", gettext_lazy("Flight or vessel"), "flight", "flight no",
       "flight number", "vessel", "ship", "boat"),
    _f("travel_document", gettext_lazy("Travel document presented"), "travel document",
       "document presented"),
)  # fmt: skip
FIELD_KEYS = tuple(f.key for f in FIELDS)
FIELD_LABELS = {f.key: f.label for f in FIELDS}
_BY_SYNONYM = {s: f.key for f in FIELDS for s in f.synonyms}

NAME_UNMAPPED = gettext_lazy("Choose the column that holds the person's name.")
DATE_UNMAPPED = gettext_lazy(
    "Choose the column that holds the date, or give the date of arrival for the whole list."
)
COUNTRY_UNMAPPED = gettext_lazy(
    "Choose the column that holds the deporting country, or give it for the whole source."
)


def heading_field(heading: str) -> str:
    """The field a heading names exactly, or ""."""
    return _BY_SYNONYM.get(normal_heading(heading), "")


def suggest_mapping(
    headers: list[str],
    previous: dict[str, str] | None = None,
    fields: tuple[Field, ...] = FIELDS,
) -> dict[str, str]:
    """field key -> heading: the previous mapping where its headings still exist, then exact
    synonyms, then headings close enough to a synonym (renamed columns). ``fields``: the
    manifest's by default; other lists read the same way (call-detail records, historical
    ledgers) give theirs."""
    keys = {f.key for f in fields}
    by_synonym = _BY_SYNONYM if fields is FIELDS else {s: f.key for f in fields for s in f.synonyms}
    mapping = {k: h for k, h in (previous or {}).items() if k in keys and h in headers}
    used = set(mapping.values())
    for heading in headers:
        key = by_synonym.get(normal_heading(heading), "")
        if key and key not in mapping and heading not in used:
            mapping[key] = heading
            used.add(heading)
    for f in fields:
        if f.key in mapping:
            continue
        best, score = "", 0.0
        for heading in headers:
            if heading in used:
                continue
            s = max(fuzz.token_set_ratio(normal_heading(heading), syn) for syn in f.synonyms)
            if s > score:
                best, score = heading, s
        if best and score >= FUZZY_HEADING_SCORE:
            mapping[f.key] = best
            used.add(best)
    return mapping


def mapping_problems(
    mapping: dict[str, str],
    headers: list[str],
    *,
    kind: str,
    has_date: bool,
    has_country: bool,
) -> dict[str, str]:
    """field key -> what the officer must fix before the rows can be imported."""
    problems: dict[str, str] = {}
    for key, heading in mapping.items():
        if heading and heading not in headers:
            problems[key] = _(
                "The column “%(heading)s” chosen for “%(field)s” is not in this file. Choose "
                "the column that now holds it."
            ) % {"heading": heading, "field": FIELD_LABELS.get(key, key)}
    if not mapping.get("full_name") and not mapping.get("full_name_ur"):
        problems.setdefault("full_name", str(NAME_UNMAPPED))
    if not mapping.get("occurred_on") and not has_date:
        problems.setdefault("occurred_on", str(DATE_UNMAPPED))
    if (
        kind == BorderEventKind.DEPORTED
        and not mapping.get("deporting_country")
        and not has_country
    ):
        problems.setdefault("deporting_country", str(COUNTRY_UNMAPPED))
    return problems
