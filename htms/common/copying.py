"""Writing many new rows of one table at once, COPY on PostgreSQL.

Django's ``bulk_create`` on PostgreSQL sends each column as an array; building and quoting those
arrays in Python (names sealed, JSON) costs more than the insert itself. ``rows_copy`` takes the
new rows' ids from the table's sequence first, then streams the rows with COPY, each value
prepared by its field as for an INSERT. Elsewhere it is ``bulk_create``.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django.db import connection, models
from django.db.models import Field, Model

ROWS_PER_INSERT = 2000
_IDS = "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)"
# Fields whose preparation leaves a value of a plain type as it is (exactly these classes: a
# subclass, such as a sealed field, may change the value and is prepared by the field).
_PLAIN_FIELDS = frozenset(
    {
        models.AutoField, models.BigAutoField, models.CharField, models.IntegerField,
        models.PositiveIntegerField, models.PositiveSmallIntegerField, models.SmallIntegerField,
        models.BigIntegerField, models.PositiveBigIntegerField, models.BooleanField,
        models.ForeignKey, models.OneToOneField, models.DateField,
    }
)  # fmt: skip
_PLAIN_VALUES = frozenset({str, int, bool, date, type(None)})


def _preparer(field: "Field[Any, Any]") -> Callable[[Model], Any]:
    """The value of ``field`` as an INSERT would send it, for any row: the field's own
    preparation, skipped for a plain value of a plain field (thousands of rows, dozens of
    columns each)."""
    attname = field.attname

    def prepared(obj: Model) -> Any:
        value = field.pre_save(obj, True)
        return field.get_db_prep_save(value, connection)

    stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    if type(field) not in _PLAIN_FIELDS or stamped:
        return prepared

    def plain(obj: Model) -> Any:
        value = getattr(obj, attname)
        return value if type(value) in _PLAIN_VALUES else prepared(obj)

    return plain


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
        preparers = [_preparer(f) for f in fields]
        with cursor.cursor.copy(sql) as copy:
            for obj in objs:
                copy.write_row([prepare(obj) for prepare in preparers])
