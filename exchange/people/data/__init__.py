"""The real list of UK police forces and national bodies that ships with the Exchange."""

import json
from pathlib import Path

ORGANISATIONS_FILE = Path(__file__).with_name("organisations.json")
FIELDS = ("name", "type", "region", "aliases", "email_domains", "website")


def organisation_rows(path=ORGANISATIONS_FILE):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def load_organisations(model, path=ORGANISATIONS_FILE):
    """Create or update every organisation in the file, matched by slug; return how many.

    Takes the model as an argument so the data migration can pass its historical model.
    """
    rows = organisation_rows(path)
    for row in rows:
        model.objects.update_or_create(
            slug=row["slug"], defaults={field: row.get(field, "") for field in FIELDS})
    return len(rows)
