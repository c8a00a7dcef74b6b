"""Facts of a case and of its people that figures are broken down by, besides those recorded
on the person: where the offence took place, which district the person comes from, the ICCS
codes charged, whether the route crossed a border and where it led (``docs/statistics.md``).

Each fact is read in one query for all the cases counted, never one query per case.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from htms.cases.models import Offence, RouteEvent, RouteEventKind
from htms.persons.models import PersonAddress
from htms.reference.models import Country, District

UNKNOWN = ""
OFFENCE_DISTRICT = "offence_district"
ORIGIN_DISTRICT = "origin_district"
ICCS = "iccs"
REACH = "reach"
DESTINATION = "destination"
ROUTE = "route"

# Dimensions protected together (a destination is the sum of the routes that lead there);
# each group apart from the others, sharing only the total row with the person dimensions.
FACT_GROUPS = ((OFFENCE_DISTRICT,), (ORIGIN_DISTRICT,), (ICCS,), (REACH,), (DESTINATION, ROUTE))

HOME_COUNTRY = "PK"
DOMESTIC, TRANSNATIONAL = "domestic", "transnational"
# Joins the countries of origin and destination in a route's code ("PK>AE").
ROUTE_JOIN = ">"
# The sections of the ICCS (UNODC, version 1.0) that Pakistan's statutes are mapped to.
ICCS_NAMES = {
    "0204": _("Trafficking in persons"),
    "02041": _("Trafficking in persons for sexual exploitation"),
    "02042": _("Trafficking in persons for forced labour or services"),
    "02043": _("Trafficking in persons for organ removal"),
    "02044": _("Trafficking in persons for other purposes"),
    "08051": _("Smuggling of migrants"),
}


@dataclass(frozen=True)
class Leg:
    kind: str
    country: str
    district: str


@dataclass
class CaseFacts:
    """The facts of the counted cases (by case id) and the districts of origin (by person)."""

    cases: dict[int, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    origins: dict[int, str] = field(default_factory=dict)

    def of(self, *, case_id: int, person_id: int) -> dict[str, tuple[str, ...]]:
        found = dict(self.cases.get(case_id) or _route_facts([]))
        found[ICCS] = found.get(ICCS) or (UNKNOWN,)
        found[ORIGIN_DISTRICT] = (self.origins.get(person_id, UNKNOWN),)
        return found


def _routes(case_ids: list[int] | None) -> dict[int, list[Leg]]:
    events = RouteEvent.objects.all()
    if case_ids is not None:
        events = events.filter(case_id__in=case_ids)
    rows = events.order_by("case_id", "sequence", "date", "id").values_list(
        "case_id", "kind", "country__code", "district__code"
    )
    found: dict[int, list[Leg]] = {}
    for case_id, kind, country, district in rows:
        found.setdefault(case_id, []).append(Leg(kind, country, district or UNKNOWN))
    return found


def _first(legs: list[Leg], kind: str) -> Leg | None:
    return next((leg for leg in legs if leg.kind == kind), None)


def _offence_district(legs: list[Leg]) -> str:
    exploited = [leg for leg in legs if leg.kind == RouteEventKind.EXPLOITATION and leg.district]
    placed = exploited or [leg for leg in legs if leg.district]
    return placed[0].district if placed else UNKNOWN


def _route_facts(legs: list[Leg]) -> dict[str, tuple[str, ...]]:
    if not legs:
        return {
            OFFENCE_DISTRICT: (UNKNOWN,),
            REACH: (UNKNOWN,),
            DESTINATION: (UNKNOWN,),
            ROUTE: (UNKNOWN,),
        }
    start = _first(legs, RouteEventKind.RECRUITMENT) or legs[0]
    end = _first(legs, RouteEventKind.EXPLOITATION) or legs[-1]
    crossed = any(leg.country != HOME_COUNTRY for leg in legs)
    return {
        OFFENCE_DISTRICT: (_offence_district(legs),),
        REACH: (TRANSNATIONAL if crossed else DOMESTIC,),
        DESTINATION: (end.country,),
        ROUTE: (f"{start.country}{ROUTE_JOIN}{end.country}",),
    }


def _offence_facts(
    case_ids: list[int] | None,
) -> tuple[dict[int, set[str]], dict[int, str]]:
    """The ICCS codes of each case's offences, and the district of its first offence placed
    in one (what a ledger gives of the place, with no route)."""
    offences = Offence.objects.all()
    if case_ids is not None:
        offences = offences.filter(case_id__in=case_ids)
    rows = offences.values_list("case_id", "statute__iccs_code", "district__code")
    codes: dict[int, set[str]] = {}
    districts: dict[int, str] = {}
    for case_id, code, district in rows.order_by("case_id", "id"):
        if code:
            codes.setdefault(case_id, set()).add(code)
        if district:
            districts.setdefault(case_id, district)
    return codes, districts


def _origin_districts(person_ids: list[int] | None) -> dict[int, str]:
    """The district of each person's first address in Pakistan that names one."""
    addresses = PersonAddress.objects.filter(district__isnull=False)
    if person_ids is not None:
        addresses = addresses.filter(person_id__in=person_ids)
    rows = addresses.order_by("person_id", "-id").values_list("person_id", "district__code")
    return dict(rows)


