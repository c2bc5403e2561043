"""trigram_index(): a GIN trigram index on PostgreSQL, nothing on SQLite; lz4_compressed():
the search document stored with lz4 on PostgreSQL."""

from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.db.migrations.state import ProjectState
from django.db.migrations.writer import OperationWriter

from kbo.geo.models import Subdistrict
from kbo.search import lz4_compressed, matches, trigram_index

INDEX = "geo_subdistrict_name_th_trgm"


class RecordingEditor:
    """Stands in for a schema editor: records the SQL it is asked to run."""

    def __init__(self, vendor: str) -> None:
        self.connection = SimpleNamespace(vendor=vendor, alias="default", ops=connection.ops)
        self.statements: list[str] = []

    def execute(self, sql: str, params: object = None) -> None:
        self.statements.append(sql)


def run(operations, editor, backwards: bool = False) -> None:
    state = ProjectState()
    for operation in reversed(operations) if backwards else operations:
        if backwards:
            operation.database_backwards("search", editor, state, state)
        else:
            operation.database_forwards("search", editor, state, state)


def test_it_creates_the_extension_and_the_index_on_postgresql_only():
    operations = trigram_index("registry_product")
    postgresql = RecordingEditor("postgresql")
    run(operations, postgresql)
    assert postgresql.statements == [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        'CREATE INDEX "registry_product_search_text_trgm" ON "registry_product" '
        'USING gin ("search_text" gin_trgm_ops)',
    ]
    run(operations, postgresql, backwards=True)
    assert postgresql.statements[2:] == ['DROP INDEX "registry_product_search_text_trgm"']
    sqlite = RecordingEditor("sqlite")
    run(operations, sqlite)
    run(operations, sqlite, backwards=True)
    assert sqlite.statements == []


def test_it_refuses_names_that_are_not_plain_identifiers():
    with pytest.raises(ValueError, match="identifier"):
        trigram_index('product"; DROP TABLE x; --')
    with pytest.raises(ValueError, match="63"):
        trigram_index("registry_" + "x" * 50, "search_text")


def test_its_operations_can_be_written_into_a_migration():
    text, imports = OperationWriter(trigram_index("registry_product")[1]).serialize()
    assert text.strip().startswith("kbo.search.operations.PostgreSQLOnly(")
    assert "import kbo.search.operations" in imports


@pytest.mark.django_db(transaction=True)
def test_the_index_is_made_where_it_helps():
    """PostgreSQL gets the index and uses it; SQLite is left as it is (no skipped test)."""
    if connection.vendor == "postgresql":
        on_postgresql_the_index_exists_and_serves_matches()
    else:
        it_is_a_no_op_on_sqlite()


def it_is_a_no_op_on_sqlite():
    def indexes() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            return sorted(row[0] for row in cursor.fetchall())

    before = indexes()
    with connection.schema_editor() as editor:
        run(trigram_index("geo_subdistrict", "name_th"), editor)
    assert indexes() == before


def on_postgresql_the_index_exists_and_serves_matches():
    operations = trigram_index("geo_subdistrict", "name_th")
    with connection.schema_editor() as editor:
        run(operations, editor)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
        # The test table is tiny, and another test may have left it ANALYZEd (reltuples is kept
        # past a rollback): leave the planner only bitmap scans, the one path a GIN index serves.
        for path in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{path} = off")
        plan = matches(Subdistrict.objects.all(), "ผ้าทอ แม่ฮ่องสอน", field="name_th").explain()
    assert "USING gin" in definition and "gin_trgm_ops" in definition
    assert INDEX in plan

    with connection.schema_editor() as editor:
        run(operations, editor, backwards=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = %s", [INDEX])
        assert cursor.fetchone() == (0,)
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)  # kept: other indexes may use it


@pytest.mark.django_db(transaction=True)
def test_a_long_search_document_is_stored_with_lz4_on_postgresql():
    """The knowledge items' search_text (migration 0004): new and rewritten values use lz4,
    and reversing goes back to PostgreSQL's default; SQLite has nothing to change."""
    from kbo.knowledge.models import Item

    if connection.vendor != "postgresql":
        sqlite = RecordingEditor("sqlite")
        run(lz4_compressed("knowledge_item"), sqlite)
        assert sqlite.statements == []
        return

    def compression() -> tuple[str, str | None]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attcompression FROM pg_attribute WHERE attrelid = 'knowledge_item'::regclass"
                " AND attname = 'search_text'"
            )
            (column,) = cursor.fetchone()
            cursor.execute("SELECT pg_column_compression(search_text) FROM knowledge_item")
            (value,) = cursor.fetchone()
        return column, value

    long_text = " ".join(["การขอรับรองมาตรฐานผลิตภัณฑ์ชุมชน มผช."] * 200)  # compressed when stored
    Item.objects.create(title="คู่มือ มผช.", kind="STANDARD", search_text=long_text)
    operations = lz4_compressed("knowledge_item")
    try:
        assert compression() == ("l", "lz4")  # the migration ran when the test database was made
        with connection.schema_editor() as editor:
            run(operations, editor, backwards=True)
        assert compression()[0] == "p"
        with connection.schema_editor() as editor:
            run(operations, editor)
        assert compression() == ("l", "lz4")
        assert Item.objects.get().search_text == long_text  # the rewrite keeps the text
    finally:
        Item.objects.all().delete()
