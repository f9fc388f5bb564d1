"""Sending work for review: the other editors are told, and nothing changes while it is with
them, so what the second editor approves is what is published."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import Article, CaseStudy
from exchange.mail.models import OutboxMessage
from tests.factories import TopicFactory, staff_user

from .factories import ArticleFactory, CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_editor(db):
    return staff_user("Editor", email="editor3@example.org", full_name="Tia Third")


@pytest.fixture
def issue_in_review(editor):
    issue = domain.create_issue(actor=editor, data={
        "number": 70, "theme": TopicFactory(name="Custody"), "title": "Safer custody"})
    domain.save_case_study(actor=editor, data={"issue": issue, "title": "Missed checks",
                                               "summary": "Checks were missed."})
    domain.save_article(actor=editor, issue=issue, data={"title": "A view", "body": "Words."})
    domain.submit_for_review(subject=issue, actor=editor, note="Please check the second case.")
    return issue


def test_sending_for_review_emails_the_other_editors_and_not_the_author(
        editor, second_editor, third_editor, reviewer, issue_in_review):
    messages = OutboxMessage.objects.filter(template="lessons_review_requested").order_by("to")
    assert [m.to for m in messages] == [second_editor.email, third_editor.email]
    message = messages[0]
    assert message.subject == "Review needed: Issue 70: Safer custody"
    assert "Please check the second case." in message.body_text
    assert reverse("lessons:issue-edit", args=[issue_in_review.pk]) in message.body_text


def test_an_editor_who_wrote_a_case_of_the_issue_is_not_asked_to_review_it(
        editor, second_editor, third_editor):
    issue = domain.create_issue(actor=editor, data={
        "number": 71, "theme": TopicFactory(name="Roads"), "title": "Roads"})
    domain.save_case_study(actor=second_editor, data={"issue": issue, "title": "A crash",
                                                      "summary": "A car left the road."})
    domain.submit_for_review(subject=issue, actor=editor)
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [third_editor.email]


def test_nothing_in_an_issue_in_review_can_be_changed(editor, second_editor, issue_in_review):
    case = issue_in_review.case_studies.get()
    article = issue_in_review.articles.get()
    changes = [
        lambda: domain.revise_issue(issue=issue_in_review, actor=editor, data={"title": "New"}),
        lambda: domain.revise_case(case=case, actor=second_editor, data={"summary": "New"}),
        lambda: domain.add_case(issue=issue_in_review, actor=editor,
                                data={"title": "Extra", "summary": "More."}),
        lambda: domain.revise_article(article=article, actor=editor, data={"body": "New"}),
        lambda: domain.add_article(issue=issue_in_review, actor=editor,
                                   data={"title": "Extra", "body": "More."}),
    ]
    for change in changes:
        with pytest.raises(ValidationError, match="with a second editor for review"):
            change()
    case.refresh_from_db()
    issue_in_review.refresh_from_db()
    assert (issue_in_review.title, case.summary) == ("Safer custody", "Checks were missed.")
    assert (CaseStudy.objects.count(), Article.objects.count()) == (1, 1)


def test_returned_to_draft_the_issue_can_be_changed_again(editor, second_editor, issue_in_review):
    domain.return_to_draft(subject=issue_in_review, actor=second_editor, note="Shorten it.")
    case = domain.revise_case(case=issue_in_review.case_studies.get(), actor=editor,
                              data={"summary": "Shorter."})
    assert case.summary == "Shorter."


def test_a_standalone_case_in_review_cannot_be_changed(editor):
    case = domain.save_case_study(actor=editor, data={"title": "Alone", "summary": "Once."})
    domain.submit_for_review(subject=case, actor=editor)
    with pytest.raises(ValidationError, match="with a second editor for review"):
        domain.revise_case(case=case, actor=editor, data={"summary": "Twice."})


def test_changes_to_a_published_issue_cannot_be_changed_while_in_review(editor, second_editor):
    issue = IssueFactory(number=72)
    case = CaseFactory(issue=issue)
    ArticleFactory(issue=issue)
    revision = domain.revise_issue(issue=issue, actor=editor, data={"title": "Retitled"})
    domain.submit_for_review(subject=revision, actor=editor)
    with pytest.raises(ValidationError, match="with a second editor for review"):
        domain.revise_case(case=case, actor=editor, data={"summary": "Changed after review."})
    assert not CaseStudy.objects.filter(revision_of=case).exists()


def test_the_edit_page_of_a_case_in_review_offers_no_form_and_refuses_a_save(
        client, editor, issue_in_review):
    case = issue_in_review.case_studies.get()
    client.force_login(editor)
    url = reverse("lessons:case-edit", args=[case.pk])
    page = client.get(url).content.decode()
    assert "with a second editor for review, so it cannot be changed" in page
    assert "Save and check" not in page
    response = client.post(url, {"title": "Changed", "summary": "Changed."}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "return it to draft, make the change and send it for review again" in (
        response.content.decode())
    case.refresh_from_db()
    assert case.title == "Missed checks"


def test_the_issue_page_in_review_offers_no_new_case_or_article(client, editor, issue_in_review):
    client.force_login(editor)
    page = client.get(reverse("lessons:issue-edit", args=[issue_in_review.pk])).content.decode()
    assert "Add a case study" not in page
    assert "Add an article" not in page
    response = client.get(reverse("lessons:article-create", args=[issue_in_review.pk]))
    assert response.status_code == 302
    assert response.url == reverse("lessons:issue-edit", args=[issue_in_review.pk])


def test_a_published_case_in_a_published_issue_whose_changes_are_in_review_says_why_on_save(
        client, editor):
    issue = IssueFactory(number=73)
    case = CaseFactory(issue=issue, title="Published case")
    revision = domain.revise_issue(issue=issue, actor=editor, data={"title": "Retitled"})
    domain.submit_for_review(subject=revision, actor=editor)
    client.force_login(editor)
    response = client.post(reverse("lessons:case-edit", args=[case.pk]), {
        "title": "Published case", "summary": "Changed.", "position": "0"})
    assert response.status_code == 200
    assert "with a second editor for review" in response.content.decode()
    assert CaseStudy.objects.get(pk=case.pk).status == EditorialStatus.PUBLISHED
