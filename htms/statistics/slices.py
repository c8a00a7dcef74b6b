"""Figures of one slice of the people counted (one province, one crime type), under the same
disclosure control as the national figures, and consistent with them.

The national tables are published first (``published.unit_tables``); what they publish is known
to everyone. A slice's tables are then protected together with every other slice of the same
filter (all provinces at once, or all crime types at once) and with the national tables, whose
published cells count as known and whose withheld cells as unknown. The slices of a province
filter add up to the national table, cell by cell; a crime type's slice has as many people as
the national crime-type row. Which slice is asked for changes nothing in what is withheld, so
asking for every slice in turn reveals no more than one system of equations allows.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from htms.statistics.dimensions import MULTI_VALUED, Dimension
from htms.statistics.disclosure import (
    TOTAL,
    Equation,
    Key,
    Link,
    Table,
    suppress_given,
    tables_suppress,
)
from htms.statistics.people import People
from htms.statistics.published import PublishedTable, UnitSystem, system_published, unit_system

# The filters a figure may be sliced by.
SLICE_DIMENSIONS = (Dimension.PROVINCE, Dimension.CRIME_TYPE)


@dataclass
class Slicing:
    national: UnitSystem
    slices: dict[str, UnitSystem]
    links: list[Link]


def _prefix(dimension: str, code: str) -> str:
    return f"{dimension}={code}/"


def _sum_links(
    national: UnitSystem, slices: dict[str, UnitSystem], shown: Sequence[str]
) -> list[Link]:
    """Each national cell is the sum of the same cell over the slices."""
    links: list[Link] = []
    for name in shown:
        table = national.built[name][0]
        parts: dict[tuple[str, str], list[Key]] = {}
        for system in slices.values():
            for key in system.built[name][0].values():
                assert isinstance(key, tuple)
                parts.setdefault((key[1], key[2]), []).append(key)
        links.extend(
            Link((table.name, row, column), found) for (row, column), found in parts.items()
        )
    return links


def _size_links(slices: dict[str, UnitSystem], dimension: str) -> list[Link]:
    """A slice's total row counts the people of its row in the national table."""
    links: list[Link] = []
    for code, system in slices.items():
        sized = next((t for t in system.tables if t.additive), None)
        if sized is None:
            continue
        for column in [*sized.columns, TOTAL]:
            links.append(Link((dimension, code, column), [(sized.name, TOTAL, column)]))
    return links


def slicing(people: People, years: list[int], dimension: str, shown: Sequence[str]) -> Slicing:
    """The national tables of ``people`` and, per category of ``dimension``, its tables in the
    dimensions ``shown`` (of ``dimensions.CORE``)."""
    national = unit_system(people, years)
    slices = {
        code: unit_system(part, years, prefix=_prefix(dimension, code), dimensions=tuple(shown))
        for code, part in people.sliced(dimension).items()
    }
    links = [link for system in slices.values() for link in system.links]
    if dimension in MULTI_VALUED:
        links += _size_links(slices, dimension)
    else:
        links += _sum_links(national, slices, shown)
    return Slicing(national, slices, links)


def _national_known(national: UnitSystem, withheld: set[Key]) -> set[Key]:
    return {key for table in national.tables for key in table.values() if key not in withheld}


def slice_tables(
    people: People,
    years: list[int],
    *,
    dimension: str,
    code: str,
    shown: Sequence[str],
    k: int | None,
    unit: str,
    year: str,
) -> dict[str, PublishedTable]:
    """The tables in ``shown`` of the people of one category ``code`` of ``dimension``, as
    published."""
    found = slicing(people, years, dimension, shown)
    system = found.slices.get(code) or unit_system(
        people.where(dimension, code),
        years,
        prefix=_prefix(dimension, code),
        dimensions=tuple(shown),
    )
    as_of = people.as_of
    if not k:
        return system_published(system, unit=unit, year=year, withheld=set(), k=k, as_of=as_of)
    national_withheld = tables_suppress(found.national.tables, k=k, links=found.national.links)
    tables: list[Table] = [*found.national.tables]
    tables += [t for s in found.slices.values() for t in s.tables]
    values: dict[Key, int] = {}
    equations: list[Equation] = []
    for table in tables:
        values.update(table.values())
        equations.extend(table.equations())
    equations += [link.equation() for link in [*found.national.links, *found.links]]
    withheld = suppress_given(
        values=values,
        equations=equations,
        k=k,
        known=_national_known(found.national, national_withheld),
        withheld_before=national_withheld,
    )
    return system_published(system, unit=unit, year=year, withheld=withheld, k=k, as_of=as_of)
