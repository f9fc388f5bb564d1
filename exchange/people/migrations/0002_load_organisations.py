from django.db import migrations

from exchange.people.data import load_organisations


def load(apps, schema_editor):
    load_organisations(apps.get_model("people", "Organisation"))


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        # Forces are reference data every database needs; re-running only updates them.
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
