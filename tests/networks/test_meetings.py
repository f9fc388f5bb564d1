"""A network's meetings: facilitators schedule and change them (members are emailed the
invitation), write the notes and actions afterwards; members see the joining details, and
nobody else does by any path: the pages, a meeting's .ics, the members' calendar, the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.networks.domain import meetings as domain
from exchange.networks.enums import MembershipStatus
from exchange.networks.models import Meeting
from tests.factories import UserFactory, staff_user

from .factories import MeetingFactory, MembershipFactory, NetworkFactory, facilitator_of

pytestmark = pytest.mark.django_db
SECRET = "secret-room"


@pytest.fixture
def network():
    return NetworkFactory(name="Demand", slug="demand")


@pytest.fixture
def facilitator(network):
    return facilitator_of(network, UserFactory(full_name="Fran Facilitator")).user


@pytest.fixture
def member(network):
    return MembershipFactory(network=network, user=UserFactory(full_name="Mo Member")).user


def in_london(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_scheduling_emails_each_active_member_the_invitation_with_joining_details(
        network, facilitator, member):
    MembershipFactory(network=network, status=MembershipStatus.PENDING)
    day = timezone.localdate() + datetime.timedelta(days=10)
    meeting = domain.schedule(network=network, actor=facilitator, title="Forecasting calls",
                              starts_at=in_london(day, 14), ends_at=in_london(day, 15),
                              agenda="Models", joining_details="https://meet.example.org/secret-room")
    sent = OutboxMessage.objects.filter(template="network_meeting_scheduled")
    assert sorted(sent.values_list("to", flat=True)) == sorted([facilitator.email, member.email])
    message = sent.get(to=member.email)
    assert SECRET in message.body_text
    assert "14:00 to 15:00 (UK time)" in message.body_text
    attachment = message.attachments.get()
    assert attachment.filename == "meeting.ics"
    assert SECRET.encode() in bytes(attachment.content)
    assert Activity.objects.for_object(meeting).get().verb == "schedule_meeting"


def test_a_meeting_must_end_after_it_starts(network, facilitator):
    now = timezone.now()
    with pytest.raises(ValidationError):
        domain.schedule(network=network, actor=facilitator, title="Backwards",
                        starts_at=now + datetime.timedelta(hours=2), ends_at=now)


def test_moving_a_meeting_emails_the_new_time_but_changing_the_agenda_does_not(
        network, facilitator, member):
    meeting = MeetingFactory(network=network)
    domain.change(meeting=meeting, actor=facilitator, agenda="New agenda")
    assert not OutboxMessage.objects.filter(template="network_meeting_changed").exists()
    later = meeting.starts_at + datetime.timedelta(days=1)
    domain.change(meeting=meeting, actor=facilitator, starts_at=later,
                  ends_at=later + datetime.timedelta(hours=1))
    assert OutboxMessage.objects.filter(template="network_meeting_changed", to=member.email).exists()
    assert [a.note for a in Activity.objects.for_object(meeting).order_by("id")] == [
        "Changed: agenda", "Changed: starts at, ends at"]


def test_notes_wait_until_the_meeting_has_started(network, facilitator):
    meeting = MeetingFactory(network=network)
    with pytest.raises(ValidationError):
        domain.write_notes(meeting=meeting, actor=facilitator, notes="Too soon", actions="")
    started = MeetingFactory(network=network, starts_at=timezone.now() - datetime.timedelta(hours=2))
    domain.write_notes(meeting=started, actor=facilitator, notes="Agreed a plan",
                       actions="Kent: share the template")
    started.refresh_from_db()
    assert started.notes == "Agreed a plan"


# --- Pages ----------------------------------------------------------------------------------


def test_a_facilitator_schedules_a_meeting_through_the_form(client, network, facilitator):
    client.force_login(facilitator)
    day = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(reverse("networks:meeting-new", args=[network.slug]), {
        "title": "Quarterly", "starts_at": f"{day:%Y-%m-%d}T10:00",
        "ends_at": f"{day:%Y-%m-%d}T11:30", "agenda": "", "joining_details": "Room 1"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(meeting.starts_at).hour == 10  # entered as UK time


def test_the_form_keeps_what_was_typed_and_puts_the_time_error_on_the_end(
        client, network, facilitator):
    client.force_login(facilitator)
    day = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(reverse("networks:meeting-new", args=[network.slug]), {
        "title": "Backwards", "starts_at": f"{day:%Y-%m-%d}T11:00",
        "ends_at": f"{day:%Y-%m-%d}T10:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["The meeting must end after it starts."]
    assert 'value="Backwards"' in response.content.decode()


def test_a_member_who_is_not_a_facilitator_may_not_schedule(client, network, member):
    client.force_login(member)
    assert client.get(reverse("networks:meeting-new", args=[network.slug])).status_code == 403


def test_members_see_the_joining_details_and_nobody_else_does(client, network, member):
    meeting = MeetingFactory(network=network)
    page = reverse("networks:meeting", args=[network.slug, meeting.pk])
    ics = reverse("networks:meeting-ics", args=[network.slug, meeting.pk])
    feed = reverse("networks:calendar", args=[network.slug])
    client.force_login(member)
    assert SECRET in client.get(page).content.decode()
    assert SECRET.encode() in client.get(ics).content
    assert SECRET.encode() in client.get(feed).content
    network_page = client.get(reverse("networks:detail", args=[network.slug])).content.decode()
    assert meeting.title in network_page
    outsider = UserFactory()
    client.force_login(outsider)
    for url in (page, ics, feed):
        response = client.get(url)
        assert response.status_code == 404
        assert SECRET.encode() not in response.content
    for url in (reverse("networks:detail", args=[network.slug]), reverse("networks:list"),
                "/api/v1/networks"):
        assert SECRET.encode() not in client.get(url).content
    client.logout()
    assert SECRET.encode() not in client.get(ics).content
    assert client.get(ics).status_code == 404


def test_a_meeting_without_joining_details_has_an_ics_for_anyone(client, network):
    meeting = MeetingFactory(network=network, joining_details="")
    response = client.get(reverse("networks:meeting-ics", args=[network.slug, meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert meeting.title.encode() in response.content


def test_someone_who_left_loses_the_joining_details(client, network, member):
    meeting = MeetingFactory(network=network)
    member.network_memberships.update(status=MembershipStatus.LEFT)
    client.force_login(member)
    response = client.get(reverse("networks:meeting", args=[network.slug, meeting.pk]))
    assert response.status_code == 404


def test_an_organiser_sees_the_meetings_of_any_network(client, network):
    meeting = MeetingFactory(network=network)
    client.force_login(staff_user("Organiser"))
    response = client.get(reverse("networks:meeting", args=[network.slug, meeting.pk]))
    assert SECRET in response.content.decode()


def test_a_past_meeting_shows_its_notes_and_actions_to_members(client, network, member,
                                                                facilitator):
    meeting = MeetingFactory(network=network, starts_at=timezone.now() - datetime.timedelta(
        days=3))
    client.force_login(facilitator)
    response = client.post(reverse("networks:meeting-notes", args=[network.slug, meeting.pk]),
                           {"notes": "We agreed a plan.", "actions": "Kent: write it\nEssex: test it"})
    assert response.status_code == 302
    client.force_login(member)
    page = client.get(reverse("networks:meeting", args=[network.slug, meeting.pk])).content.decode()
    assert "We agreed a plan." in page
    assert "<li>Essex: test it</li>" in page
    assert SECRET not in page  # a past meeting no longer shows how to join


def test_times_are_entered_and_shown_in_uk_time_whatever_the_season(client, network, facilitator):
    summer = datetime.date(timezone.localdate().year + 1, 7, 1)
    client.force_login(facilitator)
    client.post(reverse("networks:meeting-new", args=[network.slug]), {
        "title": "Summer", "starts_at": f"{summer:%Y-%m-%d}T10:00",
        "ends_at": f"{summer:%Y-%m-%d}T11:00"})
    meeting = Meeting.objects.get(title="Summer")
    assert meeting.starts_at.astimezone(datetime.UTC).hour == 9  # British Summer Time
    page = client.get(reverse("networks:meeting", args=[network.slug, meeting.pk])).content.decode()
    assert "10:00 to 11:00 (UK time)" in page
    ics = client.get(reverse("networks:meeting-ics", args=[network.slug, meeting.pk])).content
    assert f"{summer:%Y%m%d}T090000Z".encode() in ics or b"T100000" in ics
