"""Who may edit Learning the Lessons: the Editor role, asked through `rules`, never ``is_staff``."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from exchange.common.permissions import allows
from tests.factories import UserFactory, staff_user

from .factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(editor, reviewer, member, admin_user):
    return {"anonymous": AnonymousUser(), "editor": editor, "reviewer": reviewer,
            "organiser": staff_user("Organiser", email="organiser@example.org"),
            "member": member, "admin_user": admin_user}


def test_editors_and_administrators_edit_the_lessons(people):
    assert {name for name, user in people.items() if allows(user, "lessons.edit_lessons")} == {
        "editor", "admin_user"}


@pytest.mark.parametrize(("name", "status"), [
    ("reviewer", 403), ("organiser", 403), ("member", 403), ("editor", 200)])
def test_the_editors_pages_refuse_other_people(client, people, name, status):
    client.force_login(people[name])
    assert client.get(reverse("lessons:editor")).status_code == status


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("lessons:editor"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:sign-in"))


def test_an_editor_without_the_admin_flag_still_edits(client):
    editor = UserFactory(email="plain-editor@example.org")
    editor.groups.add(Group.objects.get_or_create(name="Editor")[0])
    client.force_login(editor)
    assert client.get(reverse("lessons:editor")).status_code == 200


@pytest.mark.parametrize(("name", "status"), [("editor", 200), ("reviewer", 404),
                                              ("member", 404)])
def test_a_draft_issue_is_seen_by_editors_only(client, people, name, status):
    issue = IssueFactory(status="draft")
    client.force_login(people[name])
    assert client.get(reverse("lessons:issue", kwargs={"number": issue.number})).status_code \
        == status
