"""``manage.py import_case_studies``: all-or-nothing checks, re-import, drafts through the gate."""

import json

import pytest
from django.core.management import CommandError, call_command

from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import CaseStudy
from tests.lessons.factories import IssueFactory

pytestmark = pytest.mark.django_db


def write(tmp_path, rows):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return str(path)


GOOD = {"title": "Missed checks", "summary": "PC Smith did not check the cell.",
        "themes": ["Custody"], "roles": ["custody_staff", "Supervisors"], "force": "Kent Police",
        "date_of_incident": "2024-03-01", "key_learning": "Check properly.",
        "questions": [{"audience": "managers", "text": "How do you assure checks?"},
                      {"audience": "Officers and staff", "text": "What would you do?"}],
        "issue": 7, "source_url": "https://example.org/case", "external_id": "ltl-1"}


def test_a_good_file_creates_draft_cases_that_must_pass_the_gate(tmp_path, capsys, force):
    IssueFactory(number=7, status=EditorialStatus.DRAFT)
    call_command("import_case_studies", write(tmp_path, [GOOD, {"title": "B", "summary": "S"}]))
    assert "Created 2 (as drafts), updated 0" in capsys.readouterr().out
    case = CaseStudy.objects.get(external_id="ltl-1")
    assert case.status == EditorialStatus.DRAFT
    assert case.issue.number == 7 and case.force == force
    assert sorted(case.roles) == ["custody_staff", "supervisors"]
    assert [t.name for t in case.themes.all()] == ["Custody"]
    assert case.questions.count() == 2
    assert [g.finding.text for g in domain.gate_findings(case)] == ["PC Smith"]


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path, capsys):
    rows = [GOOD, {"summary": "No title", "roles": ["astronaut"]},
            {"title": "x", "summary": "y", "date_of_incident": "yesterday", "issue": 99,
             "questions": [{"audience": "everyone", "text": "Why?"}], "colour": "red"}]
    with pytest.raises(CommandError, match="3 of 3 rows have problems"):
        call_command("import_case_studies", write(tmp_path, rows))
    err = capsys.readouterr().err
    for line in ["row 1, field issue: no issue with number 7",
                 "row 2, field title: Enter a title", "row 2, field roles: 'astronaut' is not a role",
                 "row 3, field date_of_incident:", "row 3, field issue: no issue with number 99",
                 "row 3, field questions[1]:", "row 3, field colour: unknown field 'colour'"]:
        assert line in err
    assert not CaseStudy.objects.exists()


def test_skip_invalid_imports_the_good_rows(tmp_path, capsys):
    rows = [{"title": "Good", "summary": "Fine"}, {"title": "No summary"}]
    call_command("import_case_studies", write(tmp_path, rows), "--skip-invalid")
    assert "Created 1 (as drafts), updated 0, skipped 1 of 2" in capsys.readouterr().out
    assert list(CaseStudy.objects.values_list("title", flat=True)) == ["Good"]


def test_reimporting_by_external_id_updates_a_draft_in_place(tmp_path):
    call_command("import_case_studies",
                 write(tmp_path, [{"title": "First", "summary": "One", "external_id": "x-1"}]))
    call_command("import_case_studies",
                 write(tmp_path, [{"title": "Second", "summary": "Two", "external_id": "x-1"}]))
    case = CaseStudy.objects.get()
    assert (case.title, case.status) == ("Second", EditorialStatus.DRAFT)


def test_reimporting_a_published_case_makes_a_revision_and_keeps_the_published_text(tmp_path):
    call_command("import_case_studies",
                 write(tmp_path, [{"title": "First", "summary": "One", "external_id": "x-1"}]))
    CaseStudy.objects.update(status=EditorialStatus.PUBLISHED)
    call_command("import_case_studies",
                 write(tmp_path, [{"title": "Second", "summary": "Two", "external_id": "x-1"}]))
    live = CaseStudy.objects.get(external_id="x-1")
    assert (live.title, live.status) == ("First", EditorialStatus.PUBLISHED)
    revision = CaseStudy.objects.get(revision_of=live)
    assert (revision.title, revision.status) == ("Second", EditorialStatus.DRAFT)


def test_a_file_that_is_not_a_json_array_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{\"title\": 1}", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON array"):
        call_command("import_case_studies", str(path))


@pytest.mark.parametrize("withheld", ["", None, "Anonymised", "anonymized", "Withheld",
                                      "Not disclosed", "N/A", "-", " \u2013 "])
def test_a_case_whose_force_is_withheld_is_imported_without_one(tmp_path, capsys, withheld):
    call_command("import_case_studies", write(tmp_path, [
        {"title": "Withheld", "summary": "S", "force": withheld, "external_id": "w-1"}]))
    case = CaseStudy.objects.get(external_id="w-1")
    assert (case.force, case.force_name) == (None, "")
    assert "kept as text" not in capsys.readouterr().out


def test_a_force_with_a_note_in_brackets_is_matched_by_its_name(tmp_path, force):
    call_command("import_case_studies", write(tmp_path, [
        {"title": "Joint", "summary": "S", "force": "Kent Police (with Essex Police)"}]))
    case = CaseStudy.objects.get()
    assert (case.force, case.force_name) == (force, "")


def test_a_body_that_is_not_a_known_force_is_kept_as_text_and_named_in_the_report(
        tmp_path, capsys, force):
    call_command("import_case_studies", write(tmp_path, [
        {"title": "Agency", "summary": "S", "force": "Immigration Enforcement"},
        {"title": "Kent", "summary": "S", "force": "kent police"}]))
    agency = CaseStudy.objects.get(title="Agency")
    assert (agency.force, agency.force_name) == (None, "Immigration Enforcement")
    assert CaseStudy.objects.get(title="Kent").force == force
    out = capsys.readouterr().out
    assert ("Forces not recognised, kept as text on the case (check them): "
            "row 1: Immigration Enforcement") in out


def test_a_case_cannot_be_imported_into_a_published_issue(tmp_path, capsys):
    IssueFactory(number=8)
    with pytest.raises(CommandError):
        call_command("import_case_studies",
                     write(tmp_path, [{"title": "Late", "summary": "S", "issue": 8}]))
    assert "row 1, field issue: issue 8 is published" in capsys.readouterr().err
    assert not CaseStudy.objects.exists()
