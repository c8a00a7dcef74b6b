"""The dimensions figures are broken down by, their categories in order, and their labels."""

from django.utils.translation import gettext_lazy as _

from htms.cases.models import ADULT_AGE
from htms.persons.models import Sex
from htms.reference.models import Country, CrimeType, Province, Term, Vocabulary
from htms.statistics import case_facts
from htms.statistics.case_facts import CASE_FACT_LABELS

UNKNOWN = case_facts.UNKNOWN


class Dimension:
    PROVINCE = "province"
    SEX = "sex"
    AGE_GROUP = "age_group"
    AGE_BAND = "age_band"
    NATIONALITY = "nationality"
    CRIME_TYPE = "crime_type"
    EXPLOITATION = "exploitation"
    OFFENCE_DISTRICT = case_facts.OFFENCE_DISTRICT
    ORIGIN_DISTRICT = case_facts.ORIGIN_DISTRICT
    ICCS = case_facts.ICCS
    REACH = case_facts.REACH
    DESTINATION = case_facts.DESTINATION
    ROUTE = case_facts.ROUTE

    choices = (
        (PROVINCE, _("Province of the registering unit")),
        (SEX, _("Sex")),
        (AGE_GROUP, _("Child or adult")),
        (AGE_BAND, _("Age band (CTDC)")),
        (NATIONALITY, _("Nationality")),
        (CRIME_TYPE, _("Crime type")),
        (EXPLOITATION, _("Form of exploitation")),
        (OFFENCE_DISTRICT, _("District of the offence")),
        (ORIGIN_DISTRICT, _("District of origin of the person")),
        (ICCS, _("ICCS code")),
        (REACH, _("Domestic or transnational")),
        (DESTINATION, _("Country of destination")),
        (ROUTE, _("Route (country of origin → country of destination)")),
    )
    values = tuple(code for code, _label in choices)


# The dimensions of the person and the case's crime, protected together; the others are
# protected in ``case_facts.FACT_GROUPS``.
CORE = tuple(d for d in Dimension.values if not any(d in g for g in case_facts.FACT_GROUPS))

# Dimensions in which one person may fall in several categories: their rows do not add up.
MULTI_VALUED = frozenset({Dimension.CRIME_TYPE, Dimension.EXPLOITATION, Dimension.ICCS})

CHILD, ADULT = "child", "adult"
# CTDC's ageBroad bands: (label, lowest age, highest age).
CTDC_BANDS = (
    ("0-8", 0, 8),
    ("9-17", 9, 17),
    ("18-20", 18, 20),
    ("21-23", 21, 23),
    ("24-26", 24, 26),
    ("27-29", 27, 29),
    ("30-38", 30, 38),
    ("39-47", 39, 47),
    ("48+", 48, 999),
)
# A ledger says whether a victim was a child, not their age: each group has a band of its
# own for people whose age is not known, so that a group stays the sum of its bands.
CHILD_AGE_UNKNOWN, ADULT_AGE_UNKNOWN = "child_age_unknown", "adult_age_unknown"
CHILD_BANDS = (
    *(label for label, _low, high in CTDC_BANDS if high < ADULT_AGE),
    CHILD_AGE_UNKNOWN,
)


def age_group(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    return CHILD if age < ADULT_AGE else ADULT


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    for label, low, high in CTDC_BANDS:
        if low <= age <= high:
            return label
    return UNKNOWN


def _ordered(codes: set[str], order: list[str]) -> list[str]:
    known = [code for code in order if code in codes]
    others = sorted(codes - set(order) - {UNKNOWN})
    return known + others + ([UNKNOWN] if UNKNOWN in codes else [])


def dimension_rows(dimension: str, codes: set[str]) -> list[tuple[str, str]]:
    """The categories found, in the dimension's order, with their labels; "Unknown" last."""
    labels = _labels(dimension, codes)
    order = list(labels)
    return [(code, labels.get(code, code) or str(_("Unknown"))) for code in _ordered(codes, order)]


def _labels(dimension: str, codes: set[str]) -> dict[str, str]:
    if dimension in CASE_FACT_LABELS:
        return CASE_FACT_LABELS[dimension](codes)
    if dimension == Dimension.PROVINCE:
        return {p.code: str(p) for p in Province.objects.filter(code__in=codes)}
    if dimension == Dimension.NATIONALITY:
        return {c.code: str(c) for c in Country.objects.filter(code__in=codes)}
    if dimension == Dimension.EXPLOITATION:
        terms = Term.objects.filter(vocabulary=Vocabulary.EXPLOITATION_TYPE, code__in=codes)
        return {t.code: str(t) for t in terms}
    if dimension == Dimension.SEX:
        return {code: str(label) for code, label in Sex.choices}
    if dimension == Dimension.CRIME_TYPE:
        return {code: str(label) for code, label in CrimeType.choices}
    if dimension == Dimension.AGE_GROUP:
        return {CHILD: str(_("Child (under 18)")), ADULT: str(_("Adult (18 or over)"))}
    return {
        **{label: label for label, _low, _high in CTDC_BANDS},
        CHILD_AGE_UNKNOWN: str(_("Child, age not known")),
        ADULT_AGE_UNKNOWN: str(_("Adult, age not known")),
    }
