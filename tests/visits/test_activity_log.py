"""The visit's history reads as people speak: the action's label, the states' labels."""

import pytest
from django.urls import reverse

from tests.practice.test_activity_log import log_of

pytestmark = pytest.mark.django_db


def test_opening_applications_reads_as_its_label_and_the_states_as_theirs(
        client, make_visit, organiser):
    visit = make_visit()
    client.force_login(organiser)
    log = log_of(client.get(reverse("visits:manage-visit", args=[visit.pk])).content.decode())
    assert (f"Opened for applications by {organiser.full_name} "
            "(from Planned to Open for applications)") in log
    assert f"Created by {organiser.full_name} (now Planned)" in log
    assert "openapplications" not in log and "open_for_applications" not in log
