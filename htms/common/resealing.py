"""Sealing the rows written before a column was sealed, for data migrations.

Works on the raw columns (the historical models would read a plain value as a broken token),
a batch of rows at a time, and is idempotent: a value already sealed is left as it is.
"""

from collections.abc import Callable
from typing import Any

from htms.common.sealing import is_sealed, opened

BATCH = 5000


def reseal_columns(
    schema_editor: Any, table: str, columns: dict[str, Callable[[str], str]]
) -> None:
    """Passes each non-empty value of ``columns`` (column -> function) through its function,
    unless it is already sealed. Fast on an empty table."""
    _rewrite(schema_editor, table, columns, lambda value: not is_sealed(value))


def unseal_columns(schema_editor: Any, table: str, columns: list[str]) -> None:
    """The reverse: every sealed value of ``columns`` written back in the clear."""
    _rewrite(schema_editor, table, dict.fromkeys(columns, opened), is_sealed)


def _rewrite(
    schema_editor: Any,
    table: str,
    columns: dict[str, Callable[[str], str]],
    wanted: Callable[[str], bool],
) -> None:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    names = list(columns)
    # Table and column names come from the migration, never from input.
    listed = ", ".join(quote(n) for n in names)
    select = f"SELECT id, {listed} FROM {quote(table)} WHERE id > %s ORDER BY id"  # noqa: S608
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(f"{select} LIMIT {BATCH}", [last])
            rows = cursor.fetchall()
            if not rows:
                return
            for pk, *values in rows:
                changed = {
                    n: columns[n](v) for n, v in zip(names, values, strict=True) if v and wanted(v)
                }
                if changed:
                    assignments = ", ".join(f"{quote(n)} = %s" for n in changed)
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",  # noqa: S608
                        [*changed.values(), pk],
                    )
            last = rows[-1][0]
