"""Disclosure control: what of a table of counts of people may be published.

Every figure shown to a role without identity access, every export and every public figure
goes through here (``docs/statistics.md``):

- **Primary suppression**: a cell counting between 1 and k - 1 people is withheld.
- **Secondary suppression**: totals are published, so a withheld cell must not be derivable
  from them. The published figures and the table's sums are linear equations over the
  withheld cells; a withheld cell is safe when no combination of those equations fixes its
  value (it has a non-zero component in their null space). Further cells, the smallest
  positive first, are withheld until every withheld cell is safe: first, cheaply, until no line
  has a single withheld cell; then, one decomposition per round, until no combination of lines
  fixes one. Only positive cells are
  withheld as secondary, so each withheld cell can move by at least one person in either
  direction without any cell going negative: bounds on counts do not pin it either.
- Tables that share figures (the totals of the same people by sex and by province, the child
  and adult rows and the age bands that make them up) are protected together, as one system
  of equations, so that one table cannot reveal what another withheld.

The engine works on named cells (any hashable key) and equations between them; ``Table``
builds those for the usual table of rows × columns with a total column and, when the rows add
up (each person in one row), a total row.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings

Key = Hashable
# One linear equation over cells: sum(coefficient * value) == 0.
Equation = dict[Key, int]

TOTAL = "total"


def public_k() -> int:
    """The threshold for anything public or leaving the system (``HTMS_STATISTICS_K``)."""
    return int(settings.HTMS_STATISTICS_K)


def _null_space(matrix: np.ndarray) -> np.ndarray:
    if matrix.shape[1] == 0:
        return np.zeros((0, 0))
    if matrix.shape[0] == 0:
        return np.eye(matrix.shape[1])
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9 * max(1.0, float(singular[0]))).sum())
    return np.asarray(vt[rank:].T)


def determined_cells(withheld: Iterable[Key], equations: Sequence[Equation]) -> set[Key]:
    """The withheld cells whose value the published cells and the equations fix exactly."""
    columns = sorted(set(withheld), key=repr)
    if not columns:
        return set()
    index = {key: i for i, key in enumerate(columns)}
    rows = [eq for eq in equations if any(key in index for key in eq)]
    matrix = np.zeros((len(rows), len(columns)))
    for r, equation in enumerate(rows):
        for key, coefficient in equation.items():
            if key in index:
                matrix[r, index[key]] = coefficient
    null = _null_space(matrix)
    free = np.linalg.norm(null, axis=1) > 1e-9 if null.size else np.zeros(len(columns), bool)
    return {key for key, is_free in zip(columns, free, strict=True) if not is_free}


def _candidates(
    values: dict[Key, int], withheld: set[Key], at_risk: set[Key], equations: Sequence[Equation]
) -> set[Key]:
    """Positive published cells that share an equation with a cell at risk."""
    found: set[Key] = set()
    for equation in equations:
        if at_risk.intersection(equation):
            found.update(k for k in equation if k not in withheld and values[k] > 0)
    return found


def _lone_cells_covered(
    values: dict[Key, int], withheld: set[Key], closed: set[Key], equations: Sequence[Equation]
) -> set[Key]:
    """``withheld`` grown until no equation holds exactly one withheld cell (such a cell is its
    line's total minus the rest): the smallest positive open cell of each such line joins it.
    Linear in the equations per round, it settles most tables before the one decomposition
    that checks combinations of lines; ``closed`` cells are never added."""
    withheld = set(withheld)
    changed = True
    while changed:
        changed = False
        for equation in equations:
            if sum(1 for key in equation if key in withheld) != 1:
                continue
            options = [
                key
                for key in equation
                if key not in withheld and key not in closed and values[key] > 0
            ]
            if options:
                withheld.add(min(options, key=lambda key: (values[key], repr(key))))
                changed = True
    return withheld


def suppress(*, values: dict[Key, int], equations: Sequence[Equation], k: int) -> set[Key]:
    """The cells to withhold so that no published figure or combination of them reveals a
    count of fewer than ``k`` people. ``k`` <= 1 withholds nothing."""
    if k <= 1:
        return set()
    withheld = {key for key, n in values.items() if 0 < n < k}
    withheld = _lone_cells_covered(values, withheld, set(), equations)
    at_risk = determined_cells(withheld, equations)
    while at_risk:
        options = _candidates(values, withheld, at_risk, equations)
        if not options:  # cannot happen with positive cells in equations; never publish then
            return withheld | {key for key, n in values.items() if n > 0}
        # The smallest figure next to a cell at risk: least information lost, one matrix
        # decomposition per withheld cell (scoring every option costs one per option).
        withheld.add(min(options, key=lambda key: (values[key], repr(key))))
        at_risk = determined_cells(withheld, equations)
    return withheld


@dataclass
class Table:
    """Counts of people: ``cells[r][c]`` for row ``r`` (a category) and column ``c`` (a year).

    ``additive`` says each person is in one row only, so that the rows add up to a total row;
    a multi-valued dimension (forms of exploitation) has no total row."""

    name: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int]]
    additive: bool = True

    def values(self) -> dict[Key, int]:
        found: dict[Key, int] = {}
        for r, row in enumerate(self.rows):
            for c, column in enumerate(self.columns):
                found[(self.name, row, column)] = self.cells[r][c]
            found[(self.name, row, TOTAL)] = sum(self.cells[r])
        if self.additive:
            for c, column in enumerate(self.columns):
                found[(self.name, TOTAL, column)] = sum(row[c] for row in self.cells)
            found[(self.name, TOTAL, TOTAL)] = sum(map(sum, self.cells))
        return found

    def equations(self) -> list[Equation]:
        found: list[Equation] = []
        for row in self.rows:
            found.append(self._line_sum([(row, c) for c in self.columns], (row, TOTAL)))
        if self.additive:
            for column in [*self.columns, TOTAL]:
                found.append(self._line_sum([(r, column) for r in self.rows], (TOTAL, column)))
            found.append(self._line_sum([(TOTAL, c) for c in self.columns], (TOTAL, TOTAL)))
        return found

    def _line_sum(self, parts: list[tuple[str, str]], total: tuple[str, str]) -> Equation:
        equation: Equation = {(self.name, *part): 1 for part in parts}
        equation[(self.name, *total)] = -1
        return equation


@dataclass
class Link:
    """Figures of different tables that describe the same people: the sum of ``parts`` equals
    ``whole`` (both as (table, row, column) keys)."""

    whole: Key
    parts: list[Key] = field(default_factory=list)

    def equation(self) -> Equation:
        equation: Equation = dict.fromkeys(self.parts, 1)
        equation[self.whole] = equation.get(self.whole, 0) - 1
        return equation


def tables_suppress(tables: Sequence[Table], *, k: int, links: Sequence[Link] = ()) -> set[Key]:
    """The cells of ``tables`` to withhold, protecting them together with their links."""
    values: dict[Key, int] = {}
    equations: list[Equation] = []
    for table in tables:
        values.update(table.values())
        equations.extend(table.equations())
    equations.extend(link.equation() for link in links)
    return suppress(values=values, equations=equations, k=k)


def shared_totals(tables: Sequence[Table]) -> list[Link]:
    """Links stating that additive tables of the same people have the same total row."""
    additive = [t for t in tables if t.additive]
    links: list[Link] = []
    for first, other in zip(additive, additive[1:], strict=False):
        for column in [*first.columns, TOTAL]:
            if column in other.columns or column == TOTAL:
                links.append(Link((first.name, TOTAL, column), [(other.name, TOTAL, column)]))
    return links


def _next_to_each(
    values: dict[Key, int], closed: set[Key], at_risk: set[Key], equations: Sequence[Equation]
) -> set[Key]:
    """For each cell at risk, the smallest positive open cell sharing an equation with it."""
    found: set[Key] = set()
    for cell in at_risk:
        options = _candidates(values, closed, {cell}, equations)
        if options:
            found.add(min(options, key=lambda key: (values[key], repr(key))))
    return found


def suppress_given(
    *,
    values: dict[Key, int],
    equations: Sequence[Equation],
    k: int,
    known: set[Key],
    withheld_before: set[Key],
) -> set[Key]:
    """As ``suppress``, for tables that share figures with tables published before: the cells
    of ``known`` are public already (never withheld now), those of ``withheld_before`` were
    withheld then and stay so. Withholds one more cell next to each cell at risk per round,
    not one in all: long tables (districts by year) need far fewer decompositions."""
    withheld = {key for key, n in values.items() if 0 < n < k and key not in known}
    withheld |= withheld_before
    withheld = _lone_cells_covered(values, withheld, known, equations)
    at_risk = determined_cells(withheld, equations)
    while at_risk:
        options = _next_to_each(values, withheld | known, at_risk, equations)
        if not options:
            return withheld | {key for key, n in values.items() if n > 0 and key not in known}
        withheld |= options
        at_risk = determined_cells(withheld, equations)
    return withheld
