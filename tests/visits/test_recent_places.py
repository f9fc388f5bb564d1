"""Rule 4 orders forces by the places they received on visits held in the last twelve months."""

import datetime

import pytest
from django.utils import timezone

from exchange.visits import domain
from exchange.visits.domain.places import recent_places
from exchange.visits.enums import VisitStatus
from exchange.visits.models import Visit

from .conftest import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def place_kent_on(make_visit, organiser, lead, member, colleague):
    """A visit on which Kent got two places, then held on ``date`` (None: not yet dated)."""
    def place(title, date, status=None):
        visit = make_visit(capacity=2, title=title)
        domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
        domain.run_allocation(visit=visit, actor=organiser)
        Visit.objects.filter(pk=visit.pk).update(date=date, status=status or VisitStatus.VISITED)
        return visit
    return place


def test_only_visits_held_in_the_twelve_months_before_count(make_visit, place_kent_on, force):
    today = timezone.localdate()
    place_kent_on("Last spring", today - datetime.timedelta(days=300))
    place_kent_on("Two years ago", today - datetime.timedelta(days=700))
    place_kent_on("Next month", today + datetime.timedelta(days=30), VisitStatus.ALLOCATED)
    place_kent_on("Date to be confirmed", None, VisitStatus.ALLOCATED)
    place_kent_on("Called off", today - datetime.timedelta(days=20), VisitStatus.CANCELLED)
    now = make_visit(title="Now")
    assert recent_places(now, [force.pk], today=today) == {force.pk: 2}


def test_places_on_a_coming_visit_do_not_put_a_force_behind(
        make_visit, place_kent_on, organiser, lead, member, colleague, other_lead, other_colleague):
    place_kent_on("Next month", timezone.localdate() + datetime.timedelta(days=30),
                  VisitStatus.ALLOCATED)
    visit = make_visit(capacity=2, title="Now")
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    # Kent applied first and has been on no visit yet: it gets the places.
    assert [p["organisation"] for p in domain.current_allocation(visit)["places"]] == ["Kent Police"]
