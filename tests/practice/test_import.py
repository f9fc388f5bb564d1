import datetime
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from exchange.common.models import Activity, Topic
from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation
from exchange.practice.enums import DatePrecision, PracticeStatus
from exchange.practice.finder import PracticeQuery, find
from exchange.practice.importers import import_practices, validate_row
from exchange.practice.interchange import read_file
from exchange.practice.models import Practice
from tests.factories import OrganisationFactory, PracticeFactory, TopicFactory

DATA = Path(__file__).parent / "data"
GOOD = {"title": "T", "evidence_label": "worked", "description": "D"}


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_practices", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write_json(tmp_path, rows, name="entries.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows))
    return path


class TerminalOutput(io.StringIO):
    def isatty(self):
        return True


# Checking rows -----------------------------------------------------------------------------


def test_a_row_with_the_three_required_fields_is_valid():
    data, errors = validate_row(GOOD)
    assert errors == []
    assert data == {"title": "T", "evidence_label": "worked", "description": "D"}


def test_every_problem_in_a_row_is_named_with_its_field():
    _, errors = validate_row({
        "evidence_label": "excellent", "description": "", "stage": "tested", "focus": "prevention; x",
        "contact_email": "nope", "source_url": "ftp:/bad", "links": ["javascript:alert(1)"],
        "start_date": "2024-13", "summary": "s" * 301, "foo": "bar"})
    fields = [field for field, _ in errors]
    assert fields == ["foo", "title", "summary", "evidence_label", "stage", "focus",
                      "start_date", "description", "contact_email", "links", "source_url"]
    messages = dict(errors)
    assert messages["foo"] == "unknown field 'foo'"
    assert messages["evidence_label"] == ("'excellent' is not a valid evidence label; use one of: "
                                          "worked, promising, new_innovative, didnt_work")
    assert "'x' is not a valid focus" in messages["focus"]
    assert "at most 300 characters" in messages["summary"]


def test_values_are_cleaned_into_model_values():
    data, errors = validate_row({**GOOD, "evidence_label": " Promising ", "focus": "prevention; ",
                                 "start_date": "2021", "visibility": "", "external_id": 42,
                                 "partners": "A; B ;", "title": "  Spaced  "})
    assert errors == []
    assert data["evidence_label"] == "promising"
    assert data["focus"] == ["prevention"]
    assert data["start_date"] == datetime.date(2021, 1, 1)
    assert data["start_date_precision"] == DatePrecision.YEAR
    assert data["visibility"] == "public"
    assert data["external_id"] == "42"
    assert data["partners"] == ["A", "B"]
    assert data["title"] == "Spaced"


# Importing ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_invalid_row_writes_nothing_and_every_problem_is_printed_with_row_and_field():
    with pytest.raises(CommandError, match="2 of 4 rows have problems, so nothing was imported"):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_practices", str(DATA / "invalid.json"), stdout=out, stderr=err)
        finally:
            printed = err.getvalue()
    assert Practice.objects.count() == 0
    assert "row 2, field evidence_label: 'excellent' is not a valid evidence label" in printed
    assert "row 2, field colour: unknown field 'colour'" in printed
    assert "row 3, field title: Enter a title" in printed
    assert ("row 3, field contact_email: 'not-an-email' is not an email address "
            "(write it as name@example.org)") in printed
    assert "row 3, field start_date: '2024-13' is not a date" in printed


@pytest.mark.django_db
def test_skip_invalid_imports_the_good_rows_and_reports_the_rest():
    out, err = run_import(DATA / "invalid.json", "--skip-invalid")
    assert sorted(Practice.objects.values_list("title", flat=True)) == [
        "A good row", "Another good row"]
    assert "row 2, field evidence_label" in err
    assert "Created 2 (waiting for review), updated 0, skipped 2 of 4 rows." in out


@pytest.mark.django_db
def test_a_repeated_external_id_in_one_file_names_both_rows():
    report = import_practices(rows=[{**GOOD, "external_id": "a"}, {**GOOD, "external_id": "b"},
                                    {**GOOD, "external_id": "a"}])
    assert not report.written
    assert [tuple(p) for p in report.problems] == [
        (3, "external_id", "external id 'a' is also used by row 1")]
    assert Practice.objects.count() == 0


@pytest.mark.django_db
def test_imported_entries_wait_for_review_with_an_import_logged():
    report = import_practices(rows=read_file(DATA / "practices.json"))
    assert (report.created, report.updated, report.written) == (3, 0, True)
    assert set(Practice.objects.values_list("status", flat=True)) == {PracticeStatus.SUBMITTED}
    assert Practice.objects.filter(published_at__isnull=True).count() == 3
    assert Activity.objects.filter(verb="import", to_state="submitted").count() == 3
    assert find(AnonymousUser(), PracticeQuery()).count == 0


