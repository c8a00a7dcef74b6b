"""Figures of one province by quarter, under disclosure control (``docs/statistics.md``).

A quarter's tables are protected with every quarter of the province at once, so that which
quarter is asked for changes nothing in what is withheld, and two quarterly reports cannot be
subtracted from each other. The quarters of a year add up to that year's figure, which the
dashboard may publish: every such yearly sum is taken as known to the reader (whether the
dashboard withheld it or not, the safer assumption), so no quarter is the year minus the others.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from htms.statistics.disclosure import TOTAL, Equation, Key, Link, Table, suppress_given

YEAR_SUM = "year-sum"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def code(self) -> str:
        """The quarter as a column of a table ("20253" for the third quarter of 2025)."""
        return f"{self.year}{self.number}"

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarter_columns(periods: Iterable[str], asked: Sequence[Quarter]) -> list[int]:
    """Every quarter with someone counted, and the quarters asked for, in order."""
    return sorted({int(p) for p in periods} | {int(q.code) for q in asked})


def _year_sums(table: Table) -> tuple[dict[Key, int], list[Equation]]:
    """Per row (and total row) and year, the sum of its quarters as a known cell."""
    values = table.values()
    rows = [*table.rows, *([TOTAL] if table.additive else [])]
    found: dict[Key, int] = {}
    equations: list[Equation] = []
    for year in sorted({column[:4] for column in table.columns}):
        quarters = [c for c in table.columns if c[:4] == year]
        for row in rows:
            cell = (YEAR_SUM, table.name, row, year)
            found[cell] = sum(values[(table.name, row, q)] for q in quarters)
            equation: Equation = {(table.name, row, q): 1 for q in quarters}
            equation[cell] = -1
            equations.append(equation)
    return found, equations


def quarters_withheld(tables: Sequence[Table], links: Sequence[Link], *, k: int) -> set[Key]:
    """The cells of the quarterly ``tables`` to withhold, with every yearly sum known."""
    values: dict[Key, int] = {}
    equations: list[Equation] = [link.equation() for link in links]
    known: set[Key] = set()
    for table in tables:
        values.update(table.values())
        equations.extend(table.equations())
        sums, year_equations = _year_sums(table)
        values.update(sums)
        equations.extend(year_equations)
        known.update(sums)
    return suppress_given(
        values=values, equations=equations, k=k, known=known, withheld_before=set()
    )
