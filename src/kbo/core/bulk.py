"""Fast inserts of many new rows: PostgreSQL's COPY where available, bulk_create elsewhere.

- `copy_insert(objs)` inserts model instances and fills each one's primary key (from the
  table's sequence), like bulk_create does.
- `copy_rows(model, columns, rows)` inserts plain tuples (no model instances to build), for
  high-volume rows nobody refers to afterwards, such as histories and audit entries.

Neither sends model signals: callers write their own audit entries.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import cast

from django.db import connection, connections, models
from psycopg.types.json import Jsonb


def _db_value(field: models.Field) -> Callable[[object], object]:
    """How a Python value of this field is written by COPY (psycopg adapts the rest)."""
    if isinstance(field, models.JSONField):
        return lambda value: None if value is None else Jsonb(value)
    return lambda value: value


def _copy(table: str, columns: list[str], rows: Iterable[Sequence[object]]) -> None:
    db = connections["default"]
    names = ", ".join(db.ops.quote_name(c) for c in columns)
    with (
        db.cursor() as cursor,
        cursor.cursor.copy(f"COPY {db.ops.quote_name(table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def copy_insert(objs: Sequence[models.Model], batch_size: int = 2000) -> None:
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        return
    meta = model._meta
    missing = [obj for obj in objs if obj.pk is None]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(missing)],
            )
            for obj, (new_id,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = new_id
    fields = list(meta.concrete_fields)
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for obj in objs:
        for f in stamped:
            f.pre_save(obj, True)
    plan = [(f.attname, _db_value(f)) for f in fields]
    _copy(
        meta.db_table,
        [str(f.column) for f in fields],
        ([convert(obj.__dict__.get(name)) for name, convert in plan] for obj in objs),
    )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def copy_rows(model: type[models.Model], columns: list[str], rows: list[tuple]) -> None:
    """Insert tuples of the named fields (attnames); the primary key comes from the database."""
    if not rows:
        return
    meta = model._meta
    fields = [cast(models.Field, meta.get_field(name)) for name in columns]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000
        )
        return
    converters = [_db_value(f) for f in fields]
    _copy(
        meta.db_table,
        [str(f.column) for f in fields],
        ([convert(value) for convert, value in zip(converters, row, strict=True)] for row in rows),
    )
