"""Published Learning the Lessons content changes only through a revision that passes the
anonymisation gate and a second editor; readers see the published text until then."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.common.models import Activity
from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import Article, CaseStudy, LessonsIssue, Reflection, Subscriber
from exchange.mail.models import OutboxMessage
from tests.factories import TopicFactory
from tests.lessons.factories import ArticleFactory, CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db
LEAK = "PC Smith did not check the cell."


@pytest.fixture
def live(editor):
    """A published issue with one case and one article, written by ``editor``."""
    issue = IssueFactory(number=70, title="Safer custody", created_by=editor, emailed_at=None)
    CaseFactory(issue=issue, title="Missed checks", summary="An officer did not check the cell.",
                created_by=editor)
    ArticleFactory(issue=issue, title="A custody nurse", body="A nurse joined the suite.")
    return issue


@pytest.fixture
def reader_subscribed(db):
    from django.utils import timezone
    return Subscriber.objects.create(email="reader@example.org", confirmed_at=timezone.now())


def public_text(client, url):
    client.logout()
    return client.get(url).content.decode()


def case_form(case, **changes):
    data = {"title": case.title, "summary": case.summary, "findings": case.findings,
            "key_learning": case.key_learning, "position": case.position,
            "questions_managers": "What would managers do?"}
    return {**data, **changes}


def test_editing_a_published_issue_makes_a_revision_and_readers_keep_the_published_text(
        client, editor, second_editor, live):
    client.force_login(editor)
    response = client.post(reverse("lessons:issue-edit", args=[live.pk]), {
        "number": live.number, "theme": live.theme_id, "title": "Safer custody, revised",
        "cover_summary": "Ring PC Smith on 07700 900123.", "introduction": "New words."})
    revision = LessonsIssue.objects.get(revision_of=live)
    assert response["Location"] == reverse("lessons:issue-edit", args=[revision.pk])
    assert (revision.status, revision.created_by, revision.title) == (
        EditorialStatus.DRAFT, editor, "Safer custody, revised")
    live.refresh_from_db()
    assert live.title == "Safer custody" and live.status == EditorialStatus.PUBLISHED
    assert "Safer custody, revised" not in public_text(client, live.get_absolute_url())

    domain.submit_for_review(subject=revision, actor=editor)
    with pytest.raises(ValidationError, match="second editor"):
        domain.publish(subject=revision, actor=editor)
    with pytest.raises(ValidationError, match="2 possible identifiers"):
        domain.publish(subject=revision, actor=second_editor)

    domain.return_to_draft(subject=revision, actor=second_editor, note="Take the name out.")
    domain.update_issue(issue=revision, actor=editor, data={"cover_summary": "Ring the desk."})
    domain.submit_for_review(subject=revision, actor=editor)
    domain.publish(subject=revision, actor=second_editor)
    live.refresh_from_db()
    revision.refresh_from_db()
    assert (live.title, live.cover_summary, live.status) == (
        "Safer custody, revised", "Ring the desk.", EditorialStatus.PUBLISHED)
    assert revision.status == EditorialStatus.MERGED
    assert "Safer custody, revised" in public_text(client, live.get_absolute_url())
    assert Activity.objects.for_object(live).filter(verb="publish_revision",
                                                    actor=second_editor).exists()


def test_editing_a_case_of_a_published_issue_waits_for_the_issue_revision(
        client, editor, second_editor, live, reader_subscribed):
    case = live.case_studies.get()
    client.force_login(editor)
    client.post(reverse("lessons:case-edit", args=[case.pk]), case_form(case, summary=LEAK))
    case.refresh_from_db()
    assert case.summary == "An officer did not check the cell."
    assert LEAK not in public_text(client, case.get_absolute_url())

    revision = LessonsIssue.objects.get(revision_of=live)
    case_revision = revision.case_studies.get()
    assert (case_revision.revision_of, case_revision.summary) == (case, LEAK)
    domain.submit_for_review(subject=revision, actor=editor)
    with pytest.raises(ValidationError, match="1 possible identifier"):
        domain.publish(subject=revision, actor=second_editor)
    domain.override_finding(subject=case_revision, kind="name", text="PC Smith",
                            reason="Invented for the training scenario", actor=editor)
    domain.publish(subject=revision, actor=second_editor)
    case.refresh_from_db()
    assert (case.summary, case.status, case.issue) == (LEAK, EditorialStatus.PUBLISHED, live)
    assert [q.text for q in case.questions.all()] == ["What would managers do?"]
    # The override follows the text to the published case, so the next revision keeps it.
    assert not domain.gate_findings(case)
    assert not OutboxMessage.objects.filter(template="lessons_issue_published").exists()


def test_an_article_edited_or_added_on_a_published_issue_goes_live_with_the_revision(
        client, editor, second_editor, live):
    article = live.articles.get()
    client.force_login(editor)
    form = {"kind": "stakeholder", "title": "A custody nurse", "body": "Call Dr Jones.",
            "position": 0}
    client.post(reverse("lessons:article-edit", args=[article.pk]), form)
    client.post(reverse("lessons:article-create", args=[live.pk]),
                {**form, "title": "A second view", "body": "Another force's view."})
    article.refresh_from_db()
    assert article.body == "A nurse joined the suite."
    assert list(live.articles.values_list("title", flat=True)) == ["A custody nurse"]
    assert "A second view" not in public_text(client, live.get_absolute_url())

    revision = LessonsIssue.objects.get(revision_of=live)
    assert sorted(revision.articles.values_list("title", flat=True)) == [
        "A custody nurse", "A second view"]
    domain.submit_for_review(subject=revision, actor=editor)
    with pytest.raises(ValidationError, match="1 possible identifier"):
        domain.publish(subject=revision, actor=second_editor)
    domain.override_finding(subject=revision.articles.get(revision_of=article), kind="name",
                            text="Dr Jones", reason="The byline author, who agreed", actor=editor)
    domain.publish(subject=revision, actor=second_editor)
    article.refresh_from_db()
    assert article.body == "Call Dr Jones."
    assert sorted(live.articles.values_list("title", flat=True)) == [
        "A custody nurse", "A second view"]
    assert "A second view" in public_text(client, live.get_absolute_url())


def test_a_case_added_to_a_published_issue_is_published_with_the_revision_and_emails_no_one(
        client, editor, second_editor, live, reader_subscribed):
    client.force_login(editor)
    client.post(reverse("lessons:case-create") + f"?issue={live.pk}",
                case_form(CaseStudy(title="A new case", summary="Medication was lost.")))
    new = CaseStudy.objects.get(title="A new case")
    assert new.issue.revision_of == live
    assert "A new case" not in public_text(client, live.get_absolute_url())

    domain.submit_for_review(subject=new.issue, actor=editor)
    domain.publish(subject=new.issue, actor=second_editor)
    new.refresh_from_db()
    assert (new.issue, new.status) == (live, EditorialStatus.PUBLISHED)
    assert "A new case" in public_text(client, live.get_absolute_url())
    assert not OutboxMessage.objects.filter(template="lessons_issue_published").exists()


def test_a_published_standalone_case_is_revised_and_reviewed_on_its_own(
        client, editor, second_editor):
    case = CaseFactory(issue=None, title="Standalone", created_by=editor)
    client.force_login(second_editor)
    client.post(reverse("lessons:case-edit", args=[case.pk]), case_form(case, title="Renamed"))
    revision = CaseStudy.objects.get(revision_of=case)
    assert (revision.issue, revision.created_by, revision.title) == (None, second_editor,
                                                                      "Renamed")
    assert CaseStudy.objects.get(pk=case.pk).title == "Standalone"
    domain.submit_for_review(subject=revision, actor=second_editor)
    with pytest.raises(ValidationError, match="second editor"):
        domain.publish(subject=revision, actor=second_editor)
    domain.publish(subject=revision, actor=editor)
    case.refresh_from_db()
    assert (case.title, case.status) == ("Renamed", EditorialStatus.PUBLISHED)
    assert CaseStudy.objects.get(pk=revision.pk).status == EditorialStatus.MERGED


def test_an_editor_who_changed_part_of_a_revision_cannot_approve_it(editor, second_editor, live):
    revision = domain.working_issue(issue=live, actor=editor)
    case = live.case_studies.get()
    domain.revise_case(case=case, actor=second_editor, data={"title": "Sneaked in"})
    domain.submit_for_review(subject=revision, actor=editor)
    with pytest.raises(ValidationError, match="second editor"):
        domain.publish(subject=revision, actor=second_editor)


def test_the_domain_refuses_to_change_published_content_in_place(editor, live):
    case, article = live.case_studies.get(), live.articles.get()
    with pytest.raises(ValidationError, match="revision"):
        domain.update_issue(issue=live, actor=editor, data={"title": "Direct"})
    with pytest.raises(ValidationError, match="revision"):
        domain.save_case_study(actor=editor, case=case, data={"summary": LEAK})
    with pytest.raises(ValidationError, match="revision"):
        domain.save_article(actor=editor, issue=live, article=article, data={"body": LEAK})
    with pytest.raises(ValidationError, match="revision"):
        domain.save_article(actor=editor, issue=live, data={"title": "New", "body": LEAK})
    with pytest.raises(ValidationError, match="revision"):
        domain.save_case_study(actor=editor, data={"issue": live, "title": "T", "summary": LEAK})
    assert LEAK not in str(list(CaseStudy.objects.values_list("summary", flat=True)))
    assert not Article.objects.filter(body=LEAK).exists()


def test_the_live_page_offers_the_open_revision_instead_of_a_second_one(
        client, editor, second_editor, live):
    revision = domain.working_issue(issue=live, actor=editor)
    assert domain.working_issue(issue=live, actor=second_editor) == revision
    client.force_login(second_editor)
    page = client.get(reverse("lessons:issue-edit", args=[live.pk])).content.decode()
    assert reverse("lessons:issue-edit", args=[revision.pk]) in page
    assert 'name="title"' not in page


def test_a_readers_answer_survives_a_revision_of_its_question(editor, second_editor, member):
    case = CaseFactory(issue=None, created_by=editor, questions={"managers": ["Old wording?"]})
    question = case.questions.get()
    domain.save_reflections(user=member, case=case, answers={question.pk: "My answer"})
    revision = domain.revise_case(case=case, actor=editor, data={},
                                  questions={"managers": ["New wording?"]})
    domain.submit_for_review(subject=revision, actor=editor)
    domain.publish(subject=revision, actor=second_editor)
    [kept] = Reflection.objects.filter(user=member)
    assert (kept.answer, kept.question.text, kept.question.case_study) == (
        "My answer", "New wording?", case)


def test_withdrawing_an_issue_withdraws_its_cases(client, editor, second_editor, live):
    case = live.case_studies.get()
    domain.withdraw(subject=live, actor=second_editor, reason="A complaint is being looked at.")
    case.refresh_from_db()
    assert case.status == EditorialStatus.DRAFT
    assert client.get(case.get_absolute_url()).status_code == 404
    [logged] = Activity.objects.for_object(case).filter(verb="withdraw")
    assert (logged.from_state, logged.to_state) == ("published", "draft")
    assert "A complaint" in logged.note


def test_republishing_a_withdrawn_issue_emails_no_subscriber_a_second_time(
        editor, second_editor, reader_subscribed):
    issue = IssueFactory(status=EditorialStatus.IN_REVIEW, created_by=editor, published_at=None,
                         emailed_at=None)
    domain.publish(subject=issue, actor=second_editor)
    domain.withdraw(subject=issue, actor=second_editor, reason="Checking a fact.")
    domain.submit_for_review(subject=issue, actor=editor)
    domain.publish(subject=issue, actor=second_editor)
    assert domain.send_issue(issue=issue) == 0
    assert OutboxMessage.objects.filter(template="lessons_issue_published").count() == 1
    issue.refresh_from_db()
    assert issue.emailed_at is not None


def test_the_public_issue_page_lists_only_published_cases(client, live):
    CaseFactory(issue=live, title="Not ready", status=EditorialStatus.DRAFT, published_at=None)
    assert "Not ready" not in client.get(live.get_absolute_url()).content.decode()


@pytest.mark.parametrize("model_name", ["lessonsissue", "casestudy", "article"])
def test_the_admin_shows_published_content_read_only(client, admin_user, live, model_name):
    obj = {"lessonsissue": live, "casestudy": live.case_studies.get(),
           "article": live.articles.get()}[model_name]
    client.force_login(admin_user)
    url = reverse(f"admin:lessons_{model_name}_change", args=[obj.pk])
    page = client.get(url).content.decode()
    assert 'name="title"' not in page
    client.post(url, {"title": "Changed in the admin", "summary": LEAK, "body": LEAK})
    obj.refresh_from_db()
    assert obj.title != "Changed in the admin"


def test_the_admin_offers_only_unpublished_issues_for_a_new_article(client, admin_user, live):
    draft = IssueFactory(status=EditorialStatus.DRAFT, published_at=None, theme=TopicFactory())
    client.force_login(admin_user)
    page = client.get(reverse("admin:lessons_article_add")).content.decode()
    issue_select = page[page.index('name="issue"'):].split("</select>")[0]
    assert f'<option value="{draft.pk}">' in issue_select
    assert f'<option value="{live.pk}">' not in issue_select
