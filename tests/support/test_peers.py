"""The pool of peers: becoming a peer, staff deciding and appointing, the pool in full and in
outline, and the peer's own profile and availability."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.support.domain import peers as domain
from exchange.support.enums import PeerKind, PeerStatus, Sector
from exchange.support.models import Peer, PeerAbsence
from tests.factories import OrganisationFactory, TopicFactory, UserFactory

from .factories import PeerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def topics(db):
    return [TopicFactory(name="Investigations", slug="investigations-t"),
            TopicFactory(name="Demand management", slug="demand-management-t"),
            TopicFactory(name="Vulnerability", slug="vulnerability-t")]


def application(topics, **changes):
    data = {"expertise": [topics[0].pk, topics[1].pk], "sector": Sector.POLICE,
            "organisation": "", "organisation_name": "", "rank_or_grade": "Chief inspector",
            "statement": "I redesigned how our contact centre answers non-emergency calls.",
            "days_per_quarter": "4", "can_travel": "on",
            "away_1_starts_on": days(10).isoformat(), "away_1_ends_on": days(14).isoformat()}
    data.update(changes)
    return data


def apply_directly(user, topics, **changes):
    profile = {"expertise": topics[:1], "sector": Sector.POLICE, "organisation": None,
               "organisation_name": "Kent Police", "rank_or_grade": "Inspector",
               "statement": "Ten years of investigations.", "days_per_quarter": 3}
    profile.update(changes)
    return domain.apply_as_peer(user=user, **profile)


# --- Becoming a peer ----------------------------------------------------------------------------


def test_an_application_is_saved_with_dates_away_and_conflicts_and_organisers_are_emailed(
        client, member, force, other_force, topics, organiser):
    client.force_login(member)
    form = client.get(reverse("support:peer-apply")).content.decode()
    assert f'<option value="{force.pk}" selected>' in form  # their membership's organisation
    response = client.post(reverse("support:peer-apply"), application(
        topics, organisation=force.pk, conflict_1_organisation=other_force.pk,
        conflict_1_reason="I worked there until last year."))
    assert response.status_code == 302
    peer = Peer.objects.get(user=member)
    assert (peer.status, peer.kind, peer.organisation, peer.rank_or_grade, peer.days_per_quarter,
            peer.can_travel) == (PeerStatus.APPLIED, PeerKind.PEER, force, "Chief inspector", 4,
                                 True)
    assert set(peer.expertise.all()) == {topics[0], topics[1]}
    assert [(a.starts_on, a.ends_on) for a in peer.absences.all()] == [(days(10), days(14))]
    assert [(c.organisation, c.reason) for c in peer.conflicts.all()] == [
        (other_force, "I worked there until last year.")]
    assert Activity.objects.for_object(peer).get().verb == "apply"
    email = OutboxMessage.objects.get(template="peer_application_received")
    assert email.to == organiser.email
    assert email.subject.startswith("Action needed: decide Morgan")
    assert reverse("support:peer-detail", args=[peer.pk]) in email.body_text


def test_a_typed_organisation_stays_as_typed_unless_it_is_a_listed_one(member, colleague, topics):
    charity = apply_directly(member, topics, organisation_name="Calm Minds (with Avon NHS Trust)")
    assert (charity.organisation, charity.organisation_name) == (
        None, "Calm Minds (with Avon NHS Trust)")
    assert charity.organisation_label == "Calm Minds (with Avon NHS Trust)"
    listed = apply_directly(colleague, topics, organisation_name="  kent   POLICE ")
    assert (listed.organisation.name, listed.organisation_name) == ("Kent Police", "")


def test_an_application_without_expertise_or_organisation_keeps_what_was_typed(
        client, outsider, topics):
    client.force_login(outsider)
    response = client.post(reverse("support:peer-apply"), application(
        topics, expertise=[], away_1_ends_on=days(5).isoformat()))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select at least one topic you know well" in page
    assert "I redesigned how our contact centre" in page
    assert not Peer.objects.exists()
    # The domain's refusals land on their fields: the organisation, the row's last day away.
    response = client.post(reverse("support:peer-apply"), application(
        topics, away_1_ends_on=days(5).isoformat(), organisation=""))
    form = response.context["form"]
    assert form.errors["organisation"] == [
        "Select your organisation, or type its name if it is not listed"]
    assert form.errors["away_1_ends_on"] == ["The last day away must be on or after the first"]


def test_someone_who_applied_sees_where_it_stands_instead_of_the_form(client, member, topics):
    apply_directly(member, topics)
    client.force_login(member)
    page = client.get(reverse("support:peer-apply")).content.decode()
    assert "Waiting for a decision" in page and "Send the application" not in page
    response = client.post(reverse("support:peer-apply"), application(topics))
    assert Peer.objects.filter(user=member).count() == 1
    assert "Waiting for a decision" in response.content.decode()
    with pytest.raises(ValidationError, match="already applied"):
        apply_directly(member, topics)


def test_a_peer_who_left_can_apply_again(member, topics, organiser):
    peer = apply_directly(member, topics)
    domain.leave_pool(peer=peer, actor=member)
    again = apply_directly(member, topics, statement="Back from secondment.")
    assert (again.pk, again.status, again.statement) == (peer.pk, PeerStatus.APPLIED,
                                                         "Back from secondment.")
    assert list(Activity.objects.for_object(peer).order_by("id").values_list("verb", flat=True)) \
        == ["apply", "leave", "rejoin"]


# --- Staff ---------------------------------------------------------------------------------------


def test_the_queue_is_oldest_first_and_says_how_long_each_has_waited(
        client, organiser, topics, query_count):
    newer = apply_directly(UserFactory(full_name="Nina Newer"), topics)
    older = apply_directly(UserFactory(full_name="Olly Older"), topics)
    Peer.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    PeerFactory(user=UserFactory(full_name="Alan Approved"))
    client.force_login(organiser)
    url = reverse("support:peer-applications")
    page = client.get(url).content.decode()
    assert page.index("Olly Older") < page.index("Nina Newer")
    assert "Waiting 3 days" in page and "Applied today" in page
    assert "Alan Approved" not in page
    few = query_count.of_get(client, url)
    for n in range(6):
        apply_directly(UserFactory(), topics[n % 3:n % 3 + 1])
    assert query_count.of_get(client, url) == few
    assert newer.status == PeerStatus.APPLIED


def test_staff_approve_and_the_applicant_is_emailed(client, organiser, member, topics):
    peer = apply_directly(member, topics)
    client.force_login(organiser)
    detail = client.get(reverse("support:peer-detail", args=[peer.pk])).content.decode()
    assert member.email in detail and "Applied to be a peer" in detail
    response = client.post(reverse("support:peer-decide", args=[peer.pk]), {"decision": "approve"})
    assert response.status_code == 302
    peer.refresh_from_db()
    assert (peer.status, peer.decided_by) == (PeerStatus.APPROVED, organiser)
    email = OutboxMessage.objects.get(template="peer_application_approved")
    assert email.to == member.email and "in the pool" in email.subject
    assert "Approved as a peer" in client.get(
        reverse("support:peer-detail", args=[peer.pk])).content.decode()


def test_a_decline_needs_a_reason_and_the_applicant_reads_it(client, organiser, member, topics):
    peer = apply_directly(member, topics)
    client.force_login(organiser)
    url = reverse("support:peer-decide", args=[peer.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert response.context["form"].errors["reason"] == [
        "Enter why the application is declined: the applicant is told"]
    peer.refresh_from_db()
    assert peer.status == PeerStatus.APPLIED
    client.post(url, {"decision": "decline", "reason": "We need more experience of reviews."})
    peer.refresh_from_db()
    assert (peer.status, peer.decision_reason) == (PeerStatus.DECLINED,
                                                  "We need more experience of reviews.")
    email = OutboxMessage.objects.get(template="peer_application_declined", to=member.email)
    assert "We need more experience of reviews." in email.body_text
    activity = Activity.objects.for_object(peer).get(verb="decline")
    assert (activity.from_state, activity.to_state, activity.note) == (
        PeerStatus.APPLIED, PeerStatus.DECLINED, "We need more experience of reviews.")
    # Decided once: a second decision is refused.
    with pytest.raises(ValidationError):
        domain.decide_application(peer=peer, actor=organiser, approve=True)


def test_staff_appoint_a_specialist_associate_from_an_existing_account(
        client, organiser, topics):
    person = UserFactory(email="expert@university.example", full_name="Uma University")
    client.force_login(organiser)
    form = {"email": "EXPERT@university.example", "expertise": [topics[2].pk],
            "sector": Sector.PUBLIC, "organisation_name": "University of Testshire",
            "statement": "Researches vulnerability.", "days_per_quarter": "2"}
    response = client.post(reverse("support:peer-appoint"), form)
    peer = Peer.objects.get(user=person)
    assert response["Location"] == reverse("support:peer-detail", args=[peer.pk])
    assert (peer.kind, peer.status, peer.organisation_name, peer.can_travel) == (
        PeerKind.SPECIALIST_ASSOCIATE, PeerStatus.APPROVED, "University of Testshire", False)
    assert Activity.objects.for_object(peer).get().verb == "appoint"
    assert OutboxMessage.objects.filter(template="peer_appointed", to=person.email).exists()
    # A second appointment, and an address with no account, say what is wrong.
    again = client.post(reverse("support:peer-appoint"), form)
    assert again.context["form"].errors["email"] == ["Uma University is already in the pool"]
    nobody = client.post(reverse("support:peer-appoint"), {**form, "email": "no@one.example"})
    assert nobody.context["form"].errors["email"] == [
        "There is no account with the email address no@one.example: ask them to create one, "
        "then appoint them"]


# --- The pool -----------------------------------------------------------------------------------


@pytest.fixture
def pool(team_peer, other_peer, topics, third_force):
    team_peer.expertise.set([topics[0]])
    other_peer.expertise.set([topics[1]])
    team_peer.statement = "I ran the Merseyside investigations hub."
    team_peer.save()
    paused = PeerFactory(user=UserFactory(full_name="Paula Paused", email="paula@paused.example"),
                         paused=True, paused_until=days(30), rank_or_grade="Superintendent",
                         organisation=third_force)
    paused.expertise.set([topics[0]])
    applied = PeerFactory(user=UserFactory(full_name="Arthur Applied"),
                          status=PeerStatus.APPLIED)
    return {"team": team_peer, "other": other_peer, "paused": paused, "applied": applied}


def test_staff_see_everyone_in_the_pool_with_contact_details(client, organiser, pool):
    client.force_login(organiser)
    page = client.get(reverse("support:pool")).content.decode()
    for peer in pool.values():
        assert peer.user.full_name in page and peer.user.email in page
    assert "Calm Minds (with Avon NHS Trust)" in page and "Waiting for a decision" in page
    assert "Paused until" in page
    page = client.get(reverse("support:pool"), {"status": "applied"}).content.decode()
    assert "Arthur Applied" in page and "Pip Peer" not in page
    page = client.get(reverse("support:pool"), {"q": "paula"}).content.decode()
    assert "Paula Paused" in page and "Pip Peer" not in page


def test_a_lead_sees_the_pool_in_outline_never_names_or_contact_details(
        client, lead, pool, topics):
    client.force_login(lead)
    page = client.get(reverse("support:pool")).content.decode()
    assert "Superintendent" in page and "Investigations" in page and "Voluntary sector" in page
    assert "Paused" in page and "Available now" in page
    for peer in pool.values():
        assert peer.user.full_name not in page
        assert peer.user.email not in page
    for secret in ("Merseyside Police", "Calm Minds", "I ran the Merseyside investigations hub",
                   "Led a change to how the force answers calls", "Arthur", "Waiting for"):
        assert secret not in page
    assert f'href="{reverse("support:peer-detail", args=[pool["team"].pk])}"' not in page
    # The filters a lead has: expertise, sector, kind, available now.
    page = client.get(reverse("support:pool"), {"expertise": topics[1].pk}).content.decode()
    assert "Voluntary sector" in page and "Superintendent" not in page
    page = client.get(reverse("support:pool"), {"available": "on"}).content.decode()
    assert "Superintendent" not in page and "2 peers" in page
    page = client.get(reverse("support:pool"), {"sector": "voluntary"}).content.decode()
    assert "1 peer<" in page
    # Status and a name search are staff's: ignored for a lead.
    page = client.get(reverse("support:pool"), {"status": "applied", "q": "Arthur"}).content.decode()
    assert "3 peers" in page and "Arthur" not in page


def test_someone_who_is_not_a_lead_or_staff_cannot_see_the_pool(client, member, team_peer):
    client.force_login(member)
    assert client.get(reverse("support:pool")).status_code == 403
    client.force_login(team_peer.user)
    assert client.get(reverse("support:pool")).status_code == 403


def test_the_pool_costs_the_same_queries_however_many_peers(
        client, organiser, lead, topics, query_count):
    def add(n):
        for i in range(n):
            peer = PeerFactory(paused=i % 2 == 0)
            peer.expertise.set(topics[: i % 3 + 1])
            PeerAbsence.objects.create(peer=peer, starts_on=days(-1), ends_on=days(i))
    add(2)
    for person in (organiser, lead):
        client.force_login(person)
        few = query_count.of_get(client, reverse("support:pool"))
        add(8)
        assert query_count.of_get(client, reverse("support:pool")) == few


def test_available_now_leaves_out_paused_and_away_peers_and_a_pause_ends_on_its_day(topics):
    free = PeerFactory()
    away = PeerFactory()
    PeerAbsence.objects.create(peer=away, starts_on=days(-2), ends_on=days(0))
    paused = PeerFactory(paused=True)
    back_today = PeerFactory(paused=True, paused_until=TODAY)
    available = set(domain.pool(viewer_is_staff=True, available=True))
    assert available == {free, back_today}
    assert [domain.is_available(p) for p in (free, away, paused, back_today)] == [
        True, False, False, True]


# --- The peer's own pages ------------------------------------------------------------------------


def test_each_person_sees_only_their_own_profile(client, team_peer, other_peer, lead, organiser):
    url = reverse("support:peer-profile")
    client.force_login(team_peer.user)
    page = client.get(url).content.decode()
    assert "Pip Peer" in page and "peer@merseyside.police.uk" in page
    assert "Nico Notonteam" not in page
    client.force_login(other_peer.user)
    page = client.get(url).content.decode()
    assert "Nico Notonteam" in page and "Pip Peer" not in page
    # A lead and staff with no Peer row are sent to apply; staff read peers on their own page.
    for person in (lead, organiser):
        client.force_login(person)
        assert client.get(url)["Location"] == reverse("support:peer-apply")
    client.force_login(lead)
    assert client.get(reverse("support:peer-detail", args=[team_peer.pk])).status_code == 403
    client.force_login(team_peer.user)
    assert client.get(reverse("support:peer-detail", args=[other_peer.pk])).status_code == 403


def test_a_peer_edits_their_profile(client, team_peer, topics, other_force):
    client.force_login(team_peer.user)
    form = client.get(reverse("support:peer-edit")).context["form"]
    assert form.initial["rank_or_grade"] == "Inspector"
    response = client.post(reverse("support:peer-edit"), {
        "expertise": [topics[2].pk], "sector": Sector.POLICE, "organisation": "",
        "organisation_name": "Merseyside Police", "rank_or_grade": "Chief inspector",
        "statement": "Now leading vulnerability.", "days_per_quarter": "6",
        "conflict_1_organisation": other_force.pk})
    assert response["Location"] == reverse("support:peer-profile")
    team_peer.refresh_from_db()
    assert (team_peer.rank_or_grade, team_peer.days_per_quarter, team_peer.can_travel,
            team_peer.statement) == ("Chief inspector", 6, False, "Now leading vulnerability.")
    assert team_peer.organisation.name == "Merseyside Police"
    assert list(team_peer.expertise.all()) == [topics[2]]
    assert [c.organisation for c in team_peer.conflicts.all()] == [other_force]
    assert Activity.objects.for_object(team_peer).get().verb == "edit_profile"


def test_a_peer_pauses_until_a_date_then_resumes(client, team_peer):
    client.force_login(team_peer.user)
    url = reverse("support:peer-availability")
    response = client.post(url, {"action": "pause", "until": days(0).isoformat()})
    assert response.context["pause_form"].errors["until"] == [
        "The day you can be asked again must be after today"]
    client.post(url, {"action": "pause", "until": days(20).isoformat()})
    team_peer.refresh_from_db()
    assert (team_peer.paused, team_peer.paused_until) == (True, days(20))
    assert "Paused until" in client.get(reverse("support:peer-profile")).content.decode()
    client.post(url, {"action": "resume"})
    team_peer.refresh_from_db()
    assert (team_peer.paused, team_peer.paused_until) == (False, None)
    assert list(Activity.objects.for_object(team_peer).order_by("id").values_list(
        "verb", flat=True)) == ["pause", "resume"]


def test_a_peer_adds_and_removes_dates_away_but_never_another_peers(client, team_peer,
                                                                      other_peer):
    client.force_login(team_peer.user)
    url = reverse("support:peer-availability")
    client.post(url, {"action": "add_absence", "starts_on": days(3).isoformat(),
                      "ends_on": days(7).isoformat()})
    [absence] = team_peer.absences.all()
    assert (absence.starts_on, absence.ends_on) == (days(3), days(7))
    theirs = PeerAbsence.objects.create(peer=other_peer, starts_on=days(1), ends_on=days(2))
    client.post(url, {"action": "remove_absence", "absence": theirs.pk})
    assert PeerAbsence.objects.filter(pk=theirs.pk).exists()
    client.post(url, {"action": "remove_absence", "absence": absence.pk})
    assert not team_peer.absences.exists()
    response = client.post(url, {"action": "add_absence", "starts_on": days(-9).isoformat(),
                                 "ends_on": days(-8).isoformat()})
    assert response.context["absence_form"].errors["ends_on"] == [
        "The last day away has passed: enter dates from today on"]


def test_a_peer_confirms_before_leaving_the_pool(client, team_peer):
    client.force_login(team_peer.user)
    page = client.get(reverse("support:peer-leave")).content.decode()
    assert "Are you sure you want to leave the pool of peers?" in page
    team_peer.refresh_from_db()
    assert team_peer.status == PeerStatus.APPROVED
    response = client.post(reverse("support:peer-leave"), {"reason": "New job."})
    assert response["Location"] == reverse("support:peer-profile")
    team_peer.refresh_from_db()
    assert team_peer.status == PeerStatus.LEFT
    assert Activity.objects.for_object(team_peer).get().note == "New job."
    assert "Apply to rejoin" in client.get(reverse("support:peer-profile")).content.decode()
    # Someone who left cannot change a profile that is no longer in the pool.
    with pytest.raises(ValidationError, match="no longer in the pool"):
        domain.pause(peer=team_peer, actor=team_peer.user)


def test_someone_with_no_peer_row_is_sent_to_apply_from_each_own_page(client, member):
    client.force_login(member)
    for name in ("peer-profile", "peer-edit", "peer-availability", "peer-leave", "peer-record"):
        assert client.get(reverse(f"support:{name}"))["Location"] == reverse("support:peer-apply")
    assert client.get(reverse("support:peer-record-download", args=["csv"]))["Location"] == \
        reverse("support:peer-apply")


def test_a_sector_outside_the_list_is_refused_by_the_domain(member, topics):
    with pytest.raises(ValidationError) as refusal:
        apply_directly(member, topics, sector="military", days_per_quarter=0)
    assert refusal.value.message_dict == {
        "sector": ["Select the sector you work in"],
        "days_per_quarter": ["Enter the days a quarter you could give, from 1 to 30"]}


def test_conflicts_are_declared_once_per_organisation(member, topics):
    other = OrganisationFactory(name="Testshire Constabulary")
    peer = apply_directly(member, topics, conflicts=[(other, "Former employer"),
                                                     (other, "Said twice")])
    assert [(c.organisation, c.reason) for c in peer.conflicts.all()] == [
        (other, "Former employer")]


def test_leaving_the_pool_withdraws_unanswered_invitations_but_keeps_accepted_places(
        team_peer, force):
    from exchange.support.enums import TeamStatus

    from .factories import SupportRequestFactory, TeamMemberFactory

    invited = TeamMemberFactory(peer=team_peer, status=TeamStatus.INVITED,
                                request=SupportRequestFactory(organisation=force))
    accepted = TeamMemberFactory(peer=team_peer, status=TeamStatus.ACCEPTED,
                                 request=SupportRequestFactory(organisation=force))
    domain.leave_pool(peer=team_peer, actor=team_peer.user)
    invited.refresh_from_db()
    accepted.refresh_from_db()
    assert (invited.status, accepted.status) == (TeamStatus.WITHDRAWN, TeamStatus.ACCEPTED)
    assert Activity.objects.for_object(invited).get().note == (
        "The peer left the pool before answering.")
