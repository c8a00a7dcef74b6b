"""Counting every dimension of the people counted in one scan, with PostgreSQL's
``GROUPING SETS`` (``docs/statistics.md``, "How figures are computed")."""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import QuerySet
from django.db.models.expressions import Combinable
from django.db.models.functions import ExtractQuarter, ExtractYear

from htms.statistics.dimensions import Dimension
from htms.statistics.models import CountedPerson

# PostgreSQL's memory for one scan of the people counted (``SET LOCAL``, this transaction
# only): the sets of a national figure fit in about 10 MB.
GROUPING_WORK_MEM = "64MB"


Rows = list[dict[str, Any]]


def dated(
    rows: QuerySet[CountedPerson], day: str, *, quarterly: bool = False
) -> QuerySet[Any, Any]:
    """The ``rows`` of ``CountedPerson`` counted on ``day`` (a day column), each with its
    ``period``: the year of the day, or its quarter as ``Quarter.code`` does (2025 Q3: 20253)."""
    year = ExtractYear(day)
    period: Combinable = year * 10 + ExtractQuarter(day) if quarterly else year
    return rows.filter(**{f"{day}__isnull": False}).annotate(period=period)


def grouped_sums(dated: QuerySet[Any, Any], dimensions: list[str]) -> dict[str, Rows]:
    """Per dimension, the rows (its value, ``period``, ``n``: the sum of the weights) of the
    people of ``dated`` (rows of ``CountedPerson`` annotated with their ``period``), every
    dimension counted in the same scan."""
    connection = connections[dated.db]
    # Only the table's own columns, quoted; every value is a parameter of ``sql``.
    assert set(dimensions) <= set(Dimension.values)
    quoted = [connection.ops.quote_name(d) for d in dimensions]
    found: dict[str, Rows] = {d: [] for d in dimensions}
    try:
        base = dated.values(*dimensions, "period", "weight").order_by()
        sql, params = base.query.sql_with_params()
    except EmptyResultSet:  # a user who may see no case: nobody to count
        return found
    sets = ", ".join(f"({column}, period)" for column in quoted)
    columns = ", ".join(quoted)
    query = (
        f"SELECT {columns}, period, SUM(weight) AS n, GROUPING({columns}) AS grouped "  # noqa: S608
        f"FROM ({sql}) AS counted GROUP BY GROUPING SETS ({sets})"
    )
    with transaction.atomic(using=dated.db), connection.cursor() as cursor:
        # Enough memory to hash every set at once rather than sort on disk, and no JIT,
        # whose compiling costs more than it saves on a scan of this size.
        cursor.execute(
            "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
            [GROUPING_WORK_MEM],
        )
        cursor.execute(query, params)
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    every = (1 << len(dimensions)) - 1
    for row in rows:
        # GROUPING() sets a bit for each column left out of the row's set, the first
        # column's highest: the one bit missing names the dimension.
        missing = every ^ int(row.pop("grouped"))
        found[dimensions[len(dimensions) - missing.bit_length()]].append(row)
    return found
