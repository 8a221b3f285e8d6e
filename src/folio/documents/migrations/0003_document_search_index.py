"""The full-text index of the documents list's search (PostgreSQL only).

An expression GIN index over the `simple` tsvector of number, counterparty name, references,
KID and note; `folio.documents.selectors.document_text_condition` queries that very expression.
Built CONCURRENTLY (so this migration is not atomic): on a live database with millions of
documents it does not block ingest while it builds. SQLite has no such index; its search falls
back to substring matches.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "doc_search"


def _index():
    from folio.documents.selectors import document_search_vector

    return GinIndex(document_search_vector(), name=INDEX_NAME)


def create_search_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    document = apps.get_model("documents", "Document")
    statement = _index().create_sql(document, schema_editor, concurrently=True)
    schema_editor.execute(
        str(statement).replace("INDEX CONCURRENTLY", "INDEX CONCURRENTLY IF NOT EXISTS", 1)
    )


def drop_search_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("documents", "0002_monthly_figures_summary"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