def case_facts_of(rows: Iterable[dict[str, Any]]) -> CaseFacts:
    """The facts of the cases and persons of ``rows`` (dicts with ``case_id``, ``person_id``)."""
    listed = list(rows)
    case_ids = sorted({int(row["case_id"]) for row in listed})
    person_ids = sorted({int(row["person_id"]) for row in listed})
    return _facts(case_ids, person_ids)


def case_facts_all() -> CaseFacts:
    """The facts of every case and person, read once for all the counting units (a refresh of
    the table of people counted)."""
    return _facts(None, None)


def _facts(case_ids: list[int] | None, person_ids: list[int] | None) -> CaseFacts:
    iccs, placed = _offence_facts(case_ids)
    facts = CaseFacts(origins=_origin_districts(person_ids))
    for case_id, legs in _routes(case_ids).items():
        facts.cases[case_id] = _route_facts(legs)
    for case_id, codes in iccs.items():
        facts.cases.setdefault(case_id, _route_facts([]))[ICCS] = tuple(sorted(codes))
    for case_id, district in placed.items():
        found = facts.cases.setdefault(case_id, _route_facts([]))
        if found[OFFENCE_DISTRICT] == (UNKNOWN,):
            found[OFFENCE_DISTRICT] = (district,)
    return facts


def _district_labels(codes: set[str]) -> dict[str, str]:
    return {d.code: str(d) for d in District.objects.filter(code__in=codes)}


def _country_labels(codes: set[str]) -> dict[str, str]:
    return {c.code: str(c) for c in Country.objects.filter(code__in=codes)}


def _route_labels(codes: set[str]) -> dict[str, str]:
    pairs = {code: code.split(ROUTE_JOIN) for code in codes if ROUTE_JOIN in code}
    names = _country_labels({country for pair in pairs.values() for country in pair})
    return {
        code: " → ".join(names.get(country, country) for country in pair)
        for code, pair in sorted(pairs.items())
    }


def _iccs_labels(codes: set[str]) -> dict[str, str]:
    return {
        code: f"{code} {ICCS_NAMES[code]}" if code in ICCS_NAMES else code
        for code in sorted(codes - {UNKNOWN})
    }


def _reach_labels(codes: set[str]) -> dict[str, str]:
    return {DOMESTIC: str(_("Domestic")), TRANSNATIONAL: str(_("Transnational"))}


# The labels of each category of these dimensions, in order.
CASE_FACT_LABELS: dict[str, Callable[[set[str]], dict[str, str]]] = {
    OFFENCE_DISTRICT: _district_labels,
    ORIGIN_DISTRICT: _district_labels,
    ICCS: _iccs_labels,
    REACH: _reach_labels,
    DESTINATION: _country_labels,
    ROUTE: _route_labels,
}
