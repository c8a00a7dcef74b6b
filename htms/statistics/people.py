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

from django.db import connections, transaction
from django.db.models import QuerySet, Sum
from django.db.models.expressions import Combinable
from django.db.models.functions import ExtractQuarter, ExtractYear

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.statistics.dimensions import MULTI_VALUED, Dimension
from htms.statistics.figures import Counted, YearBasis, year_basis_of, years_of
from htms.statistics.models import CountedPerson
from htms.statistics.quarters import quarter_of
from htms.statistics.refresh import split, statistics_fresh

# How many people of each (category, year) of one dimension.
Cells = dict[tuple[str, int], int]

# PostgreSQL's memory for one figure's scan of the people counted (``SET LOCAL``, this
# transaction only): a national figure's sets fit in about 10 MB.
GROUPING_WORK_MEM = "64MB"
# The day column of the table each year basis counts by.
DAY_COLUMN = {
    YearBasis.REGISTRATION: "registered_on",
    YearBasis.OFFENCE: "offence_on",
    YearBasis.JUDGMENT: "judged_on",
}


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
    _cells: dict[tuple[str, str], dict[str, Cells]] = field(default_factory=dict)

    def _period(self) -> Combinable:
        """The year of the day, or its quarter as ``Quarter.code`` does (2025 Q3: 20253)."""
        year = ExtractYear(self.day)
        return year * 10 + ExtractQuarter(self.day) if self.quarterly else year

    def _dated(self) -> QuerySet[Any, Any]:
        return self.rows.filter(**{f"{self.day}__isnull": False}).annotate(period=self._period())

    def years(self) -> list[int]:
        if (Dimension.SEX, "") in self._cells:
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
        scan of the rows, ``GROUPING SETS``); elsewhere each is counted when asked for."""
        wanted = [d for d in dict.fromkeys(dimensions) if (d, "") not in self._cells]
        if len(wanted) < 2 or connections[self.rows.db].vendor != "postgresql":
            return
        found: dict[str, list[dict[str, Any]]] = {d: [] for d in wanted}
        every = (1 << len(wanted)) - 1
        for row in self._grouping_sets(wanted):
            # GROUPING() sets a bit for each column left out of the row's set, the first
            # column's highest: the one bit missing names the dimension.
            missing = every ^ int(row.pop("grouped"))
            found[wanted[len(wanted) - missing.bit_length()]].append(row)
        for dimension, rows in found.items():
            self._keep(dimension, rows)

    def _grouping_sets(self, dimensions: list[str]) -> list[dict[str, Any]]:
        connection = connections[self.rows.db]
        # Only the table's own columns, quoted; every value is a parameter of ``sql``.
        assert set(dimensions) <= set(Dimension.values)
        quoted = [connection.ops.quote_name(d) for d in dimensions]
        base = self._dated().values(*dimensions, "period", "weight").order_by()
        sql, params = base.query.sql_with_params()
        sets = ", ".join(f"({column}, period)" for column in quoted)
        columns = ", ".join(quoted)
        query = (
            f"SELECT {columns}, period, SUM(weight) AS n, GROUPING({columns}) AS grouped "  # noqa: S608
            f"FROM ({sql}) AS counted GROUP BY GROUPING SETS ({sets})"
        )
        with transaction.atomic(using=self.rows.db), connection.cursor() as cursor:
            # Enough memory to hash every set at once rather than sort on disk, and no JIT,
            # whose compiling costs more than it saves on a scan of this size.
            cursor.execute(
                "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
                [GROUPING_WORK_MEM],
            )
            cursor.execute(query, params)
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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
    basis = year_basis_of(unit, year)
    return CountedRows(rows, DAY_COLUMN[basis], as_of=refresh.refreshed_at)
