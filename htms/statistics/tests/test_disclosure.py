"""Disclosure control: an attacker who knows every published figure and how the tables add up
tries to recover each withheld cell, with linear programming over non-negative counts."""

from collections.abc import Hashable, Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from htms.statistics.disclosure import (
    TOTAL,
    Equation,
    Link,
    Table,
    determined_cells,
    shared_totals,
    suppress,
    tables_suppress,
)

K = 11


def _range(
    cell: Hashable, values: dict[Hashable, int], withheld: set[Hashable], eqs: Sequence[Equation]
) -> tuple[float, float]:
    """The lowest and highest value of a withheld cell consistent with everything published."""
    unknown = sorted(withheld, key=repr)
    index = {key: i for i, key in enumerate(unknown)}
    a_eq, b_eq = [], []
    for eq in eqs:
        row = np.zeros(len(unknown))
        known = 0.0
        for key, coefficient in eq.items():
            if key in index:
                row[index[key]] += coefficient
            else:
                known += coefficient * values[key]
        if row.any():
            a_eq.append(row)
            b_eq.append(-known)
    objective = np.zeros(len(unknown))
    objective[index[cell]] = 1
    low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None))
    high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None))
    assert low.status == 0 and high.status in (0, 3)
    return low.fun, float("inf") if high.status == 3 else -high.fun  # 3: no upper bound


def _assert_safe(values: dict[Hashable, int], eqs: Sequence[Equation], withheld: set[Hashable]):
    for key, n in values.items():
        if key not in withheld:
            assert n == 0 or n >= K, f"{key} = {n} published"
    for key in withheld:
        low, high = _range(key, values, withheld, eqs)
        assert high - low >= 1 - 1e-6, f"{key} = {values[key]} recoverable in [{low}, {high}]"


counts = st.one_of(st.integers(0, 3), st.integers(0, 40), st.integers(8, 14))
grids = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(counts, min_size=cols, max_size=cols), min_size=rows, max_size=rows
        )
    )
)


def _table(name: str, cells: list[list[int]], additive: bool = True) -> Table:
    return Table(
        name=name,
        rows=[f"r{i}" for i in range(len(cells))],
        columns=[f"c{j}" for j in range(len(cells[0]))],
        cells=cells,
        additive=additive,
    )


@settings(max_examples=100, deadline=None)
@given(cells=grids, additive=st.booleans())
def test_it_leaves_no_withheld_cell_recoverable_from_the_totals(
    cells: list[list[int]], additive: bool
) -> None:
    table = _table("t", cells, additive)
    withheld = tables_suppress([table], k=K)
    _assert_safe(table.values(), table.equations(), withheld)


@settings(max_examples=50, deadline=None)
@given(first=grids, data=st.data())
def test_it_protects_tables_of_the_same_people_together(
    first: list[list[int]], data: st.DataObject
) -> None:
    """Two breakdowns of the same people (by sex and by province) share their total row: one
    table must not give away what the other withheld."""
    columns = len(first[0])
    column_sums = [sum(row[c] for row in first) for c in range(columns)]
    second = [data.draw(st.lists(st.integers(0, n), min_size=1, max_size=3)) for n in column_sums]
    rearranged = [[0] * columns for _ in range(3)]
    for c, (parts, n) in enumerate(zip(second, column_sums, strict=True)):
        taken = 0
        for r, part in enumerate(parts[:2]):
            share = min(part, n - taken)
            rearranged[r][c] = share
            taken += share
        rearranged[2][c] = n - taken
    tables = [_table("sex", first), _table("province", rearranged)]
    links = shared_totals(tables)
    withheld = tables_suppress(tables, k=K, links=links)
    values = {**tables[0].values(), **tables[1].values()}
    eqs = [*tables[0].equations(), *tables[1].equations(), *(x.equation() for x in links)]
    _assert_safe(values, eqs, withheld)


def test_it_withholds_a_small_cell_and_enough_others_to_hide_it() -> None:
    table = _table("t", [[3, 20], [30, 40]])
    withheld = tables_suppress([table], k=K)
    assert ("t", "r0", "c0") in withheld
    assert len(withheld) >= 4
    assert not determined_cells(withheld, table.equations())


def test_it_publishes_a_table_without_small_cells_whole() -> None:
    table = _table("t", [[0, 20], [30, 40]])
    assert tables_suppress([table], k=K) == set()


def test_it_withholds_a_total_of_fewer_than_k_people() -> None:
    table = _table("t", [[2, 3]])
    withheld = tables_suppress([table], k=K)
    assert ("t", "r0", TOTAL) in withheld and ("t", TOTAL, TOTAL) in withheld


def test_it_hides_a_child_count_that_age_bands_would_reveal() -> None:
    """Children are the sum of two age bands published elsewhere: linked, neither gives the
    other away."""
    groups = _table("group", [[5], [40]])
    bands = _table("band", [[2], [3], [20], [20]])
    links = [
        Link(("group", "r0", "c0"), [("band", "r0", "c0"), ("band", "r1", "c0")]),
        Link(("group", "r1", "c0"), [("band", "r2", "c0"), ("band", "r3", "c0")]),
        *shared_totals([groups, bands]),
    ]
    withheld = tables_suppress([groups, bands], k=K, links=links)
    values = {**groups.values(), **bands.values()}
    eqs = [*groups.equations(), *bands.equations(), *(x.equation() for x in links)]
    assert ("group", "r0", "c0") in withheld
    _assert_safe(values, eqs, withheld)


def test_it_withholds_nothing_with_k_of_one() -> None:
    assert suppress(values={"a": 1}, equations=[], k=1) == set()
