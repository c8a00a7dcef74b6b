"""What of the figures a user is shown: whole counts, or counts under disclosure control.

A user who may see the identity of every person counted (a case writer of a circle, whose
figures cover only the cases of their own unit, whose people their unit handles:
``htms/persons/access.py``) sees whole counts. Everyone else (zone, headquarters, the ATU
monitoring cell, analysts), every export and every public figure gets the counts with every
cell of fewer than k people withheld, protected together across the dimensions of a counting
unit (``htms/statistics/disclosure.py``).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from htms.accounts.models import CASE_WRITER_ROLES, User
from htms.statistics.case_facts import FACT_GROUPS, ROUTE_JOIN
from htms.statistics.dimensions import ADULT as ADULT_GROUP
from htms.statistics.dimensions import CHILD as CHILD_GROUP
from htms.statistics.dimensions import (
    CHILD_BANDS,
    CORE,
    MULTI_VALUED,
    UNKNOWN,
    Dimension,
    dimension_rows,
)
from htms.statistics.disclosure import (
    TOTAL,
    Key,
    Link,
    Table,
    public_k,
    shared_totals,
    suppress_given,
    tables_suppress,
)
from htms.statistics.figures import year_basis_label, year_basis_of
from htms.statistics.people import People, counted_people

# (code, label) of each row, in order.
Labels = list[tuple[str, str]]


def statistics_k_for(user: User) -> int | None:
    """The threshold the user's figures are published under; None for whole counts."""
    if (
        user.role in CASE_WRITER_ROLES
        and user.unit_id is not None
        and not user.reads_nationally
        and not user.supervises_zone
    ):
        return None
    return public_k()


@dataclass
class PublishedRow:
    code: str
    label: str
    cells: list[int | None]
    total: int | None


@dataclass
class PublishedTable:
    unit: str
    dimension: str
    year_basis: str
    columns: list[str]
    rows: list[PublishedRow]
    totals: PublishedRow | None
    # The threshold applied; None when the counts are whole.
    k: int | None
    # When the people were counted (the last refresh of the table of people counted).
    as_of: datetime | None = None

    @property
    def withheld(self) -> bool:
        rows = [*self.rows, *([self.totals] if self.totals else [])]
        return any(n is None for row in rows for n in [*row.cells, row.total])


def _table(dimension: str, people: People, years: list[int]) -> tuple[Table, Labels]:
    found = people.cells(dimension)
    rows = dimension_rows(dimension, {code for code, _year in found})
    cells = [[found.get((code, year), 0) for year in years] for code, _label in rows]
    table = Table(
        name=dimension,
        rows=[code for code, _label in rows],
        columns=[str(y) for y in years],
        cells=cells,
        additive=dimension not in MULTI_VALUED,
    )
    return table, rows


def _age_links(tables: dict[str, Table]) -> list[Link]:
    """Children are the people of the CTDC bands under 18; adults those of the others."""
    groups, bands = tables.get(Dimension.AGE_GROUP), tables.get(Dimension.AGE_BAND)
    if groups is None or bands is None:
        return []
    links: list[Link] = []
    for column in [*groups.columns, TOTAL]:
        for group in (CHILD_GROUP, ADULT_GROUP, UNKNOWN):
            if group not in groups.rows:
                continue
            parts = [b for b in bands.rows if _band_group(b) == group]
            links.append(
                Link((groups.name, group, column), [(bands.name, band, column) for band in parts])
            )
    return links


def _band_group(band: str) -> str:
    if band == UNKNOWN:
        return UNKNOWN
    return CHILD_GROUP if band in CHILD_BANDS else ADULT_GROUP


def _published(table: Table, labels: Labels, withheld: set[Key]) -> list[PublishedRow]:
    values = table.values()

    def shown(row: str, column: str) -> int | None:
        key = (table.name, row, column)
        return None if key in withheld else values[key]

    rows = [
        PublishedRow(code, label, [shown(code, c) for c in table.columns], shown(code, TOTAL))
        for code, label in labels
    ]
    return rows


@dataclass
class UnitSystem:
    """The tables of one counting unit, every dimension, and the links between them."""

    built: dict[str, tuple[Table, Labels]]
    links: list[Link]

    @property
    def tables(self) -> list[Table]:
        return [table for table, _labels in self.built.values() if table.rows]


def unit_system(
    people: People, years: list[int], prefix: str = "", dimensions: tuple[str, ...] = CORE
) -> UnitSystem:
    """The tables of the ``people`` in ``dimensions``; names start with ``prefix``."""
    people.prefetch(dimensions)
    built = {}
    for dimension in dimensions:
        table, labels = _table(dimension, people, years)
        table.name = prefix + table.name
        built[dimension] = (table, labels)
    tables = {d: t for d, (t, _rows) in built.items() if t.rows}
    links = shared_totals(list(tables.values())) + _age_links(tables) + _route_links(tables)
    return UnitSystem(built, links)


