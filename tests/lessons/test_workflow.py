"""The two-editor workflow and the anonymisation gate on publication."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from exchange.common.models import Activity
from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import FindingOverride
from exchange.mail.models import OutboxMessage
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return TopicFactory(name="Custody", slug="custody")


@pytest.fixture
def draft_issue(editor, theme):
    issue = domain.create_issue(actor=editor, data={"number": 50, "theme": theme,
                                                    "title": "Safer custody"})
    domain.save_case_study(actor=editor, data={
        "issue": issue, "title": "Missed checks", "summary": "PC Smith did not check the cell.",
        "findings": "The officer with collar number 5678 signed for checks.", "roles": ["custody_staff"],
        "themes": [theme]}, questions={"managers": ["How do you check checks?"]})
    domain.save_case_study(actor=editor, data={
        "issue": issue, "title": "A lost handover", "summary": "Medication was not passed on."})
    return issue


def test_the_author_cannot_publish_their_own_issue(editor, draft_issue):
    domain.submit_for_review(subject=draft_issue, actor=editor)
    with pytest.raises(ValidationError, match="second editor"):
        domain.publish(subject=draft_issue, actor=editor)


def test_the_gate_refuses_publication_while_findings_remain(editor, second_editor, draft_issue):
    domain.submit_for_review(subject=draft_issue, actor=editor)
    findings = domain.gate_findings(draft_issue)
    assert sorted((g.finding.kind, g.finding.text) for g in findings) == [
        ("collar_number", "collar number 5678"), ("name", "PC Smith")]
    with pytest.raises(ValidationError, match="2 possible identifiers"):
        domain.publish(subject=draft_issue, actor=second_editor)
    draft_issue.refresh_from_db()
    assert draft_issue.status == EditorialStatus.IN_REVIEW


def test_fixing_one_and_overriding_the_other_lets_a_second_editor_publish(
        editor, second_editor, draft_issue):
    case = draft_issue.case_studies.get(title="Missed checks")
    domain.save_case_study(actor=editor, case=case,
                           data={"summary": "An officer did not check the cell."})
    domain.override_finding(subject=case, kind="collar_number", text="collar number 5678",
                            reason="Invented number used in training material", actor=editor)
    domain.submit_for_review(subject=draft_issue, actor=editor)
    domain.publish(subject=draft_issue, actor=second_editor)

    draft_issue.refresh_from_db()
    assert draft_issue.status == EditorialStatus.PUBLISHED
    assert draft_issue.reviewed_by == second_editor
    assert draft_issue.publication_date is not None
    assert set(draft_issue.case_studies.values_list("status", flat=True)) == {"published"}
    override = FindingOverride.objects.get()
    assert (override.text, override.created_by) == ("collar number 5678", editor)
    verbs = list(Activity.objects.for_object(draft_issue).values_list("verb", flat=True))
    assert verbs == ["publish", "submit_for_review", "create"]
    assert Activity.objects.for_object(case).filter(
        verb="override_finding", note__contains="Invented number").exists()


def test_publishing_an_issue_publishes_its_cases_in_the_same_queries_however_many(
        editor, second_editor, theme, query_count):
    def publish_issue_with(number, cases):
        issue = domain.create_issue(actor=editor, data={"number": number, "theme": theme,
                                                        "title": f"Issue {number}"})
        for n in range(cases):
            domain.save_case_study(actor=editor, data={
                "issue": issue, "title": f"Case {n}", "summary": "Medication was not passed on."})
        domain.submit_for_review(subject=issue, actor=editor)
        return issue, query_count.of(lambda: domain.publish(subject=issue, actor=second_editor))

    publish_issue_with(59, 1)  # warms the content-type cache
    _, few = publish_issue_with(60, 1)
    issue, many = publish_issue_with(61, 4)
    assert many == few
    for case in issue.case_studies.all():
        assert (case.status, case.reviewed_by, case.published_at is not None) == (
            "published", second_editor, True)
        [logged] = Activity.objects.for_object(case).filter(verb="publish")
        assert (logged.from_state, logged.to_state, logged.actor) == ("draft", "published",
                                                                      second_editor)
        assert logged.note == "Published with issue 61"


def test_an_override_needs_a_reason_and_an_editor(editor, member, draft_issue):
    case = draft_issue.case_studies.first()
    with pytest.raises(ValidationError):
        domain.override_finding(subject=case, kind="name", text="PC Smith", reason=" ",
                                actor=editor)
    with pytest.raises(PermissionDenied):
        domain.override_finding(subject=case, kind="name", text="PC Smith", reason="ok",
                                actor=member)


def test_return_to_draft_needs_a_note_and_emails_the_author(editor, second_editor, draft_issue):
    domain.submit_for_review(subject=draft_issue, actor=editor)
    with pytest.raises(ValidationError):
        domain.return_to_draft(subject=draft_issue, actor=second_editor, note="")
    domain.return_to_draft(subject=draft_issue, actor=second_editor, note="Remove the name.")
    assert draft_issue.status == EditorialStatus.DRAFT
    message = OutboxMessage.objects.get(template="lessons_returned_to_draft")
    assert message.to == editor.email
    assert message.subject.startswith("Action needed:")
    assert "Remove the name." in message.body_text


def test_someone_who_is_not_an_editor_cannot_draft(member, reviewer, theme):
    for person in (member, reviewer):
        with pytest.raises(PermissionDenied):
            domain.create_issue(actor=person, data={"number": 9, "theme": theme, "title": "X"})


def test_publishing_through_the_page_shows_why_it_was_refused(client, editor, second_editor,
                                                              draft_issue):
    domain.submit_for_review(subject=draft_issue, actor=editor)
    client.force_login(second_editor)
    response = client.post(reverse("lessons:issue-action", args=[draft_issue.pk, "publish"]),
                           {"publish-note": ""}, follow=True)
    assert "2 possible identifiers" in response.content.decode()
    assert draft_issue.status == EditorialStatus.IN_REVIEW


def test_the_case_edit_page_marks_each_finding_in_place(client, editor, draft_issue):
    case = draft_issue.case_studies.get(title="Missed checks")
    client.force_login(editor)
    page = client.get(reverse("lessons:case-edit", args=[case.pk])).content.decode()
    assert '<mark class="exchange-finding" title="name">PC Smith</mark> did not check' in page
    assert "Override “collar number 5678”" in page


def test_overriding_through_the_page_stores_it_and_clears_the_finding(client, editor, draft_issue):
    case = draft_issue.case_studies.get(title="Missed checks")
    client.force_login(editor)
    client.post(reverse("lessons:override", args=["case", case.pk]), {
        "prefix": "o0", "o0-kind": "name", "o0-text": "PC Smith",
        "o0-reason": "A fictional name in a quoted training script"})
    remaining = [g.finding.text for g in domain.gate_findings(case)]
    assert remaining == ["collar number 5678"]


def test_checking_an_issue_reads_the_overrides_in_one_query_however_many_cases(
        editor, draft_issue, query_count):
    def queries_for_gate():
        return query_count.of(lambda: domain.gate_findings(draft_issue))

    few = queries_for_gate()
    for n in range(4):
        case = domain.save_case_study(actor=editor, data={
            "issue": draft_issue, "title": f"Extra case {n}", "summary": "Nothing identifying."})
        domain.override_finding(subject=case, kind="name", text=f"PC Extra{n}",
                                reason="Invented", actor=editor)
    assert queries_for_gate() == few
    # An override on one case still clears only that case's finding.
    case = draft_issue.case_studies.get(title="Missed checks")
    domain.override_finding(subject=case, kind="collar_number", text="collar number 5678",
                            reason="Invented", actor=editor)
    kinds = {f.finding.kind for f in domain.gate_findings(draft_issue)}
    assert "collar_number" not in kinds and kinds
