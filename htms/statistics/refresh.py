"""The table of people counted (``CountedPerson``): rebuilt whole from the cases, and rebuilt
before a figure is read when older than ``HTMS_STATISTICS_MAX_AGE`` seconds
(``docs/statistics.md``, "How figures are computed").

A refresh counts every case, whoever asks: the figures scope the rows to the cases the user
may see when they read them.
"""

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from htms.cases.models import Case, CaseParty, PartyRole
from htms.statistics.case_facts import CaseFacts, case_facts_all
from htms.statistics.dimensions import MULTI_VALUED, Dimension
from htms.statistics.figures import (
    CountingUnit,
    YearBasis,
    exploitation_of,
    ledger_groups,
    ledger_judged,
    named_rows,
    offence_day,
    person_categories,
    registration_day,
)
from htms.statistics.grouping import dated, grouped_sums
from htms.statistics.models import CountedCell, CountedPerson, StatisticsRefresh

BATCH = 5000

# The day column of the table each year basis counts by.
DAY_COLUMN = {
    YearBasis.REGISTRATION: "registered_on",
    YearBasis.OFFENCE: "offence_on",
    YearBasis.JUDGMENT: "judged_on",
}

# Taken for the length of a refresh on PostgreSQL, so that two requests finding the table
# stale do not both rebuild it: the second waits, then finds it fresh.
REFRESH_LOCK = 72_610_001


def joined(codes: tuple[str, ...]) -> str:
    """A multi-valued category as stored: "|A|B|", sorted; "" for no code at all."""
    return "|" + "|".join(sorted(codes)) + "|" if codes else ""


def split(value: str) -> tuple[str, ...]:
    """The codes of a stored multi-valued category (``joined``)."""
    return tuple(value[1:-1].split("|")) if value else ()


def _columns(categories: dict[str, tuple[str, ...]]) -> dict[str, str]:
    found = {}
    for dimension, codes in categories.items():
        found[dimension] = joined(codes) if dimension in MULTI_VALUED else codes[0]
    return found


def _named(unit: str, facts: CaseFacts) -> Iterator[CountedPerson]:
    rows, judged = named_rows(Case.objects.all(), unit=unit)
    victims = CaseParty.objects.filter(role=PartyRole.VICTIM).values("id")
    exploitation = exploitation_of(victims) if unit == CountingUnit.VICTIMS else {}
    for row in rows:
        party_id = int(row["id"])
        categories = person_categories(row, exploitation.get(party_id, ()))
        categories.update(facts.of(case_id=row["case_id"], person_id=row["person_id"]))
        day = judged.get(party_id) if judged is not None else None
        yield _row(unit, row, 1, categories, day)


def _ledger(unit: str) -> Iterator[CountedPerson]:
    for group in ledger_groups(Case.objects.all(), unit=unit):
        judged = ledger_judged(unit, group.row)
        yield _row(unit, group.row, group.count, group.categories, judged)


def _row(
    unit: str,
    row: dict[str, Any],
    weight: int,
    categories: dict[str, tuple[str, ...]],
    judged: date | None,
) -> CountedPerson:
    return CountedPerson(
        unit=unit,
        case_id=row["case_id"],
        weight=weight,
        registered_on=registration_day(row),
        offence_on=offence_day(row),
        judged_on=judged,
        **_columns(categories),
    )


def _insert(source: Iterator[CountedPerson]) -> int:
    """Inserts the rows of ``source`` a batch at a time (never all of them in memory)."""
    rows = 0
    while batch := list(islice(source, BATCH)):
        rows += len(CountedPerson.objects.bulk_create(batch, batch_size=BATCH))
    return rows


def _rebuild() -> int:
    CountedPerson.objects.all().delete()
    CountedCell.objects.all().delete()
    facts = case_facts_all()
    rows = 0
    for unit in CountingUnit.values:
        rows += _insert(_named(unit, facts)) + _insert(_ledger(unit))
    if connection.vendor == "postgresql":
        _sum_national_cells()
    return rows


def _sum_national_cells() -> None:
    """The cells of every unit, day column and dimension over the whole country, each unit
    and day in one scan (``GROUPING SETS``)."""
    cells = []
    for unit in CountingUnit.values:
        for day in DAY_COLUMN.values():
            counted = dated(CountedPerson.objects.filter(unit=unit), day)
            found = grouped_sums(counted, list(Dimension.values))
            cells += [
                CountedCell(unit=unit, day=day, dimension=dimension, value=row[dimension],
                            year=int(row["period"]), people=int(row["n"]))
                for dimension, rows in found.items()
                for row in rows
            ]  # fmt: skip
    CountedCell.objects.bulk_create(cells, batch_size=BATCH)


@transaction.atomic
def statistics_refresh() -> StatisticsRefresh:
    """Rebuilds the table of people counted from every case, in one transaction (readers see
    the old table until it commits) and records when. Called by ``refresh_statistics``, by
    the demo seeding and by ``statistics_fresh``; no user acts, and nothing leaves the
    system, so it is not audited: ``StatisticsRefresh`` is its record."""
    started = time.monotonic()
    rows = _rebuild()
    return StatisticsRefresh.objects.create(
        refreshed_at=timezone.now(), rows=rows, seconds=round(time.monotonic() - started, 3)
    )


def _last() -> StatisticsRefresh | None:
    return StatisticsRefresh.objects.order_by("-refreshed_at", "-id").first()


def statistics_as_of() -> datetime | None:
    """When the people of the figures just read were counted: the last refresh."""
    last = _last()
    return last.refreshed_at if last else None


def _is_fresh(refresh: StatisticsRefresh | None) -> bool:
    max_age = timedelta(seconds=settings.HTMS_STATISTICS_MAX_AGE)
    return refresh is not None and timezone.now() - refresh.refreshed_at < max_age


def statistics_fresh() -> StatisticsRefresh:
    """The last refresh, after refreshing first when it is older than the setting
    ``HTMS_STATISTICS_MAX_AGE`` (0: always). Every figure calls it before reading the
    table."""
    last = _last()
    if _is_fresh(last):
        assert last is not None
        return last
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
            last = _last()
            if _is_fresh(last):
                assert last is not None
                return last
        return statistics_refresh()
