import pytest
from django.urls import reverse

from tests.factories import staff_user


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
