"""The people a figure counts, as cells: how many people of each category of a dimension in
each year (``docs/statistics.md``, "How figures are computed").

``counted_people`` reads the table of people counted (``CountedPerson``), every cell a
``GROUP BY`` in the database. ``CountedList`` counts a list of ``Counted`` the same way, for
what is still counted person by person in Python.
"""

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from django.db import connections
from django.db.models import QuerySet, Sum

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.statistics.dimensions import MULTI_VALUED, Dimension
from htms.statistics.figures import Counted, year_basis_of, years_of
from htms.statistics.grouping import dated, grouped_sums
from htms.statistics.models import CountedCell, CountedPerson
from htms.statistics.quarters import quarter_of
from htms.statistics.refresh import DAY_COLUMN, split, statistics_fresh

# How many people of each (category, year) of one dimension.
Cells = dict[tuple[str, int], int]


class People(Protocol):
    """People counted, each in one year (or quarter, ``Quarter.code``)."""

    @property
    def as_of(self) -> datetime | None:
        """When the people were counted: the last refresh of the table (None: now)."""

    def years(self) -> list[int]: ...

    def cells(self, dimension: str) -> Cells: ...

    def prefetch(self, dimensions: Collection[str]) -> None:
        """Counts the cells of ``dimensions`` at once, where that is cheaper."""

    def sliced(self, dimension: str) -> dict[str, "People"]: ...

    def where(self, dimension: str, code: str) -> "People": ...

    def in_quarters(self) -> "People": ...


def _codes(dimension: str, value: str) -> tuple[str, ...]:
    return split(value) if dimension in MULTI_VALUED else (value,)


@dataclass
class CountedList:
    """People counted one ``Counted`` each."""

    counted: list[Counted]
    as_of: datetime | None = None

    def years(self) -> list[int]:
        return years_of(self.counted)

    def cells(self, dimension: str) -> Cells:
        found: Counter[tuple[str, int]] = Counter()
        for person in self.counted:
            for code in person.categories.get(dimension, ()):
                found[(code, person.year)] += 1
        return dict(found)

    def prefetch(self, dimensions: Collection[str]) -> None:
        pass

    def sliced(self, dimension: str) -> dict[str, People]:
        codes = sorted({code for code, _year in self.cells(dimension)})
        return {code: self.where(dimension, code) for code in codes}

    def where(self, dimension: str, code: str) -> People:
        found = [c for c in self.counted if code in c.categories.get(dimension, ())]
        return CountedList(found, self.as_of)

    def in_quarters(self) -> People:
        found = [
            replace(c, year=int(quarter_of(c.on).code)) for c in self.counted if c.on is not None
        ]
        return CountedList(found, self.as_of)


