"""An editor can throw away an open revision of a published issue or case, so a revision
started by mistake no longer blocks every later change; the published rows stay as they are."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from exchange.common.models import Activity
from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import Article, CaseStudy, LessonsIssue
from tests.lessons.factories import ArticleFactory, CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(editor):
    """A published issue with one case and one article."""
    issue = IssueFactory(number=70, title="Safer custody", created_by=editor)
    CaseFactory(issue=issue, title="Missed checks", summary="An officer did not check the cell.")
    ArticleFactory(issue=issue, title="A custody nurse", body="A nurse joined the suite.")
    return issue


@pytest.fixture
def revision(live, editor):
    """An issue revision that changes the title, the case and the article and adds a case."""
    domain.revise_issue(issue=live, actor=editor, data={"title": "Safer custody, revised"})
    case, article = live.case_studies.get(), live.articles.get()
    domain.revise_case(case=case, actor=editor, data={"title": "Missed checks, revised"})
    domain.revise_article(article=article, actor=editor, data={"title": "A nurse, revised"})
    domain.add_case(issue=live, actor=editor, data={
        "title": "A new case", "summary": "Officers attended a call.", "position": 2})
    return LessonsIssue.objects.get(revision_of=live)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def snapshot(issue):
    return (issue.title, issue.status,
            list(issue.case_studies.values_list("title", "summary", "status")),
            list(issue.articles.values_list("title", "body")))


def test_discarding_an_issue_revision_deletes_it_and_its_parts_and_leaves_the_live_issue(
        client, editor, live, revision):
    before = snapshot(live)
    assert (revision.case_studies.count(), revision.articles.count()) == (2, 1)
    client.force_login(editor)
    response = client.post(reverse("lessons:issue-discard", args=[revision.pk]),
                           {"discard-note": "Started by mistake."})
    assert response["Location"] == reverse("lessons:issue-edit", args=[live.pk])
    assert messages_of(response) == [
        "The changes are discarded. The published version is unchanged."]
    assert not LessonsIssue.objects.filter(pk=revision.pk).exists()
    assert list(CaseStudy.objects.values_list("title", flat=True)) == ["Missed checks"]
    assert list(Article.objects.values_list("title", flat=True)) == ["A custody nurse"]
    live.refresh_from_db()
    assert snapshot(live) == before


def test_discarding_logs_who_and_why_on_the_live_issue(editor, live, revision):
    domain.discard_revision(revision=revision, actor=editor, reason="Started by mistake.")
    row = Activity.objects.for_object(live).get(verb="discard_revision")
    assert (row.actor, row.note, row.to_state) == (
        editor, "Started by mistake.", EditorialStatus.PUBLISHED)


def test_after_discarding_a_new_revision_can_be_opened(editor, live, revision):
    domain.discard_revision(revision=revision, actor=editor)
    assert domain.open_revision(live) is None
    again = domain.revise_issue(issue=live, actor=editor, data={"title": "Second go"})
    assert (again.revision_of, again.title, again.status) == (
        live, "Second go", EditorialStatus.DRAFT)
    assert again.case_studies.count() == 0


def test_the_confirmation_page_says_what_will_be_lost_and_changes_nothing(
        client, editor, live, revision):
    client.force_login(editor)
    page = client.get(reverse("lessons:issue-discard", args=[revision.pk])).content.decode()
    assert "Discard these changes?" in page
    assert "Safer custody, revised" in page
    assert "2 case studies" in page and "1 article," in page
    assert reverse("lessons:issue-edit", args=[revision.pk]) in page
    assert LessonsIssue.objects.filter(pk=revision.pk).exists()
    assert (CaseStudy.objects.count(), Article.objects.count()) == (3, 2)


def test_only_an_open_revision_links_to_discarding(client, editor, live, revision):
    client.force_login(editor)
    url = reverse("lessons:issue-discard", args=[revision.pk])
    assert url in client.get(reverse("lessons:issue-edit", args=[revision.pk])).content.decode()
    live_page = client.get(reverse("lessons:issue-edit", args=[live.pk])).content.decode()
    assert "/discard/" not in live_page


def test_a_live_issue_cannot_be_discarded(client, editor, live):
    client.force_login(editor)
    response = client.post(reverse("lessons:issue-discard", args=[live.pk]))
    assert response["Location"] == reverse("lessons:issue-edit", args=[live.pk])
    assert "not the published work" in messages_of(response)[0]
    with pytest.raises(ValidationError, match="not the published work"):
        domain.discard_revision(revision=live, actor=editor)
    assert LessonsIssue.objects.filter(pk=live.pk).exists()
    assert (CaseStudy.objects.count(), Article.objects.count()) == (1, 1)


def test_a_merged_revision_cannot_be_discarded(client, editor, live):
    merged = IssueFactory(number=70, revision_of=live, status=EditorialStatus.MERGED,
                          published_at=None)
    client.force_login(editor)
    response = client.post(reverse("lessons:issue-discard", args=[merged.pk]))
    assert response["Location"] == reverse("lessons:issue-edit", args=[merged.pk])
    assert "already published" in messages_of(response)[0]
    with pytest.raises(ValidationError, match="already published"):
        domain.discard_revision(revision=merged, actor=editor)
    assert LessonsIssue.objects.filter(pk=merged.pk).exists()
    assert not Activity.objects.filter(verb="discard_revision").exists()


def test_a_member_cannot_discard_a_revision(client, member, live, revision):
    client.force_login(member)
    url = reverse("lessons:issue-discard", args=[revision.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    with pytest.raises(PermissionDenied):
        domain.discard_revision(revision=revision, actor=member)
    assert LessonsIssue.objects.filter(pk=revision.pk).exists()
    assert CaseStudy.objects.count() == 3


def test_a_standalone_case_revision_is_discarded_on_its_own(client, editor):
    case = CaseFactory(issue=None, title="Standalone", summary="Published words.")
    revision = domain.revise_case(case=case, actor=editor, data={"summary": "New words."})
    client.force_login(editor)
    response = client.post(reverse("lessons:case-discard", args=[revision.pk]))
    assert response["Location"] == reverse("lessons:case-edit", args=[case.pk])
    assert list(CaseStudy.objects.values_list("pk", "summary", "status")) == [
        (case.pk, "Published words.", EditorialStatus.PUBLISHED)]
    assert Activity.objects.for_object(case).filter(verb="discard_revision", actor=editor).exists()


def test_a_case_in_an_issue_revision_is_discarded_with_its_issue(editor, live, revision):
    case_revision = revision.case_studies.get(revision_of__isnull=False)
    with pytest.raises(ValidationError, match="discard those changes instead"):
        domain.discard_revision(revision=case_revision, actor=editor)
    assert CaseStudy.objects.filter(pk=case_revision.pk).exists()
