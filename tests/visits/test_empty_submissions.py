"""A POST is a submission however empty: a form of optional fields acts, a form of required
fields says what to enter. (``request.POST or None`` once treated an empty POST as a GET.)"""

import pytest
from django.urls import reverse

from exchange.visits.enums import VisitStatus

pytestmark = pytest.mark.django_db


def test_confirming_a_change_of_state_with_no_note_makes_the_change(client, make_visit, organiser):
    visit = make_visit(open=False)
    client.force_login(organiser)
    response = client.post(reverse("visits:change-state", args=[visit.pk, "open_applications"]))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.OPEN


def test_an_empty_programme_year_form_says_what_to_enter(client, organiser):
    client.force_login(organiser)
    page = client.post(reverse("visits:programme-years"), {}).content.decode()
    assert "There is a problem" in page
    assert "Enter the name" in page
