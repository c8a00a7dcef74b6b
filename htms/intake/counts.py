"""Counts of border intake: deportees and offloadees by month, exit or arrival point, deporting
country, district of origin, sex and age band, and the possible victims identified.

Counting unit: the border event. A person deported twice is counted twice (once per event);
"possible victims" counts events whose screening classified the person as a possible victim of
trafficking. Age is the lowest age the date of birth's precision allows on the day of the event.
District of origin is the district of the person's first address with one. Scope: the events
the user may see (``htms/intake/access.py``); national readers get the national figure.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.intake.access import border_event_queryset_for_user
from htms.intake.models import BorderEventKind, Classification
from htms.persons.models import Person, PersonAddress, Sex
from htms.reference.models import in_active_language

DIMENSIONS = {
    "month": _("Month"),
    "post": _("Exit or arrival point"),
    "deporting_country": _("Deporting country"),
    "district": _("District of origin"),
    "sex": _("Sex"),
    "age_band": _("Age band"),
}
# (lowest age, label); a person falls in the last band whose lowest age they reached.
AGE_BANDS = ((0, "0–11"), (12, "12–17"), (18, "18–24"), (25, "25–34"), (35, "35–49"), (50, "50+"))
UNKNOWN = "—"


@dataclass
class CountFilters:
    kind: str = ""
    post_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class CountRow:
    key: str
    deported: int = 0
    offloaded: int = 0
    possible_victims: int = 0
    minors: int = 0

    @property
    def total(self) -> int:
        return self.deported + self.offloaded


@dataclass
class Counts:
    dimension: str
    rows: list[CountRow] = field(default_factory=list)
    total: CountRow = field(default_factory=lambda: CountRow(str(_("Total"))))


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    label = AGE_BANDS[0][1]
    for lowest, band in AGE_BANDS:
        if age >= lowest:
            label = band
    return label


def _facts(user: User, f: CountFilters) -> Iterator[tuple[object, ...]]:
    events = border_event_queryset_for_user(user)
    if f.kind:
        events = events.filter(kind=f.kind)
    if f.post_id:
        events = events.filter(post_id=f.post_id)
    if f.date_from:
        events = events.filter(occurred_on__gte=f.date_from)
    if f.date_to:
        events = events.filter(occurred_on__lte=f.date_to)
    return (
        events.annotate(origin=_origin_district("name"), origin_ur=_origin_district("name_ur"))
        .values_list(
            "kind",
            "occurred_on",
            "post__name",
            "deporting_country__name",
            "origin",
            "person__sex",
            "person__birth_date",
            "person__birth_date_precision",
            "screening__classification",
            "post__name_ur",
            "deporting_country__name_ur",
            "origin_ur",
        )
        .order_by()
        .iterator(chunk_size=2000)
    )


def _origin_district(column: str) -> Subquery:
    return Subquery(
        PersonAddress.objects.filter(person=OuterRef("person"), district__isnull=False)
        .order_by("id")
        .values(f"district__{column}")[:1]
    )


def _named(fact: tuple[object, ...], english: int, urdu: int) -> str:
    """The place name of a fact in the active language; UNKNOWN without a place."""
    name = str(fact[english] or "")
    return in_active_language(name, str(fact[urdu] or "")) or UNKNOWN


def _key(dimension: str, fact: tuple[object, ...], age: int | None) -> str:
    on, sex = fact[1], fact[5]
    assert isinstance(on, date)
    keys = {
        "month": on.strftime("%Y-%m"),
        "post": _named(fact, 2, 9),
        "deporting_country": _named(fact, 3, 10),
        "district": _named(fact, 4, 11),
        "sex": str(Sex(sex).label) if sex in Sex.values else UNKNOWN,
        "age_band": age_band(age),
    }
    return keys[dimension]


def _age(fact: tuple[object, ...]) -> int | None:
    on, born, precision = fact[1], fact[6], fact[7]
    if not isinstance(born, date) or not isinstance(on, date):
        return None
    return Person(birth_date=born, birth_date_precision=str(precision)).youngest_age_on(on)


def border_counts(*, user: User, dimension: str, filters: CountFilters | None = None) -> Counts:
    """Counts by one dimension, with a total row; dimensions are the keys of DIMENSIONS."""
    if dimension not in DIMENSIONS:
        dimension = "month"
    counts = Counts(dimension)
    rows: dict[str, CountRow] = {}
    for fact in _facts(user, filters or CountFilters()):
        age = _age(fact)
        key = _key(dimension, fact, age)
        for row in (rows.setdefault(key, CountRow(key)), counts.total):
            if fact[0] == BorderEventKind.DEPORTED:
                row.deported += 1
            else:
                row.offloaded += 1
            row.possible_victims += fact[8] == Classification.POSSIBLE_VICTIM
            row.minors += age is not None and age < 18
    counts.rows = sorted(rows.values(), key=_sort_key(dimension))
    return counts


def _sort_key(dimension: str) -> Callable[[CountRow], tuple[int, str]]:
    """Age bands in age order; anything else alphabetically; the unknown last."""
    bands = [band for _lowest, band in AGE_BANDS]

    def key(row: CountRow) -> tuple[int, str]:
        if row.key == UNKNOWN:
            return (len(bands) + 1, "")
        if dimension == "age_band":
            return (bands.index(row.key), "")
        return (0, row.key)

    return key
