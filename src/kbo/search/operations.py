"""Migration operations that make `matches()` fast on PostgreSQL: the trigram index, and a
long search document compressed with lz4."""

import re

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MAX_NAME = 63  # PostgreSQL truncates longer identifiers


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL on PostgreSQL; nothing on other databases (SQLite needs no index)."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return "Raw SQL operation (PostgreSQL only)"


def trigram_index(model_name: str, field: str = "search_text") -> list[Operation]:
    """Operations creating the GIN trigram index `<table>_<field>_trgm` on PostgreSQL.

    `model_name` is the table name (`db_table`), e.g. "registry_product". Reversing drops
    the index but keeps the pg_trgm extension, which other indexes may use.
    """
    for name in (model_name, field):
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"not a plain SQL identifier: {name!r}")
    index = f"{model_name}_{field}_trgm"
    if len(index) > _MAX_NAME:
        raise ValueError(f"index name {index!r} is longer than {_MAX_NAME} characters")
    return [
        PostgreSQLOnly(
            sql="CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop
        ),
        PostgreSQLOnly(
            sql=f'CREATE INDEX "{index}" ON "{model_name}" USING gin ("{field}" gin_trgm_ops)',
            reverse_sql=f'DROP INDEX "{index}"',
        ),
    ]


def lz4_compressed(model_name: str, field: str = "search_text") -> list[Operation]:
    """Operations storing the long text column `field` compressed with lz4 on PostgreSQL, and
    rewriting the values already stored.

    A query that reads every row's search document (a word in half of them, scanned rather
    than looked up) spends most of its time decompressing; lz4 decompresses several times
    faster than the default pglz. A server built without lz4 keeps pglz (nothing fails).
    """
    for name in (model_name, field):
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"not a plain SQL identifier: {name!r}")

    def compression(method: str) -> str:
        return (
            f'DO $$ BEGIN ALTER TABLE "{model_name}" ALTER COLUMN "{field}" '
            f"SET COMPRESSION {method}; "
            "EXCEPTION WHEN feature_not_supported THEN NULL; END $$"
        )

    # A value copied as it is keeps its old compression; `|| ''` makes a new one.
    rewrite = f'UPDATE "{model_name}" SET "{field}" = "{field}" || \'\' WHERE "{field}" <> \'\''
    return [PostgreSQLOnly(sql=[compression("lz4"), rewrite], reverse_sql=[compression("pglz")])]
