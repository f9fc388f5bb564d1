"""The case-study full-text index: an FTS5 table on SQLite, a GIN-indexed tsvector on PostgreSQL.

The statements live in exchange.common.search_index, which also re-creates the triggers after
every migrate (SQLite drops them whenever a migration rebuilds the source table).
"""

from django.db import migrations


def forward(apps, schema_editor):
    from exchange.lessons.search_index import CASE_STUDY_INDEX

    CASE_STUDY_INDEX.create(schema_editor.connection)


def reverse(apps, schema_editor):
    from exchange.lessons.search_index import CASE_STUDY_INDEX

    CASE_STUDY_INDEX.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
