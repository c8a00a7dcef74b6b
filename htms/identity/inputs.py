"""The search-before-create query: its fields, and their validation in an officer's words.

Pages and the API read the query string with ``candidate_query_from_params``; code that builds a
``CandidateQuery`` itself gets the same checks from ``candidate_query_prepare``. Both raise one
``ValidationError`` naming every bad field.
"""

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.identity.keys import cnic_mask_value
from htms.identity.normalize import (
    age_birth_years,
    birth_year_range,
    cnic_digits,
    cnic_partial,
    parse_partial_date,
    passport_key,
    phone_key,
)
from htms.identity.scoring import PreparedQuery, prepared_name
from htms.persons.models import DatePrecision, Sex
from htms.reference.models import District

MAX_TEXT = 200
CODE_RE = re.compile(r"[A-Za-z0-9_.-]{1,16}")
MAX_AGE = 120
PARAMS = (
    "name",
    "father_name",
    "birth_date",
    "age",
    "cnic",
    "passport",
    "phone",
    "district",
    "sex",
)

NO_CRITERIA = (
    "Give at least a name, a father's name, a CNIC, a passport number or a phone number to search."
)
BAD_CNIC = (
    "Write the CNIC as 13 digits, like 35202-1234567-1, or the digits you know with X for the "
    "others, like 35202-XXXX567-1 (at least five digits)."
)
CNIC_MASK_SPREAD = (
    "Give more of the CNIC's digits: the unknown ones must all lie in one of its three parts "
    "(the first five digits, the next four, or the last four)."
)
BAD_PHONE = "This is not a phone number. Write it like 0300 1234567 or +92 300 1234567."
BAD_PASSPORT = "A passport number has 5 to 20 letters and digits."
BAD_DATE = "Write the date of birth as a year (1984), a month (1984-03) or a day (1984-03-12)."
BAD_AGE = "The age is a whole number of years from 0 to 120."
AGE_AND_DATE = "Give the date of birth or the age, not both."
BAD_DISTRICT = "No district has this code."
BAD_SEX = "Sex is M, F, X or U."
TOO_LONG = "At most 200 characters."


@dataclass(frozen=True)
class CandidateQuery:
    """Any subset of what an officer knows of the person about to be recorded."""

    name: str = ""
    father_name: str = ""
    birth_date: date | str | None = None  # or as typed, "1984" or "1984-03"
    birth_date_precision: str = ""  # "year", "month" or "day"; "day" when left out
    age: int | None = None
    cnic: str = ""  # full, or partial such as 35202-XXXXXXX-1
    passport: str = ""
    phone: str = ""
    district_code: str = ""
    sex: str = ""

    def fields_used(self) -> dict[str, Any]:
        """The fields given, for the audit row."""
        return {k: v for k, v in asdict(self).items() if v not in ("", None)}


def candidate_query_from_params(params: Mapping[str, str]) -> CandidateQuery:
    """A query from a query string; dates are read with their precision."""
    get = {key: str(params.get(key, "") or "").replace("\x00", "").strip() for key in PARAMS}
    errors: dict[str, list[str]] = {}
    born, precision = None, ""
    if get["birth_date"]:
        parsed = parse_partial_date(get["birth_date"])
        if parsed is None:
            errors["birth_date"] = [_(BAD_DATE)]
        else:
            born, precision = parsed
    age = None
    if get["age"]:
        age = int(get["age"]) if get["age"].isascii() and get["age"].isdigit() else -1
    query = CandidateQuery(
        name=get["name"],
        father_name=get["father_name"],
        birth_date=born,
        birth_date_precision=precision,
        age=age,
        cnic=get["cnic"],
        passport=get["passport"],
        phone=get["phone"],
        district_code=get["district"],
        sex=get["sex"].upper(),
    )
    try:
        prepared = candidate_query_prepare(query)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault("district" if key == "district_code" else key, []).extend(messages)
    else:
        if not errors and not has_criteria(prepared):
            errors[NON_FIELD_ERRORS] = [_(NO_CRITERIA)]
    if errors:
        raise ValidationError(errors)
    return query


def candidate_query_prepare(query: CandidateQuery) -> PreparedQuery:
    """The query in normal form, or a ValidationError naming every bad field."""
    errors: dict[str, list[str]] = {}
    born, precision = _birth_date(query, errors)
    for key in ("name", "father_name"):
        if len(getattr(query, key)) > MAX_TEXT:
            errors[key] = [_(TOO_LONG)]
    cnic, mask = "", ""
    if query.cnic:
        cnic = cnic_digits(query.cnic) or ""
        mask = "" if cnic else cnic_partial(query.cnic) or ""
        if not cnic and not mask:
            errors["cnic"] = [_(BAD_CNIC)]
        elif mask and cnic_mask_value(mask) is None:
            errors["cnic"] = [_(CNIC_MASK_SPREAD)]
    passport = passport_key(query.passport) or "" if query.passport else ""
    if query.passport and not passport:
        errors["passport"] = [_(BAD_PASSPORT)]
    phone = phone_key(query.phone) or "" if query.phone else ""
    if query.phone and not phone:
        errors["phone"] = [_(BAD_PHONE)]
    years = _birth_years(query.age, born, precision, errors)
    _check_choices(query, errors)
    names = _names(query.name)
    fathers = _names(query.father_name)
    if errors:
        raise ValidationError(errors)
    return PreparedQuery(
        names=names,
        father_names=fathers,
        birth_years=years,
        birth_date=born,
        birth_date_exact=born is not None and (precision or DatePrecision.DAY) == DatePrecision.DAY,
        cnic=cnic,
        cnic_mask=mask,
        passport=passport,
        phone=phone,
        district_code=query.district_code,
        sex=query.sex,
    )


def has_criteria(prepared: PreparedQuery) -> bool:
    """Whether there is anything to look up: a birth date or district alone is not enough."""
    p = prepared
    return bool(p.names or p.father_names or p.cnic or p.cnic_mask or p.passport or p.phone)


def _birth_date(query: CandidateQuery, errors: dict[str, list[str]]) -> tuple[date | None, str]:
    """A date of birth may also be handed over as typed ("1984", "1984-03")."""
    if not isinstance(query.birth_date, str):
        return query.birth_date, query.birth_date_precision
    parsed = parse_partial_date(query.birth_date) if query.birth_date else None
    if query.birth_date and parsed is None:
        errors["birth_date"] = [_(BAD_DATE)]
    return parsed or (None, "")


def _names(text: str) -> tuple[tuple[Any, ...], ...]:
    tokens = prepared_name(text[:MAX_TEXT]) if text else ()
    return (tokens,) if tokens else ()


def _birth_years(
    age: int | None, born: date | None, precision: str, errors: dict[str, list[str]]
) -> tuple[int, int] | None:
    if age is not None and born is not None:
        errors["age"] = [_(AGE_AND_DATE)]
        return None
    if age is not None:
        if not 0 <= age <= MAX_AGE:
            errors["age"] = [_(BAD_AGE)]
            return None
        return age_birth_years(age, timezone.localdate())
    if precision not in ("", *DatePrecision.values):
        errors["birth_date"] = [_(BAD_DATE)]
    return birth_year_range(born, precision)


def _check_choices(query: CandidateQuery, errors: dict[str, list[str]]) -> None:
    if query.sex and query.sex not in Sex.values:
        errors["sex"] = [_(BAD_SEX)]
    code = query.district_code
    if code and not (CODE_RE.fullmatch(code) and District.objects.filter(code=code).exists()):
        errors["district_code"] = [_(BAD_DISTRICT)]
