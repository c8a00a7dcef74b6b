"""The figures of the statistics dashboard: one counting unit in every dimension, for the
nation or one province or crime type, with the funnel and the durations (``docs/statistics.md``).

Everything is read over the cases the user may see and published under the user's disclosure
control; a slice by province or crime type through ``slices.py``.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from htms.accounts.models import User
from htms.statistics.dimensions import CORE, Dimension
from htms.statistics.durations import Durations, case_durations
from htms.statistics.figures import year_basis_of
from htms.statistics.funnel import Funnel, case_funnel
from htms.statistics.people import counted_people
from htms.statistics.published import (
    PublishedRow,
    PublishedTable,
    people_tables,
    statistics_k_for,
)
from htms.statistics.slices import slice_tables

T = TypeVar("T")


@dataclass(frozen=True)
class DashboardFilters:
    unit: str
    by: str = Dimension.SEX
    year_basis: str | None = None
    year: int | None = None
    province: str = ""
    crime_type: str = ""


@dataclass
class Dashboard:
    tables: dict[str, PublishedTable]
    funnel: Funnel
    durations: Durations
    k: int | None
    year_basis: str
    # When the people were counted (the last refresh of the table of people counted).
    as_of: datetime | None = None


def _row_in_year(row: PublishedRow, index: int | None) -> PublishedRow:
    cells = [] if index is None else [row.cells[index]]
    return replace(row, cells=cells, total=cells[0] if cells else 0)


def table_in_year(table: PublishedTable, year: int | None) -> PublishedTable:
    """The table's column of one year only (nothing new: the same published cells)."""
    if year is None:
        return table
    index = table.columns.index(str(year)) if str(year) in table.columns else None
    return replace(
        table,
        columns=[str(year)] if index is not None else [],
        rows=[_row_in_year(row, index) for row in table.rows],
        totals=_row_in_year(table.totals, index) if table.totals else None,
    )


def sliced_dimensions(by: str) -> tuple[str, ...]:
    """The tables a filtered dashboard shows for the slice: the trend (by sex, whose total row
    is the trend) and the chosen person dimension, with the age tables linked to it. The
    places, routes and ICCS codes stay national."""
    shown = [Dimension.SEX]
    if by in (Dimension.AGE_GROUP, Dimension.AGE_BAND):
        shown += [Dimension.AGE_GROUP, Dimension.AGE_BAND]
    elif by in CORE and by != Dimension.SEX:
        shown.append(by)
    return tuple(shown)


def _cells_in_year(cells: list[T], columns: list[str], year: int | None) -> list[T]:
    return [cell for cell, column in zip(cells, columns, strict=True) if column == str(year)]


def funnel_in_year(funnel: Funnel, year: int | None) -> Funnel:
    """The funnel's column of one year only; its totals become that year's figures."""
    if year is None:
        return funnel
    columns = funnel.columns

    def one(row: PublishedRow) -> PublishedRow:
        cells = _cells_in_year(row.cells, columns, year)
        return replace(row, cells=cells, total=cells[0] if cells else 0)

    rates = []
    for rate in funnel.rates:
        cells = _cells_in_year(rate.cells, columns, year)
        rates.append(replace(rate, cells=cells, total=cells[0] if cells else None))
    shown = [str(year)] if str(year) in columns else []
    return replace(funnel, columns=shown, rows=[one(r) for r in funnel.rows], rates=rates)


def durations_in_year(durations: Durations, year: int | None) -> Durations:
    if year is None:
        return durations
    rows = []
    for row in durations.rows:
        cells = _cells_in_year(row.cells, durations.columns, year)
        rows.append(replace(row, cells=cells, total=cells[0] if cells else None))
    shown = [str(year)] if str(year) in durations.columns else []
    return replace(durations, columns=shown, rows=rows)


def dashboard_tables(*, user: User, filters: DashboardFilters) -> dict[str, PublishedTable]:
    """Every dimension of the unit, national or of one province or crime type."""
    basis = year_basis_of(filters.unit, filters.year_basis)
    facts = [filters.by, Dimension.ROUTE, Dimension.OFFENCE_DISTRICT]
    people = counted_people(user=user, unit=filters.unit, year=basis)
    tables = people_tables(people, user=user, unit=filters.unit, year=basis, facts=facts)
    if filters.province or filters.crime_type:
        dimension = Dimension.PROVINCE if filters.province else Dimension.CRIME_TYPE
        tables |= slice_tables(
            people,
            people.years(),
            dimension=dimension,
            code=filters.province or filters.crime_type,
            shown=sliced_dimensions(filters.by),
            k=statistics_k_for(user),
            unit=filters.unit,
            year=basis,
        )
    return {name: table_in_year(table, filters.year) for name, table in tables.items()}


def dashboard(*, user: User, filters: DashboardFilters) -> Dashboard:
    """The dashboard's figures for ``user`` (who may read statistics: ``access.py``)."""
    tables = dashboard_tables(user=user, filters=filters)
    return Dashboard(
        tables=tables,
        funnel=funnel_in_year(case_funnel(user=user), filters.year),
        durations=durations_in_year(case_durations(user=user), filters.year),
        k=statistics_k_for(user),
        year_basis=year_basis_of(filters.unit, filters.year_basis),
        as_of=next((t.as_of for t in tables.values()), None),
    )
