"""Writing many new rows of one table at once, COPY on PostgreSQL.

Django's ``bulk_create`` on PostgreSQL sends each column as an array; building and quoting those
arrays in Python (names sealed, JSON) costs more than the insert itself. ``rows_copy`` takes the
new rows' ids from the table's sequence first, then streams the rows with COPY, each value
prepared by its field as for an INSERT. Elsewhere it is ``bulk_create``.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model

ROWS_PER_INSERT = 2000
_IDS = "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)"


def rows_copy(objs: Sequence[Model], *, ids: bool = True) -> None:
    """Inserts new rows of one model and sets their ids, as ``bulk_create`` does; with
    ``ids=False`` the database numbers them and nobody reads the ids back (audit rows). Called
    by services inside their transaction; no signal is sent, no ``save`` runs."""
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=ROWS_PER_INSERT)
        return
    meta, quote = model._meta, connection.ops.quote_name
    pk = meta.pk
    assert pk is not None
    fields = [f for f in meta.concrete_fields if ids or not f.primary_key]
    # Table and column names come from the model; the values travel as COPY data.
    columns = ", ".join(quote(str(f.column)) for f in fields)
    sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor:
        if ids:
            cursor.execute(_IDS, [meta.db_table, pk.column, len(objs)])
            for obj, (pk_value,) in zip(objs, cursor.fetchall(), strict=True):
                # As bulk_create: refuses an unsaved related row, takes a related row's new id.
                obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
                setattr(obj, pk.attname, pk_value)
                obj._state.adding, obj._state.db = False, connection.alias
        with cursor.cursor.copy(sql) as copy:
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
