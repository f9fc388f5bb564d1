import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory, staff_user


@pytest.mark.django_db
def test_staff_see_links_to_the_pages_their_roles_open_and_no_others(client):
    organiser = staff_user("Organiser", email="organiser@example.org")
    client.force_login(organiser, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("common:home")).content.decode()
    assert f'href="{reverse("visits:manage")}">Run visits<' in page
    assert reverse("lessons:editor") not in page
    assert reverse("practice:review-queue") not in page


@pytest.mark.django_db
def test_members_see_no_staff_links(client, member):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("common:home")).content.decode()
    assert "Run visits" not in page
    assert "Review queue" not in page


@pytest.mark.django_db
def test_a_reviewer_who_is_not_django_staff_still_sees_the_review_queue(client):
    # The link follows the permission, not is_staff (issue 8): before, is_staff hid it.
    reviewer = UserFactory(email="not-staff@example.org")
    reviewer.groups.add(Group.objects.get_or_create(name="Reviewer")[0])
    client.force_login(reviewer, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("common:home")).content.decode()
    assert f'href="{reverse("practice:review-queue")}">Review queue<' in page
    assert f'href="{reverse("people:membership-queue")}">Memberships<' in page
    assert reverse("visits:manage") not in page


@pytest.mark.django_db
def test_django_staff_without_a_role_see_no_staff_links(client):
    client.force_login(UserFactory(is_staff=True),
                       backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("common:home")).content.decode()
    assert "Review queue" not in page and "Memberships" not in page and "Run visits" not in page


@pytest.mark.django_db
def test_the_navigation_marks_the_programme_being_read(client):
    page = client.get(reverse("visits:list")).content.decode()
    assert (f'<a class="govuk-service-navigation__link" href="{reverse("visits:list")}" '
            'aria-current="true">') in page