def _route_links(tables: dict[str, Table]) -> list[Link]:
    """The people going to a country are those of every route that ends there."""
    routes, destinations = tables.get(Dimension.ROUTE), tables.get(Dimension.DESTINATION)
    if routes is None or destinations is None:
        return []
    links = []
    for destination in destinations.rows:
        ending = [r for r in routes.rows if (r.split(ROUTE_JOIN) + [UNKNOWN])[1] == destination]
        for column in [*destinations.columns, TOTAL]:
            parts: list[Key] = [(routes.name, route, column) for route in ending]
            links.append(Link((destinations.name, destination, column), parts))
    return links


def _total_row(table: Table) -> list[Key]:
    return [(table.name, TOTAL, column) for column in [*table.columns, TOTAL]]


def _group_withheld(
    system: UnitSystem, anchor: Table | None, core_withheld: set[Key], k: int
) -> set[Key]:
    """The cells of one group of fact tables to withhold, given the person tables' total row
    (``anchor``), which every additive table of the group shares."""
    shared = set(_total_row(anchor)) if anchor else set()
    values: dict[Key, int] = {key: anchor.values()[key] for key in shared} if anchor else {}
    links = list(system.links)
    for table in system.tables:
        values.update(table.values())
        if anchor and table.additive:
            pairs = zip(_total_row(anchor), _total_row(table), strict=True)
            links += [Link(whole, [part]) for whole, part in pairs]
    equations = [eq for table in system.tables for eq in table.equations()]
    return suppress_given(
        values=values,
        equations=equations + [link.equation() for link in links],
        k=k,
        known=shared - core_withheld,
        withheld_before=shared & core_withheld,
    )


def _facts_withheld(
    people: People,
    years: list[int],
    core: UnitSystem,
    core_withheld: set[Key],
    k: int,
    wanted: Collection[str],
) -> tuple[UnitSystem, set[Key]]:
    """The tables of the case facts in ``wanted``, each group protected apart, sharing the
    total row of the person tables (published or withheld as there)."""
    facts = UnitSystem({}, [])
    withheld: set[Key] = set()
    anchor = next((t for t in core.tables if t.additive), None)
    for group in [g for g in FACT_GROUPS if set(g) & set(wanted)]:
        system = unit_system(people, years, dimensions=group)
        facts.built.update(system.built)
        withheld |= _group_withheld(system, anchor, core_withheld, k)
    return facts, withheld


def system_published(
    system: UnitSystem,
    *,
    unit: str,
    year: str,
    withheld: set[Key],
    k: int | None,
    as_of: datetime | None = None,
) -> dict[str, PublishedTable]:
    """The tables of ``system`` with the ``withheld`` cells blanked, counted ``as_of``."""
    basis = year_basis_label(unit, year)
    published: dict[str, PublishedTable] = {}
    for dimension, (table, labels) in system.built.items():
        rows = _published(table, labels, withheld)
        totals = None
        if table.additive:
            totals = _published(table, [(TOTAL, "")], withheld)[0] if table.rows else None
        published[dimension] = PublishedTable(
            unit, dimension, basis, table.columns, rows, totals, k, as_of
        )
    return published


def unit_tables(
    *, user: User, unit: str, year: str | None = None, facts: Collection[str] | None = None
) -> dict[str, PublishedTable]:
    """The dimensions of one counting unit, as the user may see it, counted in the year
    ``year`` names (``YearBasis``; the unit's own by default): every person dimension, and
    the case facts in ``facts`` (all by default; each costs its own protection)."""
    people = counted_people(user=user, unit=unit, year=year)
    return people_tables(people, user=user, unit=unit, year=year, facts=facts)


def people_tables(
    people: People,
    *,
    user: User,
    unit: str,
    year: str | None = None,
    facts: Collection[str] | None = None,
) -> dict[str, PublishedTable]:
    """``unit_tables`` of ``people`` counted already."""
    basis = year_basis_of(unit, year)
    wanted = Dimension.values if facts is None else facts
    people.prefetch(
        [*CORE, *(d for group in FACT_GROUPS if set(group) & set(wanted) for d in group)]
    )
    years = people.years()
    system = unit_system(people, years)
    k = statistics_k_for(user)
    withheld = tables_suppress(system.tables, k=k, links=system.links) if k else set()
    found, found_withheld = _facts_withheld(people, years, system, withheld, k or 0, wanted)
    as_of = people.as_of
    published = system_published(system, unit=unit, year=basis, withheld=withheld, k=k, as_of=as_of)
    facts_k = found_withheld if k else set()
    return published | system_published(
        found, unit=unit, year=basis, withheld=facts_k, k=k, as_of=as_of
    )
