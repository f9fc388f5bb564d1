"""Asking for support, the lists of requests, a request's page and its state changes."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.support.domain import requests as requesting
from exchange.support.enums import Delivery, RequestStatus, SupportType, TeamStatus
from exchange.support.models import SupportRequest
from tests.factories import OrganisationFactory, TopicFactory

from .factories import SupportRequestFactory, TeamMemberFactory, TermsVersionFactory, lead_of

pytestmark = pytest.mark.django_db


def _ask(lead, organisation, **fields):
    data = {"support_type": SupportType.PEER_REVIEW, "issue": "Files wait too long.",
            "success": "Half the wait.", **fields}
    return requesting.ask_for_support(lead=lead, organisation=organisation, **data)


def test_a_lead_asks_for_support_through_the_form_and_organisers_are_emailed(
        client, lead, force, organiser):
    topic = TopicFactory(name="Investigations")
    client.force_login(lead)
    response = client.post(reverse("support:request-new"), {
        "issue": "Charging decisions take months.", "success": "Decisions within a week.",
        "support_type": SupportType.PEER_REVIEW, "delivery": Delivery.ON_SITE,
        "topics": [topic.pk], "preferred_from": "2031-03-01", "preferred_to": "2031-04-30",
        "dates_note": "Not in Easter week."})
    created = SupportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert (created.organisation, created.requested_by, created.status) == (
        force, lead, RequestStatus.SUBMITTED)
    assert created.delivery == Delivery.ON_SITE and list(created.topics.all()) == [topic]
    assert created.preferred_to == datetime.date(2031, 4, 30)
    assert created.dates_note == "Not in Easter week."
    page = client.get(response["Location"]).content.decode()
    assert "The programme team will read it" in page
    assert "Wait for the programme team to start scoping" in page
    emails = OutboxMessage.objects.filter(template="support_request_received")
    assert [e.to for e in emails] == [organiser.email]
    assert emails[0].subject.startswith("Action needed: Kent Police asks for support")


def test_delivery_is_kept_only_for_a_peer_review(lead, force):
    workshop = _ask(lead, force, support_type=SupportType.WORKSHOP, delivery=Delivery.VIRTUAL)
    assert workshop.delivery == Delivery.EITHER


def test_the_form_keeps_what_was_typed_when_the_dates_are_the_wrong_way_round(client, lead):
    client.force_login(lead)
    response = client.post(reverse("support:request-new"), {
        "issue": "Charging decisions take months.", "success": "Decisions within a week.",
        "support_type": SupportType.WORKSHOP, "preferred_from": "2031-04-30",
        "preferred_to": "2031-03-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The latest date must be the same as or after the earliest date" in page
    assert "Charging decisions take months." in page
    assert not SupportRequest.objects.exists()


def test_only_a_lead_asks_and_only_for_their_own_force(client, member, lead, other_force):
    client.force_login(member)
    assert client.get(reverse("support:request-new")).status_code == 403
    with pytest.raises(PermissionDenied):
        _ask(lead, other_force)


def test_organisers_see_every_request_with_filters_and_how_many_wait_on_them(
        client, organiser, force, other_force):
    kent = SupportRequestFactory(organisation=force, support_type=SupportType.WORKSHOP)
    essex = SupportRequestFactory(organisation=other_force, status=RequestStatus.SCOPING)
    TermsVersionFactory(request=essex, number=1, accepted_by_staff_at=timezone.now())
    SupportRequestFactory(organisation=other_force, status=RequestStatus.CLOSED)
    client.force_login(organiser)
    page = client.get(reverse("support:requests")).content.decode()
    # Kent's is submitted (staff start scoping); Essex's waits on the force; the closed one on nobody.
    assert "<strong>1</strong> request waiting on the programme team" in page
    filtered = client.get(reverse("support:requests"), {"organisation": force.pk}).context["page"]
    assert list(filtered.object_list) == [kent]
    by_type = client.get(reverse("support:requests"), {"support_type": "workshop"}).context["page"]
    assert list(by_type.object_list) == [kent]
    by_status = client.get(reverse("support:requests"), {"status": "scoping"}).context["page"]
    assert list(by_status.object_list) == [essex]


def test_a_lead_sees_their_forces_requests_and_a_peer_their_teams(
        client, lead, force, other_force, team_peer, other_peer):
    kent = SupportRequestFactory(organisation=force)
    essex = SupportRequestFactory(organisation=other_force)
    TeamMemberFactory(request=essex, peer=team_peer, status=TeamStatus.ACCEPTED)
    TeamMemberFactory(request=kent, peer=other_peer, status=TeamStatus.INVITED)
    client.force_login(lead)
    assert list(client.get(reverse("support:requests")).context["page"].object_list) == [kent]
    client.force_login(team_peer.user)
    assert list(client.get(reverse("support:requests")).context["page"].object_list) == [essex]
    client.force_login(other_peer.user)  # invited, not accepted: not yet on the team
    assert list(client.get(reverse("support:requests")).context["page"].object_list) == []


@pytest.mark.parametrize("who", ["organiser", "lead"])
def test_the_list_does_not_grow_queries_with_rows(client, force, organiser, lead, query_count,
                                                  who):
    client.force_login({"organiser": organiser, "lead": lead}[who])
    counts = []
    for n in (2, 12):
        for _ in range(n):
            request = SupportRequestFactory(organisation=force, status=RequestStatus.SCOPING)
            TermsVersionFactory(request=request, number=1)
        counts.append(query_count.of_get(client, reverse("support:requests")))
    assert counts[0] == counts[1]


def test_the_request_page_shows_each_person_their_next_step(client, support_request, lead,
                                                            organiser, team_peer):
    url = support_request.get_absolute_url()
    client.force_login(organiser)
    page = client.get(url).content.decode()
    assert "Start scoping: propose version 1 of the terms of reference" in page
    requesting.change_state(request=support_request, action="start_scoping", actor=organiser)
    TermsVersionFactory(request=support_request, number=1)
    TermsVersionFactory(request=support_request, number=2, accepted_by_staff=organiser,
                        accepted_by_staff_at=timezone.now())
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert "Accept version 2 of the terms of reference" in page
    assert "Scoping started" in page  # the activity log
    client.force_login(organiser)
    assert "Wait for the force&#x27;s lead to accept version 2" in client.get(url).content.decode()
    client.force_login(team_peer.user)
    page = client.get(url).content.decode()
    assert "Next step for you" not in page and "Scoping started" not in page  # no log for peers


def test_the_sub_navigation_shows_only_what_the_person_may_open_at_the_stage(
        client, support_request, lead, organiser):
    client.force_login(lead)
    page = client.get(support_request.get_absolute_url()).content.decode()
    assert reverse("support:self-assessment", args=[support_request.pk]) in page
    assert reverse("support:terms", args=[support_request.pk]) not in page  # not yet scoping
    assert reverse("support:report", args=[support_request.pk]) not in page
    client.force_login(organiser)
    page = client.get(support_request.get_absolute_url()).content.decode()
    assert reverse("support:terms", args=[support_request.pk]) in page
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.UNDER_WAY)
    page = client.get(support_request.get_absolute_url()).content.decode()
    assert reverse("support:team", args=[support_request.pk]) in page
    assert reverse("support:report", args=[support_request.pk]) in page
    assert reverse("support:pairings", args=[support_request.pk]) not in page
    client.force_login(lead)
    page = client.get(support_request.get_absolute_url()).content.decode()
    assert reverse("support:team", args=[support_request.pk]) not in page  # staff only


def test_declining_needs_a_reason_and_emails_only_the_forces_lead(client, support_request,
                                                                   organiser, lead, team_peer):
    url = reverse("support:request-state", args=[support_request.pk, "decline"])
    client.force_login(organiser)
    response = client.post(url, {"note": " "})
    assert response.status_code == 200 and "Enter why the request is declined" in (
        response.content.decode())
    response = client.post(url, {"note": "We cannot help with firearms licensing."})
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.DECLINED
    assert support_request.decision_reason == "We cannot help with firearms licensing."
    declined = OutboxMessage.objects.filter(template="support_request_declined")
    assert [m.to for m in declined] == [lead.email]
    assert "firearms licensing" in declined[0].body_text
    entry = Activity.objects.for_object(support_request).get(verb="decline")
    assert (entry.from_state, entry.to_state) == (RequestStatus.SUBMITTED, RequestStatus.DECLINED)


def test_a_lead_withdraws_after_a_confirmation_page_but_cannot_decline(client, support_request,
                                                                       lead, organiser):
    client.force_login(lead)
    url = reverse("support:request-state", args=[support_request.pk, "withdraw"])
    page = client.get(url).content.decode()
    assert "cannot be reopened" in page
    assert client.post(reverse("support:request-state", args=[support_request.pk, "decline"]),
                       {"note": "No"}).status_code == 403
    assert client.post(url, {"note": "We found help nearer home."}).status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.WITHDRAWN
    assert [m.to for m in OutboxMessage.objects.filter(template="support_request_withdrawn")] == [
        organiser.email]


def test_a_peer_on_the_team_may_not_withdraw(client, support_request, team_peer):
    client.force_login(team_peer.user)
    url = reverse("support:request-state", args=[support_request.pk, "withdraw"])
    assert client.post(url).status_code == 403
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.SUBMITTED


def test_another_areas_actions_are_not_done_here(client, support_request, organiser):
    client.force_login(organiser)
    for action in ("start", "issue_report", "close", "agree_terms"):
        url = reverse("support:request-state", args=[support_request.pk, action])
        assert client.post(url).status_code == 404


def test_a_state_the_table_does_not_allow_is_refused_with_a_reason(support_request, organiser):
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.UNDER_WAY)
    support_request.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot withdraw"):
        requesting.change_state(request=support_request, action="withdraw", actor=organiser)


def test_a_force_with_two_leads_emails_both_and_nobody_else(organiser, force, lead):
    second = lead_of(force, email="deputy@kent.police.uk")
    lead_of(OrganisationFactory(), email="elsewhere@example.police.uk")
    request = SupportRequestFactory(organisation=force)
    requesting.change_state(request=request, action="decline", actor=organiser, note="Full.")
    assert sorted(m.to for m in OutboxMessage.objects.filter(
        template="support_request_declined")) == sorted([lead.email, second.email])
    assert mail.outbox == [] or all(m.to[0] in {lead.email, second.email} for m in mail.outbox)


def test_a_lead_of_two_forces_chooses_which_is_asking_and_cannot_choose_another(
        client, lead, force, other_force, third_force):
    from exchange.people.enums import MembershipRole, MembershipStatus
    from exchange.people.models import Membership

    Membership.objects.create(user=lead, organisation=other_force, role=MembershipRole.LEAD,
                              status=MembershipStatus.ACTIVE)
    client.force_login(lead)
    page = client.get(reverse("support:request-new")).content.decode()
    assert "Which force is asking?" in page and "Essex Police" in page and "Kent Police" in page
    form = {"issue": "Too many repeat calls.", "success": "Fewer repeat calls.",
            "support_type": SupportType.WORKSHOP}
    missing = client.post(reverse("support:request-new"), form)
    assert "Select which force is asking" in missing.content.decode()
    refused = client.post(reverse("support:request-new"), {**form, "organisation": third_force.pk})
    assert "Select a force you lead" in refused.content.decode()
    assert not SupportRequest.objects.exists()
    client.post(reverse("support:request-new"), {**form, "organisation": other_force.pk})
    assert SupportRequest.objects.get().organisation == other_force


def test_a_lead_of_one_force_is_not_asked_which(client, lead, force):
    client.force_login(lead)
    assert "Which force is asking?" not in client.get(reverse("support:request-new")).content.decode()
