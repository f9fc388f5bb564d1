from django.db import migrations, models


def approve_existing(apps, schema_editor):
    # Proposals made before editors approved them were already public and voted on: they stay
    # public. An editor can still decline any of them.
    apps.get_model("lessons", "ThemeProposal").objects.update(status="approved")


class Migration(migrations.Migration):

    dependencies = [
        ('lessons', '0003_revisions'),
    ]

    operations = [
        migrations.AddField(
            model_name='themeproposal',
            name='status',
            field=models.CharField(choices=[('pending', 'Waiting for an editor'), ('approved', 'Approved'), ('declined', 'Declined')], db_index=True, default='pending', max_length=20),
        ),
        migrations.RunPython(approve_existing, migrations.RunPython.noop),
    ]
