"""The demo's requests for events and invitation subscribers (events/demo.py loads them)."""

import io

import pytest

from exchange.common.models import Topic
from exchange.events import demo_requests
from exchange.events.enums import EventStatus, RequestStatus
from exchange.events.models import EventRequest, InvitationSubscriber
from exchange.people.enums import MembershipRole
from tests.events.access_rows_requests import planned_event
from tests.factories import TopicFactory, member_of, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(force, other_force):
    staff_user("Organiser", email="staff@example.org")
    member_of(force, email="member.kent@example.org")
    member_of(force, email="lead.kent@example.org", role=MembershipRole.LEAD)
    member_of(other_force, email="member.essex@example.org")
    member_of(other_force, email="lead.merseyside@example.org", role=MembershipRole.LEAD)
    for slug in ("evidence-based-policing", "mental-health", "custody", "problem-solving"):
        TopicFactory(slug=slug, name=slug.replace("-", " ").capitalize())


def load():
    out = io.StringIO()
    demo_requests.load(stdout=out, options={})
    return out.getvalue()


def test_the_demo_has_a_request_in_each_state_and_two_confirmed_subscribers(demo_people):
    planned_event(title="Sooner, on something else", days=5)
    event = planned_event(title="Problem solving: assessment", status=EventStatus.DRAFT,
                          topics=[Topic.objects.get(slug="problem-solving")])
    said = load()
    assert set(EventRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert EventRequest.objects.get(status=RequestStatus.MERGED).merged_into == event
    assert EventRequest.objects.get(status=RequestStatus.DECLINED).decision_reason
    assert InvitationSubscriber.objects.confirmed().count() == 2
    assert "Event requests: 4" in said


def test_the_demo_loads_once(demo_people):
    load()
    assert "already loaded" in load()
    assert EventRequest.objects.count() == 3  # no planned event to merge into: that one is left out
    assert InvitationSubscriber.objects.count() == 2
