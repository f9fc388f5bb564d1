"""Names a member's submission gives that are not on the Exchange stay text until a reviewer
accepts them; every entry gets an interchange id so an export imports back without copies.

The data step finds the organisations that members' submissions created before this change
(type "other", no email domain, alias or member, named only by unpublished entries that
members sent) and turns them back into proposals: the entries keep the name as text for a
reviewer to accept, and the organisation is marked unreviewed so the sign-up form leaves it out.
"""

import uuid

from django.db import migrations, models
from django.db.models import Q


def give_every_entry_an_interchange_id(apps, schema_editor):
    Practice = apps.get_model("practice", "Practice")
    for pk in Practice.objects.filter(uid__isnull=True).values_list("pk", flat=True).iterator():
        Practice.objects.filter(pk=pk).update(uid=uuid.uuid4())


def turn_submitted_organisations_back_into_proposals(apps, schema_editor):
    Organisation = apps.get_model("people", "Organisation")
    Practice = apps.get_model("practice", "Practice")
    trusted = Q(status__in=["published", "withdrawn", "merged"]) | Q(submitted_by__isnull=True) \
        | Q(submitted_by__is_staff=True)
    candidates = (Organisation.objects.filter(type="other", email_domains=[], aliases=[],
                                              memberships__isnull=True, practices__isnull=False)
                  .exclude(practices__in=Practice.objects.filter(trusted)).distinct())
    for organisation in candidates:
        Practice.objects.filter(organisation=organisation).update(
            organisation=None, proposed_organisation=organisation.name)
        organisation.reviewed = False
        organisation.save(update_fields=["reviewed"])


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_organisation_reviewed"),
        ("practice", "0003_listing_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="proposed_organisation",
            field=models.CharField(blank=True, max_length=200, help_text="An organisation the "
                                   "submitter named that is not on the Exchange yet."),
        ),
        migrations.AddField(
            model_name="practice",
            name="proposed_topics",
            field=models.JSONField(blank=True, default=list, help_text="Topics the submitter "
                                   "named that are not on the Exchange yet."),
        ),
        migrations.AddField(
            model_name="practice",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_every_entry_an_interchange_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="practice",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True,
                                   verbose_name="interchange id"),
        ),
        migrations.RunPython(turn_submitted_organisations_back_into_proposals,
                             migrations.RunPython.noop),
    ]
