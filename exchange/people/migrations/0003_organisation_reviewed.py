from django.db import migrations, models


class Migration(migrations.Migration):
    """Organisations get a ``reviewed`` flag; practice migration 0004 clears it on the names
    that members' submissions created before reviewers had to accept such names."""

    dependencies = [
        ("people", "0002_load_organisations"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="reviewed",
            field=models.BooleanField(default=True),
        ),
    ]
