"""Who may see, change and review practice: asked of `rules`, never of ``is_staff``.

A reviewer sees unpublished practice because reviewing it is their job; an editor or organiser
who is not a reviewer sees what any other person in their place would.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from exchange.common.permissions import allows
from exchange.practice.models import Practice
from tests.factories import PracticeFactory, UserFactory, staff_user

PEOPLE = ["anonymous", "member", "colleague", "lead", "outsider", "reviewer", "editor",
          "organiser", "admin_user", "unaffiliated"]


@pytest.fixture
def editor(db):
    return staff_user("Editor", email="editor@example.org", full_name="Eden Editor")


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def unaffiliated(db):
    return UserFactory(email="someone@example.com", full_name="Sam Someone")


def person(request, name):
    if name == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(name)


@pytest.fixture
def entries(member):
    """One entry in each state that matters, all written by ``member`` of Kent Police."""
    def entry(title, **fields):
        return PracticeFactory(title=title, submitted_by=member,
                               organisation=member.organisation, **fields)

    return {
        "public": entry("Public entry"),
        "members_only": entry("Members-only entry", visibility="members"),
        "draft": entry("Draft entry", status="draft", published_at=None),
        "submitted": entry("Submitted entry", status="submitted", published_at=None),
        "declined": entry("Declined entry", status="declined", published_at=None),
    }


SEES = {
    "anonymous": {"public"},
    "unaffiliated": {"public"},
    "member": {"public", "members_only", "draft", "submitted", "declined"},
    "colleague": {"public", "members_only"},
    "lead": {"public", "members_only", "draft", "submitted", "declined"},
    "outsider": {"public", "members_only"},
    "reviewer": {"public", "members_only", "draft", "submitted", "declined"},
    "admin_user": {"public", "members_only", "draft", "submitted", "declined"},
    # Programme staff read members-only entries, as members do; they see nothing unpublished.
    "editor": {"public", "members_only"},
    "organiser": {"public", "members_only"},
}


@pytest.mark.parametrize("name", PEOPLE)
def test_lists_and_the_permission_agree_on_who_sees_what(request, entries, name):
    user = person(request, name)
    listed = set(Practice.objects.for_user(user).values_list("title", flat=True))
    allowed = {key for key, entry in entries.items()
               if allows(user, "practice.view_practice", entry)}
    assert allowed == SEES[name]
    assert listed == {entries[key].title for key in SEES[name]}


@pytest.mark.parametrize("name", ["editor", "organiser"])
def test_staff_who_do_not_review_cannot_open_unpublished_practice(client, request, entries,
                                                                   name):
    client.force_login(request.getfixturevalue(name))
    response = client.get(reverse("practice:detail", kwargs={"pk": entries["submitted"].pk}))
    assert response.status_code == 404
    queue = client.get(reverse("practice:review-queue"))
    assert queue.status_code == 403


def test_a_reviewer_opens_unpublished_practice_because_they_review_it(client, reviewer, entries):
    client.force_login(reviewer)
    response = client.get(reverse("practice:detail", kwargs={"pk": entries["submitted"].pk}))
    assert response.status_code == 200
    assert "Submitted entry" in response.content.decode()


def test_a_reviewer_without_the_admin_flag_still_reviews(client, entries):
    # Staff roles are groups; Django's is_staff only opens /admin/.
    reviewer = UserFactory(email="plain-reviewer@example.org")
    reviewer.groups.add(Group.objects.get_or_create(name="Reviewer")[0])
    assert allows(reviewer, "practice.review_practice")
    client.force_login(reviewer)
    response = client.get(reverse("practice:review-queue"))
    assert response.status_code == 200
    assert "Submitted entry" in response.content.decode()


def test_only_the_submitter_and_reviewers_change_a_draft(request, entries, editor, organiser):
    draft = entries["draft"]
    allowed = {name for name in PEOPLE
               if allows(person(request, name), "practice.change_practice", draft)}
    assert allowed == {"member", "reviewer", "admin_user"}


def test_nobody_changes_a_published_entry_in_place(request, entries):
    public = entries["public"]
    assert not any(allows(person(request, name), "practice.change_practice", public)
                   for name in PEOPLE)


def test_the_submitter_and_reviewers_may_suggest_changes_to_a_published_entry(request, entries):
    allowed = {name for name in PEOPLE
               if allows(person(request, name), "practice.revise_practice", entries["public"])}
    assert allowed == {"member", "reviewer", "admin_user"}
    assert not allows(request.getfixturevalue("member"), "practice.revise_practice",
                                                          entries["draft"])


def test_only_the_submitter_and_reviewers_delete_a_draft(request, entries):
    allowed = {name for name in PEOPLE
               if allows(person(request, name), "practice.delete_practice", entries["draft"])}
    assert allowed == {"member", "reviewer", "admin_user"}
    assert not allows(request.getfixturevalue("member"), "practice.delete_practice",
                                                          entries["submitted"])


def test_members_and_programme_staff_may_share_practice(request, db):
    allowed = {name for name in PEOPLE
               if allows(person(request, name), "practice.share_practice")}
    assert allowed == {"member", "colleague", "lead", "outsider", "reviewer", "editor",
                       "organiser", "admin_user"}


@pytest.mark.parametrize(("name", "shown"), [
    ("reviewer", True), ("editor", False), ("organiser", False), ("member", False)])
def test_the_activity_log_on_an_entry_is_for_reviewers(client, request, entries, name, shown):
    from exchange.common.domain import log_activity
    log_activity(subject=entries["public"], actor=request.getfixturevalue("reviewer"),
                 verb="change_label", note="Checked the evidence again")
    client.force_login(request.getfixturevalue(name))
    page = client.get(reverse("practice:detail", kwargs={"pk": entries["public"].pk}))
    assert page.status_code == 200
    assert ("Checked the evidence again" in page.content.decode()) is shown
