"""Terms of reference: versions, what changed, acceptance by both sides, and agreement."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.support.domain import terms as terms_domain
from exchange.support.enums import RequestStatus
from exchange.support.models import SupportRequest, TermsVersion

pytestmark = pytest.mark.django_db

TERMS = {"scope": "Investigation file quality.", "questions": "Where do files wait?",
         "deliverables": "A report.", "team_size": 3}


def _propose(request, actor, **changes):
    return terms_domain.propose_terms(request=request, actor=actor, **{**TERMS, **changes})


def _accept(request, number, actor):
    return terms_domain.accept_terms(request=request, number=number, actor=actor)


def _fresh(request):
    return SupportRequest.objects.get(pk=request.pk)


def test_the_first_version_by_staff_starts_scoping_and_asks_the_lead_to_review(
        support_request, organiser, lead):
    version = _propose(support_request, organiser)
    assert version.number == 1 and version.written_by == organiser
    assert _fresh(support_request).status == RequestStatus.SCOPING
    emails = OutboxMessage.objects.filter(template="support_terms_proposed")
    assert [e.to for e in emails] == [lead.email]
    assert emails[0].subject == "Action needed: review version 1 of the terms of reference"
    assert list(Activity.objects.for_object(support_request).order_by("id")
                .values_list("verb", flat=True)) == ["start_scoping", "propose_terms"]


def test_a_lead_cannot_write_terms_before_scoping_starts(support_request, lead):
    with pytest.raises(ValidationError, match="once the programme team starts scoping"):
        _propose(support_request, lead)
    assert not TermsVersion.objects.exists()


def test_a_version_from_the_lead_asks_the_organisers_to_review(support_request, organiser,
                                                               lead):
    _propose(support_request, organiser)
    OutboxMessage.objects.all().delete()
    version = _propose(support_request, lead, team_size=4, note="One more peer.")
    assert version.number == 2
    assert [e.to for e in OutboxMessage.objects.filter(template="support_terms_proposed")] == [
        organiser.email]


def test_a_peer_on_the_team_cannot_propose_or_accept(support_request, organiser, team_peer):
    _propose(support_request, organiser)
    with pytest.raises(PermissionDenied):
        _propose(support_request, team_peer.user)
    with pytest.raises(PermissionDenied):
        _accept(support_request, 1, team_peer.user)


def test_both_sides_accepting_the_latest_version_agrees_the_terms_and_emails_both(
        support_request, organiser, lead):
    _propose(support_request, organiser)
    _accept(support_request, 1, lead)
    assert _fresh(support_request).status == RequestStatus.SCOPING
    assert [e.to for e in OutboxMessage.objects.filter(template="support_terms_accepted")] == [
        organiser.email]
    version = _accept(support_request, 1, organiser)
    request = _fresh(support_request)
    assert request.status == RequestStatus.AGREED and request.agreed_terms == version
    assert version.accepted_by_force == lead and version.accepted_by_staff == organiser
    assert sorted(e.to for e in OutboxMessage.objects.filter(template="support_terms_agreed")) == \
        sorted([lead.email, organiser.email])
    entry = Activity.objects.for_object(request).get(verb="agree_terms")
    assert (entry.from_state, entry.to_state) == (RequestStatus.SCOPING, RequestStatus.AGREED)


def test_accepting_a_replaced_version_is_refused_and_names_the_latest(support_request, organiser,
                                                                      lead):
    _propose(support_request, organiser)
    _propose(support_request, organiser, scope="Only the northern district.")
    with pytest.raises(ValidationError, match="only the latest version, version 2"):
        _accept(support_request, 1, lead)
    assert TermsVersion.objects.get(number=1).accepted_by_force_at is None


def test_acceptances_of_an_older_version_do_not_carry_over(support_request, organiser, lead):
    _propose(support_request, organiser)
    _accept(support_request, 1, lead)
    _propose(support_request, organiser, team_size=5)
    _accept(support_request, 2, organiser)
    assert _fresh(support_request).status == RequestStatus.SCOPING  # the force has not accepted 2
    _accept(support_request, 2, lead)
    assert _fresh(support_request).agreed_terms.number == 2


def test_no_new_version_once_agreed(support_request, organiser, lead):
    _propose(support_request, organiser)
    _accept(support_request, 1, lead)
    _accept(support_request, 1, organiser)
    with pytest.raises(ValidationError, match="terms agreed"):
        _propose(support_request, organiser)


def test_the_last_day_cannot_come_before_the_first(support_request, organiser):
    with pytest.raises(ValidationError) as refused:
        _propose(support_request, organiser, starts_on=datetime.date(2031, 5, 2),
                 ends_on=datetime.date(2031, 5, 1))
    assert "ends_on" in refused.value.message_dict


def test_the_page_lists_versions_newest_first_with_what_changed(client, support_request,
                                                                organiser, lead):
    _propose(support_request, organiser)
    _propose(support_request, lead, scope="Only the northern district.", note="Narrower.")
    client.force_login(lead)
    page = client.get(reverse("support:terms", args=[support_request.pk])).content.decode()
    assert page.index('id="version-2"') < page.index('id="version-1"')
    assert "Changed since version 1" in page
    changed = page[page.index("Changed since version 1"):page.index('id="version-1"')]
    assert "Investigation file quality." in changed and "Only the northern district." in changed
    assert "Deliverables</th>" not in changed  # unchanged fields are not listed as changes
    assert "Written by Lee Lead" in page and "“Narrower.”" in page
    assert "Accept version 2" in page and "Propose version 3" in page
    # The form starts from the latest version.
    assert "Only the northern district.</textarea>" in page


def test_accepting_through_the_page_and_the_agreed_version_shown_first_without_a_form(
        client, support_request, organiser, lead):
    _propose(support_request, organiser)
    _propose(support_request, organiser, scope="Version two's scope.")
    client.force_login(lead)
    old = client.post(reverse("support:terms-accept", args=[support_request.pk, 1]), follow=True)
    assert "only the latest version, version 2, can be accepted" in old.content.decode()
    client.post(reverse("support:terms-accept", args=[support_request.pk, 2]))
    client.force_login(organiser)
    page = client.post(reverse("support:terms-accept", args=[support_request.pk, 2]),
                       follow=True).content.decode()
    assert "The terms of reference are agreed: version 2." in page
    assert page.index('id="version-2"') < page.index('id="version-1"')
    assert "Version 2 is agreed by the force and the programme team" in page
    assert "Propose version" not in page and "Accept version" not in page


def test_the_page_form_proposes_a_version_and_keeps_what_was_typed_on_a_refusal(
        client, support_request, organiser):
    client.force_login(organiser)
    url = reverse("support:terms", args=[support_request.pk])
    response = client.post(url, {**TERMS, "starts_on": "2031-05-02", "ends_on": "2031-05-01"})
    assert "The last day must be the same as or after the first day" in response.content.decode()
    assert "Investigation file quality." in response.content.decode()
    response = client.post(url, TERMS)
    assert response.status_code == 302
    assert TermsVersion.objects.get(request=support_request).scope == TERMS["scope"]


def test_the_terms_page_has_no_form_for_a_peer_and_refuses_their_post(client, support_request,
                                                                      organiser, team_peer):
    _propose(support_request, organiser)
    client.force_login(team_peer.user)
    url = reverse("support:terms", args=[support_request.pk])
    page = client.get(url).content.decode()
    assert "Investigation file quality." in page and "Propose version" not in page
    assert client.post(url, TERMS).status_code == 403
    assert TermsVersion.objects.count() == 1
