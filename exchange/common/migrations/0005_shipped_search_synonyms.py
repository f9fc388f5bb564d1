"""The policing acronyms and variants the exchange ships with (data/search_synonyms.txt).

A term staff have already added is left as they wrote it; reversing removes only the shipped
terms whose phrases are still the shipped ones.
"""

from django.db import migrations


def forward(apps, schema_editor):
    from exchange.common.search import shipped_synonyms

    SearchSynonym = apps.get_model("common", "SearchSynonym")
    taken = {term.lower() for term in SearchSynonym.objects.values_list("term", flat=True)}
    SearchSynonym.objects.bulk_create(
        SearchSynonym(term=term, expansions=expansions)
        for term, expansions in shipped_synonyms() if term.lower() not in taken)


def reverse(apps, schema_editor):
    from exchange.common.search import shipped_synonyms

    SearchSynonym = apps.get_model("common", "SearchSynonym")
    for term, expansions in shipped_synonyms():
        SearchSynonym.objects.filter(term=term, expansions=expansions).delete()


class Migration(migrations.Migration):
    dependencies = [("common", "0004_search_synonyms")]
    operations = [migrations.RunPython(forward, reverse)]
