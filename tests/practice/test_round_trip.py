"""Export then import keeps every entry once and its whole label history, whether the file goes
back into the same bank or into an empty one (the practice issue's promised round trip)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from exchange.practice import domain
from exchange.practice.models import LabelChange, Practice
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db
FORMATS = pytest.mark.parametrize("extension", ["json", "csv"])


def entry_with_history(title, labels, **fields):
    """A live entry whose label went through ``labels``, a year apart, oldest first."""
    practice = PracticeFactory(title=title, evidence_label=labels[-1], **fields)
    start = timezone.now() - datetime.timedelta(days=365 * len(labels))
    for n, label in enumerate(labels):
        LabelChange.objects.create(practice=practice, label=label,
                                   changed_at=start + datetime.timedelta(days=365 * n,
                                                                         microseconds=n + 1))
    return practice


def a_bank():
    entry_with_history("Street triage", ["new_innovative", "promising", "worked"])
    entry_with_history("Knife talks", ["promising"], external_id="hmi-7", visibility="members")


def histories():
    return {practice.title: [(c.label, c.changed_at) for c in practice.label_changes.all()]
            for practice in Practice.objects.live().prefetch_related("label_changes")}


def export_and_import(tmp_path, extension, *, empty_first):
    path = tmp_path / f"bank.{extension}"
    call_command("export_practices", str(path), stdout=io.StringIO())
    if empty_first:
        Practice.objects.all().delete()
    call_command("import_practices", str(path), "--publish", stdout=io.StringIO(),
                 stderr=io.StringIO())


@FORMATS
def test_importing_an_export_into_the_same_bank_adds_no_copies(tmp_path, extension):
    a_bank()
    before = histories()
    export_and_import(tmp_path, extension, empty_first=False)
    assert Practice.objects.count() == 2
    assert histories() == before


@FORMATS
def test_an_export_imported_into_an_empty_bank_keeps_each_label_history(tmp_path, extension):
    a_bank()
    before = histories()
    uids = set(Practice.objects.values_list("uid", flat=True))
    export_and_import(tmp_path, extension, empty_first=True)
    assert histories() == before
    assert set(Practice.objects.values_list("uid", flat=True)) == uids
    export_and_import(tmp_path, extension, empty_first=False)
    assert Practice.objects.count() == 2
    assert LabelChange.objects.count() == 4


def test_a_new_label_in_the_file_joins_the_history_of_the_entry_it_updates(tmp_path, reviewer):
    a_bank()
    path = tmp_path / "bank.json"
    call_command("export_practices", str(path), stdout=io.StringIO())
    path.write_text(path.read_text().replace('"evidence_label": "promising"',
                                             '"evidence_label": "didnt_work"'))
    call_command("import_practices", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    knife = Practice.objects.get(title="Knife talks")
    assert [c.label for c in knife.label_changes.all()] == ["didnt_work", "promising"]
    assert Practice.objects.count() == 2
    domain.change_label(practice=knife, label="didnt_work", actor=reviewer)
    assert knife.label_changes.count() == 2
