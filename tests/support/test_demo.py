"""seed_demo's peer support: the pool, a Kent request in scoping, a completed Essex peer review
and a peer-matching group, each in the state its pages expect."""

import datetime
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from exchange.common.management.commands.seed_demo import DEMO_PASSWORD
from exchange.common.models import Activity
from exchange.people.data import load_organisations
from exchange.people.models import Organisation, User
from exchange.support.enums import (
    GroupStatus,
    PeerKind,
    PeerStatus,
    QuestionStatus,
    RequestStatus,
    Sector,
    TeamStatus,
)
from exchange.support.models import (
    ActionPlanItem,
    MatchingGroup,
    MatrixDimension,
    Peer,
    PeerAbsence,
    SelfAssessment,
    SupportRequest,
)
from exchange.support.programme import support_dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    # The forces and the matrix come from data migrations; with --no-migrations they are loaded
    # here the same way, so the test runs either way.
    load_organisations(Organisation)
    import_module("exchange.support.migrations.0002_matrix").add_matrix(apps, None)
    out = StringIO()
    call_command("seed_demo", "--practices", "3", stdout=out)
    return out.getvalue()


def history(obj):
    return list(Activity.objects.for_object(obj).order_by("created_at", "id")
                .values_list("verb", flat=True))


def check_the_pool_has_about_thirty_peers_across_sectors(seeded):
    peers = Peer.objects.all()
    assert 28 <= peers.count() <= 35
    assert set(peers.values_list("sector", flat=True)) == set(Sector.values)
    approved = peers.filter(status=PeerStatus.APPROVED)
    assert approved.filter(paused=True).count() >= 2
    assert PeerAbsence.objects.filter(peer__in=approved).count() >= 2
    assert approved.filter(kind=PeerKind.SPECIALIST_ASSOCIATE).count() == 3
    assert peers.filter(status=PeerStatus.APPLIED).count() == 3
    assert not peers.filter(expertise__isnull=True).exists()
    assert all(history(peer) for peer in peers)


def check_peer_example_org_is_an_approved_inspector_who_can_sign_in(seeded):
    user = User.objects.get(email="peer@example.org")
    assert user.full_name == "Priya Peer" and user.check_password(DEMO_PASSWORD)
    assert user.organisation.slug == "west-yorkshire-police"
    assert user.peer.status == PeerStatus.APPROVED and user.peer.rank_or_grade == "Inspector"
    assert user.peer.organisation == user.organisation
    assert "peer@example.org" in seeded


def check_the_matrix_dimensions_know_their_topics(seeded):
    problem_solving = MatrixDimension.objects.get(name="Problem solving")
    assert set(problem_solving.topics.values_list("slug", flat=True)) == {
        "problem-solving", "neighbourhood-policing"}
    assert not MatrixDimension.objects.filter(topics__isnull=True).exists()


def check_kent_is_scoping_a_peer_review_with_two_terms_versions(seeded):
    request = SupportRequest.objects.get(organisation__slug="kent-police")
    assert request.status == RequestStatus.SCOPING and request.agreed_terms is None
    first, second = request.terms.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.accepted_by_force_at is None and first.accepted_by_staff_at is None
    assert second.accepted_by_force_at is None
    assert second.accepted_by_staff.email == "staff@example.org"
    assessment = SelfAssessment.objects.get(organisation=request.organisation)
    assert assessment.submitted_at and assessment.scores.count() == MatrixDimension.objects.count()
    assert history(request)[:2] == ["request", "start_scoping"]


def check_essex_had_a_completed_peer_review_with_a_progress_review_due(seeded):
    request = SupportRequest.objects.get(organisation__slug="essex-police")
    today = timezone.localdate()
    assert request.status == RequestStatus.FOLLOW_UP
    assert request.agreed_terms.accepted_by_both and request.report_issued_at and request.findings
    assert request.ends_on < today
    team = request.team.select_related("peer__user")
    assert team.count() == 3 and {member.status for member in team} == {TeamStatus.ACCEPTED}
    priya = team.get(peer__user__email="peer@example.org")
    assert priya.hours and priya.days
    assert request.recommendations.count() == 4
    assert ActionPlanItem.objects.filter(recommendation__request=request).count() == 4
    review = request.progress_review
    assert today < review.due_on <= today + datetime.timedelta(days=30)
    assert review.reminder_sent_at is None and review.reminder_due_at > timezone.now()
    first, second = SelfAssessment.objects.filter(organisation=request.organisation).order_by(
        "created_at")
    assert 350 <= (second.created_at - first.created_at).days <= 380
    assert {"request", "start_scoping", "agree_terms", "start", "issue_report",
            "plan_actions"} <= set(history(request))


def check_four_forces_write_submissions_in_a_peer_matching_group(seeded):
    group = MatchingGroup.objects.get()
    assert group.topic.slug == "problem-solving" and group.status == GroupStatus.SUBMISSIONS
    assert set(group.forces.values_list("organisation__slug", flat=True)) == {
        "kent-police", "essex-police", "merseyside-police", "lancashire-constabulary"}
    assert group.guide_finalised_at
    assert group.questions.filter(status=QuestionStatus.INCLUDED).count() == 5
    sent = group.submissions.filter(submitted_at__isnull=False)
    assert sent.count() == 3 and all(submission.answers.count() == 5 for submission in sent)
    draft = group.submissions.get(submitted_at__isnull=True)
    assert draft.organisation.slug == "lancashire-constabulary"
    assert history(group)[:3] == ["form_group", "start_guide", "finalise_guide"]


def check_the_demo_accounts_each_have_something_waiting(seeded):
    def panel(email):
        return support_dashboard(User.objects.get(email=email))

    assert panel("peer@example.org")["engagements"]
    kent = panel("lead.kent@example.org")["requests"]
    assert kent[0][1][0]["text"] == "Read and accept version 2 of the terms of reference."
    assert [step["text"] for step in panel("lead.lancashire@example.org")["groups"][0][1:]] == [
        "Write and send Lancashire Constabulary's submission."]
    counts = {queue["many"]: queue["count"]
              for queue in panel("staff@example.org")["organiser_queues"]}
    assert counts == {"peer applications": 3, "requests": 0, "terms of reference": 0,
                      "progress reviews": 1}


# Seeding takes seconds, so one test seeds once and checks each part.
def test_seed_demo_loads_the_pool_the_requests_and_the_group_in_their_states(seeded):
    check_the_pool_has_about_thirty_peers_across_sectors(seeded)
    check_peer_example_org_is_an_approved_inspector_who_can_sign_in(seeded)
    check_the_matrix_dimensions_know_their_topics(seeded)
    check_kent_is_scoping_a_peer_review_with_two_terms_versions(seeded)
    check_essex_had_a_completed_peer_review_with_a_progress_review_due(seeded)
    check_four_forces_write_submissions_in_a_peer_matching_group(seeded)
    check_the_demo_accounts_each_have_something_waiting(seeded)


def test_seeding_again_adds_nothing(seeded):
    counts = (Peer.objects.count(), SupportRequest.objects.count(), MatchingGroup.objects.count())
    out = StringIO()
    call_command("seed_demo", "--practices", "3", stdout=out)
    assert "Peer support: already loaded." in out.getvalue()
    assert (Peer.objects.count(), SupportRequest.objects.count(),
            MatchingGroup.objects.count()) == counts
