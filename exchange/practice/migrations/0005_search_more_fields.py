"""The practice index takes in the names of an entry's topics and organisation, its region and
its partners: the FTS5 table gains a column (so it is made again), the triggers now watch the
topic links, topics and organisations too, and every entry is indexed again."""

from django.db import migrations

from exchange.common.search_index import FullTextIndex


def _before():
    # The index as 0002 made it: the entry's own text only.
    from exchange.practice.search_index import BODY_COLUMNS

    return FullTextIndex(table="practice_search", source="practice_practice",
                         body_columns=BODY_COLUMNS)


def forward(apps, schema_editor):
    from exchange.practice.search_index import PRACTICE_INDEX

    PRACTICE_INDEX.drop(schema_editor.connection)  # the same names, and those of the new triggers
    PRACTICE_INDEX.create(schema_editor.connection)


def reverse(apps, schema_editor):
    from exchange.practice.search_index import PRACTICE_INDEX

    PRACTICE_INDEX.drop(schema_editor.connection)
    _before().create(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_initial"),
        ("people", "0002_load_organisations"),
        ("practice", "0003_listing_indexes"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
