"""Issues are numbered for the editors: the next number, never typed, never a duplicate."""

import pytest
from django.urls import reverse

from exchange.lessons import domain
from exchange.lessons.models import LessonsIssue
from tests.factories import TopicFactory

from .factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return TopicFactory(name="Custody", slug="custody")


def test_a_new_issue_takes_the_number_after_the_last(editor, theme):
    IssueFactory(number=41)
    IssueFactory(number=43)
    issue = domain.create_issue(actor=editor, data={"theme": theme, "title": "Safer custody"})
    assert issue.number == 44
    following = domain.create_issue(actor=editor, data={"theme": theme, "title": "Roads"})
    assert following.number == 45


def test_the_first_issue_is_number_one(editor, theme):
    assert domain.create_issue(actor=editor, data={"theme": theme, "title": "First"}).number == 1


def test_a_revision_does_not_count_as_another_issue(editor, theme):
    published = IssueFactory(number=7)
    domain.revise_issue(issue=published, actor=editor, data={"title": "Retitled"})
    assert domain.next_issue_number() == 8
    assert LessonsIssue.objects.filter(number=7).count() == 2


def test_an_issue_that_carries_its_number_keeps_it(editor, theme):
    IssueFactory(number=43)
    issue = domain.create_issue(actor=editor, data={"number": 12, "theme": theme, "title": "Old"})
    assert issue.number == 12


def test_the_new_issue_form_asks_for_no_number_and_says_which_it_will_be(client, editor, theme):
    IssueFactory(number=43)
    client.force_login(editor)
    page = client.get(reverse("lessons:issue-create")).content.decode()
    assert 'name="number"' not in page
    assert "this one will be issue 44" in page
    response = client.post(reverse("lessons:issue-create"), {
        "number": "43", "theme": theme.pk, "title": "Safer custody"}, follow=True)
    assert "already exists" not in response.content.decode()
    assert "Issue 44 is drafted" in response.content.decode()
    assert LessonsIssue.objects.get(title="Safer custody").number == 44


def test_editing_a_draft_keeps_its_number(client, editor, theme):
    issue = domain.create_issue(actor=editor, data={"theme": theme, "title": "Draft"})
    domain.update_issue(issue=issue, actor=editor, data={"number": 99, "title": "Renamed"})
    issue.refresh_from_db()
    assert (issue.number, issue.title) == (1, "Renamed")