@dataclass
class CountedRows:
    """People counted in rows of the table, counted in the year (or quarter) of ``day``."""

    rows: QuerySet[CountedPerson]
    day: str
    as_of: datetime | None = None
    quarterly: bool = False
    # The unit, when these are every person it counts in the country, by year: their cells
    # were summed at the refresh (``CountedCell``, PostgreSQL).
    national: str = ""
    _cells: dict[tuple[str, str], dict[str, Cells]] = field(default_factory=dict)
    _national_read: bool | None = None

    def _dated(self) -> QuerySet[Any, Any]:
        return dated(self.rows, self.day, quarterly=self.quarterly)

    def years(self) -> list[int]:
        if (Dimension.SEX, "") in self._cells or self._national_cells():
            # Everyone counted has one sex: its cells have every year with someone counted.
            return sorted({year for _code, year in self.cells(Dimension.SEX)})
        periods = self._dated().values_list("period", flat=True).distinct().order_by("period")
        return [int(p) for p in periods]

    def _sums(self, *columns: str) -> list[dict[str, Any]]:
        rows = self._dated().values(*dict.fromkeys(columns), "period").annotate(n=Sum("weight"))
        return list(rows.order_by())

    def cells_by(self, dimension: str, by: str) -> dict[str, Cells]:
        """The cells of ``dimension`` of the people of each category of ``by``, in one
        query."""
        if (dimension, by) not in self._cells:
            found: dict[str, Counter[tuple[str, int]]] = {}
            for row in self._sums(by, dimension):
                for part in _codes(by, row[by]):
                    cells = found.setdefault(part, Counter())
                    for code in _codes(dimension, row[dimension]):
                        cells[(code, int(row["period"]))] += int(row["n"])
            self._cells[(dimension, by)] = {part: dict(c) for part, c in found.items()}
        return self._cells[(dimension, by)]

    def cells(self, dimension: str) -> Cells:
        if (dimension, "") not in self._cells:
            self._national_cells()
        if (dimension, "") not in self._cells:
            self._keep(dimension, self._sums(dimension))
        return self._cells[(dimension, "")][""]

    def _keep(self, dimension: str, rows: Iterable[dict[str, Any]]) -> None:
        found: Counter[tuple[str, int]] = Counter()
        for row in rows:
            for code in _codes(dimension, row[dimension]):
                found[(code, int(row["period"]))] += int(row["n"])
        self._cells[(dimension, "")] = {"": dict(found)}

    def prefetch(self, dimensions: Collection[str]) -> None:
        """On PostgreSQL, the cells of every dimension of ``dimensions`` in one query (one
        scan of the rows, ``GROUPING SETS``), or from the cells of the whole country summed
        at the refresh; elsewhere each is counted when asked for."""
        wanted = [d for d in dict.fromkeys(dimensions) if (d, "") not in self._cells]
        if not wanted or self._national_cells():
            return
        if len(wanted) < 2 or connections[self.rows.db].vendor != "postgresql":
            return
        for dimension, rows in grouped_sums(self._dated(), wanted).items():
            self._keep(dimension, rows)

    def _national_cells(self) -> bool:
        """Whether every dimension's cells were read from ``CountedCell``, read on the first
        call: for every person of the country the unit (``national``) counts by year; not
        where the refresh summed none."""
        if self._national_read is None:
            self._national_read = bool(self.national) and self._read_national()
        return self._national_read

    def _read_national(self) -> bool:
        cells = CountedCell.objects.using(self.rows.db).filter(unit=self.national, day=self.day)
        found: dict[str, list[dict[str, Any]]] = {}
        rows = cells.values_list("dimension", "value", "year", "people").order_by()
        for dimension, value, year, people in rows:
            found.setdefault(dimension, []).append({dimension: value, "period": year, "n": people})
        for dimension, dimension_rows in found.items():
            self._keep(dimension, dimension_rows)
        return bool(found)

    def sliced(self, dimension: str) -> dict[str, People]:
        codes = sorted({code for code, _year in self.cells(dimension)})
        return {code: RowsSlice(self, dimension, code) for code in codes}

    def where(self, dimension: str, code: str) -> People:
        if dimension in MULTI_VALUED:
            rows = self.rows.filter(**{f"{dimension}__contains": f"|{code}|"})
        else:
            rows = self.rows.filter(**{dimension: code})
        return CountedRows(rows, self.day, self.as_of, self.quarterly)

    def in_quarters(self) -> People:
        return CountedRows(self.rows, self.day, self.as_of, quarterly=True)


@dataclass
class RowsSlice:
    """The people of one category ``code`` of ``by`` among ``whole``: their cells are read
    with every other category's, in one query per dimension."""

    whole: CountedRows
    by: str
    code: str

    @property
    def as_of(self) -> datetime | None:
        return self.whole.as_of

    def years(self) -> list[int]:
        return sorted({year for _code, year in self.cells(self.by)})

    def cells(self, dimension: str) -> Cells:
        return self.whole.cells_by(dimension, self.by).get(self.code, {})

    def prefetch(self, dimensions: Collection[str]) -> None:
        pass

    def sliced(self, dimension: str) -> dict[str, People]:
        return self.whole.where(self.by, self.code).sliced(dimension)

    def where(self, dimension: str, code: str) -> People:
        return self.whole.where(self.by, self.code).where(dimension, code)

    def in_quarters(self) -> People:
        return self.whole.where(self.by, self.code).in_quarters()


def counted_people(
    *, user: User, unit: str, year: str | None = None, province: str = ""
) -> CountedRows:
    """The people the counting unit counts among the cases the user may see (registered by
    units of ``province``, when given), in the year ``year_basis_of(unit, year)`` names, as
    of the last refresh of the table (refreshed first when too old: ``statistics_fresh``)."""
    refresh = statistics_fresh()
    # The rows are read where their refresh was: a refresh just made on the primary is read
    # there, not from a replica that may not have replayed it yet.
    rows = CountedPerson.objects.using(refresh._state.db).filter(unit=unit)
    cases = case_queryset_for_user(user)
    if cases.query.has_filters():
        rows = rows.filter(case__in=cases)
    if province:
        rows = rows.filter(province=province)
    # The whole country's cells are summed at the refresh on PostgreSQL only.
    summed = connections[rows.db].vendor == "postgresql"
    national = unit if summed and not (cases.query.has_filters() or province) else ""
    basis = year_basis_of(unit, year)
    return CountedRows(rows, DAY_COLUMN[basis], as_of=refresh.refreshed_at, national=national)