@pytest.mark.django_db
def test_publish_puts_entries_live_with_their_first_label_and_makes_them_searchable(force):
    out, _ = run_import(DATA / "practices.json", "--publish")
    assert "Created 3 (published)" in out
    practice = Practice.objects.get(external_id="kent-001")
    assert practice.is_live and practice.published_at is not None
    assert [c.label for c in practice.label_changes.all()] == ["promising"]
    assert practice.organisation == force
    assert practice.region == "south_east"
    assert practice.start_date == datetime.date(2023, 9, 1)
    assert practice.start_date_precision == DatePrecision.MONTH
    assert practice.start_year == 2023
    assert sorted(r.value for r in practice.focus_rows.all()) == ["diversion", "prevention"]
    assert [r.value for r in practice.recognition_rows.all()] == ["tilley_award"]
    found = find(AnonymousUser(), PracticeQuery(q="knife schools"))
    assert [p.pk for p in found.items] == [practice.pk]


@pytest.mark.django_db
def test_an_unknown_organisation_is_created_as_other_and_named_in_the_report(force):
    out, _ = run_import(DATA / "practices.json")
    created = Organisation.objects.get(name="Hampshire Fire and Rescue")
    assert created.type == OrganisationType.OTHER
    assert created.slug == "hampshire-fire-and-rescue"
    assert "Organisations created with type 'other' (check them in the admin): " \
           "Hampshire Fire and Rescue" in out
    assert Organisation.objects.filter(name__iexact="kent police").count() == 1


@pytest.mark.django_db
def test_organisations_and_topics_are_matched_by_alias_whatever_the_case():
    force = OrganisationFactory(name="Testshire Constabulary", aliases=["TC Police"])
    drugs = TopicFactory(name="Drugs and alcohol", aliases=["Substance misuse"])
    report = import_practices(rows=[{**GOOD, "organisation": "tc POLICE",
                                     "topics": ["SUBSTANCE MISUSE", "drugs and alcohol",
                                                "Brand new topic"]}])
    practice = Practice.objects.get()
    assert practice.organisation == force
    assert list(practice.topics.all()) == [Topic.objects.get(slug="brand-new-topic"), drugs]
    assert report.topics_created == ["Brand new topic"]
    assert report.organisations_created == []


@pytest.mark.django_db
def test_reimporting_an_external_id_updates_the_live_entry_in_place(tmp_path, reviewer):
    live = PracticeFactory(external_id="kent-001", title="Old title", evidence_label="new_innovative")
    out, _ = run_import(DATA / "practices.json")
    live.refresh_from_db()
    assert "Created 2 (waiting for review), updated 1" in out
    assert live.title == "Knife crime talks in schools"
    assert live.is_live
    assert [c.label for c in live.label_changes.all()] == ["promising"]
    assert sorted(t.name for t in live.topics.all()) == ["Knife crime", "schools"]
    assert Practice.objects.filter(external_id="kent-001").count() == 1
    # Entries with an external id are updated again; the one without one is new every time.
    out, _ = run_import(DATA / "practices.json")
    assert "Created 1 (waiting for review), updated 2" in out
    assert Practice.objects.filter(external_id__isnull=False).count() == 2


@pytest.mark.django_db
def test_reimporting_with_publish_publishes_an_entry_still_waiting_for_review():
    import_practices(rows=[{**GOOD, "external_id": "e1"}])
    assert Practice.objects.get().status == PracticeStatus.SUBMITTED
    report = import_practices(rows=[{**GOOD, "external_id": "e1", "title": "New"}], publish=True)
    practice = Practice.objects.get()
    assert report.updated == 1
    assert (practice.title, practice.status) == ("New", PracticeStatus.PUBLISHED)
    assert [c.label for c in practice.label_changes.all()] == ["worked"]


@pytest.mark.django_db
def test_a_csv_file_is_imported_with_its_lists_split(force):
    run_import(DATA / "practices.csv", "--publish")
    wardens = Practice.objects.get(external_id="csv-001")
    assert wardens.organisation == force
    assert sorted(r.value for r in wardens.focus_rows.all()) == ["organisational", "prevention"]
    assert sorted((t.name for t in wardens.topics.all()), key=str.lower) == [
        "night-time economy", "Violence against women and girls"]
    assert wardens.partners == ["Canterbury City Council", "Street Pastors"]
    triage = Practice.objects.get(external_id="csv-002")
    assert triage.organisation is None
    assert triage.description == "A new triage script.\nIt did not shorten waits."


@pytest.mark.django_db
def test_the_progress_bar_shows_only_on_a_terminal():
    piped = io.StringIO()
    call_command("import_practices", str(DATA / "practices.json"), stdout=piped,
                 stderr=io.StringIO())
    assert "entry/s" not in piped.getvalue() and "%|" not in piped.getvalue()
    Practice.objects.all().delete()
    terminal = TerminalOutput()
    call_command("import_practices", str(DATA / "practices.json"), stdout=terminal,
                 stderr=io.StringIO())
    assert "%|" in terminal.getvalue()


@pytest.mark.django_db
def test_an_unreadable_file_is_a_command_error(tmp_path):
    path = write_json(tmp_path, {"title": "not an array"})
    with pytest.raises(CommandError, match="must hold an array"):
        run_import(path)


