# Full-text search that finds Chinese words.
#
# Every issue stores its title and description as character bigrams (issues/search.py). On
# PostgreSQL a generated tsvector column over that document carries a GIN index; the column is
# not a model field (SQLite has no tsvector), so it is created with SQL here and queried through
# issues.search.filter_issues().

from django.db import migrations, models

PG_FORWARD = [
    "ALTER TABLE issues_issue ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_document)) STORED",
    "CREATE INDEX issue_search_vector_gin ON issues_issue USING GIN (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS issue_search_vector_gin",
    "ALTER TABLE issues_issue DROP COLUMN IF EXISTS search_vector",
]


def fill_documents(apps, schema_editor):
    from issues.search import search_document

    Issue = apps.get_model("issues", "Issue")
    changed = []
    for issue in Issue.objects.only("pk", "title", "description").iterator(chunk_size=1000):
        issue.search_document = search_document(issue.title, issue.description)
        changed.append(issue)
    Issue.objects.bulk_update(changed, ["search_document"], batch_size=1000)


def add_pg_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)


def drop_pg_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    # The same migration under its earlier name: databases that applied it keep their history.
    replaces = [("issues", "0002_issue3_search")]

    dependencies = [
        ("issues", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalissue",
            name="search_document",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索文本(二元分词)"),
        ),
        migrations.AddField(
            model_name="issue",
            name="search_document",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索文本(二元分词)"),
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
        migrations.RunPython(add_pg_index, drop_pg_index),
    ]
