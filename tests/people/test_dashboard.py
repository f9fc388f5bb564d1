"""Your Exchange: the page signing in lands on, built from each programme's dashboard panel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.programmes import dashboards
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import Reflection, Subscriber
from exchange.people.enums import MembershipStatus
from exchange.people.models import Membership
from exchange.practice.enums import PracticeStatus
from exchange.visits import domain as visits_domain
from tests.factories import (
    PASSWORD,
    PracticeFactory,
    TopicFactory,
    UserFactory,
    member_of,
    staff_user,
)
from tests.lessons.conftest import editor, second_editor  # noqa: F401 (fixtures)
from tests.lessons.factories import CaseFactory, IssueFactory
from tests.visits.conftest import (  # noqa: F401 (fixtures)
    host,
    make_visit,
    organiser,
    programme_year,
    rows,
    visited,
)

pytestmark = pytest.mark.django_db
HOME = reverse("people:home")


def page_for(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


# --- Landing ---------------------------------------------------------------------------------

def test_signing_in_lands_on_your_exchange(client, member):
    response = client.post(reverse("people:sign-in"),
                           {"username": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == HOME


def test_a_next_address_still_wins_over_your_exchange(client, member):
    response = client.post(reverse("people:sign-in") + "?next=/practice/mine/",
                           {"username": member.email, "password": PASSWORD})
    assert response.url == "/practice/mine/"


def test_the_programmes_each_declare_a_panel_in_their_order():
    assert [candidate.key for candidate in dashboards()] == [
        "practice", "visits", "support", "events", "networks", "lessons", "grants"]


def test_the_page_shows_every_programme_panel_and_links_to_the_account(client, member):
    page = page_for(client, member)
    assert "<h1 class=\"govuk-heading-l\">Your Exchange</h1>" in page
    positions = [page.index(f'id="dashboard-{key}"') for key in ("practice", "visits", "lessons")]
    assert positions == sorted(positions)
    assert f'href="{reverse("people:profile")}"' in page
    assert f'href="{HOME}">Your Exchange</a>' in page  # the header's link back to it


# --- Practice ---------------------------------------------------------------------------------

def test_a_submitter_sees_their_unfinished_practice_with_what_to_do_next(client, member):
    draft = PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT, title="Triage cars")
    PracticeFactory(submitted_by=member, status=PracticeStatus.CHANGES_REQUESTED,
                    title="Knife arches")
    PracticeFactory(submitted_by=member, status=PracticeStatus.SUBMITTED, title="Night buses")
    PracticeFactory(submitted_by=member, title="Published already")
    PracticeFactory(title="Someone else's draft", status=PracticeStatus.DRAFT)

    page = page_for(client, member)

    task_list = reverse("practice:task-list", args=[draft.pk])
    assert f'<a class="govuk-link" href="{task_list}">Triage cars</a>: finish it and send it' in page
    assert "Knife arches</a>: make the changes the reviewer asked for" in page
    assert "Night buses: a reviewer is looking at it" in page
    assert "You have shared 4 entries: 1 published, 3 not finished yet." in page
    assert "Published already" not in page
    assert "Someone else's draft" not in page
    assert "Review queue" not in page


def test_a_reviewer_sees_how_many_entries_wait_and_for_how_long(client, reviewer):
    PracticeFactory(status=PracticeStatus.SUBMITTED,
                    submitted_at=timezone.now() - datetime.timedelta(days=9))
    PracticeFactory(status=PracticeStatus.IN_REVIEW,
                    submitted_at=timezone.now() - datetime.timedelta(days=2))
    PracticeFactory(status=PracticeStatus.CHANGES_REQUESTED, submitted_at=timezone.now())

    page = page_for(client, reviewer)

    assert "2 entries are waiting for a review. The oldest was sent 1\xa0week, 2\xa0days ago." \
        in page


# --- Visits -----------------------------------------------------------------------------------

def test_a_visitor_sees_their_visit_the_next_step_and_the_check_in_due(client, visited,  # noqa: F811
                                                                       member):
    page = page_for(client, member)

    learning = reverse("visits:learning", args=[visited.pk])
    # The same next step as "Your visits" (visits/domain/your_visits.py) gives.
    assert "Record what you learned before the report to the host is written." in page
    assert f'<a class="govuk-link" href="{learning}">Record your learning points</a>' in page
    due = visited.visitors.get(user=member).check_ins.get(week=1)
    assert (f'<a class="govuk-link" href="{reverse("visits:check-in", args=[due.pk])}">'
            f"Week 1 check-in for {visited.title}</a>") in page
    assert "Week 2 check-in" not in page  # not due until next week


def test_someone_who_applied_is_told_when_places_are_allocated(client, make_visit,  # noqa: F811
                                                               lead, member,
                                                               colleague):
    visit = make_visit(title="Custody diversion")
    visits_domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))

    page = page_for(client, member)

    closes = timezone.localtime(visit.applications_close)
    assert f"Wait for places to be allocated after applications close on {closes:%-d %B %Y}" \
        in page
    assert "Custody diversion" in page
    assert "Visits waiting for you" not in page


def test_an_organiser_sees_the_visits_waiting_on_their_next_step(client, make_visit,  # noqa: F811
                                                                 organiser):  # noqa: F811
    past = timezone.now() - datetime.timedelta(days=3)
    make_visit(applications_open=past - datetime.timedelta(days=20), applications_close=past)
    make_visit()  # still open for applications: nothing to do yet

    page = page_for(client, organiser)

    assert "1 visit to allocate places: applications have closed. The oldest has waited 3\xa0days." \
        in page
    assert "No visits to send the host report." in page


# --- Learning the Lessons ---------------------------------------------------------------------

def test_a_reader_sees_their_reflections_and_their_subscription(client, member):
    case = CaseFactory(title="The missed welfare check")
    Reflection.objects.create(user=member, question=case.questions.first(), answer="Ask again.")
    subscriber = Subscriber.objects.create(email=member.email, confirmed_at=timezone.now())
    subscriber.themes.set([TopicFactory(name="Custody"), TopicFactory(name="Mental health")])

    page = page_for(client, member)

    assert "You have answered 1 reflective question." in page
    assert f'href="{case.get_absolute_url()}#reflect">The missed welfare check</a>' in page
    assert (f"We email each new issue to {member.email} when its theme is Custody or "
            "Mental health.") in page


def test_a_reader_without_a_subscription_is_offered_one(client, member):
    page = page_for(client, member)
    assert "You have not answered any reflective questions yet." in page
    assert f'href="{reverse("lessons:subscribe")}">Subscribe to new issues</a>' in page


def test_an_editor_sees_work_another_editor_sent_for_review(client, editor, second_editor):  # noqa: F811
    IssueFactory(status=EditorialStatus.IN_REVIEW, created_by=second_editor, published_at=None)
    IssueFactory(status=EditorialStatus.IN_REVIEW, created_by=editor, published_at=None)

    page = page_for(client, editor)

    assert "1 issue sent for review by another editor. The oldest has waited less than a minute." in page
    assert "No case studys" not in page
    assert "No case studies are waiting for your review." in page


# --- Memberships ------------------------------------------------------------------------------

def test_programme_staff_see_the_membership_queue(client, force, reviewer):
    Membership.objects.create(user=UserFactory(), organisation=force,
                              status=MembershipStatus.PENDING)
    page = page_for(client, reviewer)
    assert "1 membership waiting for a decision." in page


def test_a_member_waiting_for_approval_is_told_so(client, force):
    person = UserFactory()
    Membership.objects.create(user=person, organisation=force, status=MembershipStatus.PENDING)
    page = page_for(client, person)
    assert f"Your membership of {force} is waiting for approval." in page
    assert "Decide memberships" not in page


# --- Queries do not grow with rows ------------------------------------------------------------

def _give(member, lead, make, n):
    force = lead.memberships.get().organisation
    for _ in range(n):
        PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT)
        case = CaseFactory()
        Reflection.objects.create(user=member, question=case.questions.first(), answer="Yes.")
        colleague = member_of(force)
        visit = make()
        visits_domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))


def test_the_page_costs_the_same_queries_for_one_row_or_many(client, member, lead,
                                                            make_visit,  # noqa: F811
                                                            query_count):
    client.force_login(member)
    _give(member, lead, make_visit, 1)
    few = query_count.of_get(client, HOME)
    _give(member, lead, make_visit, 4)
    many = query_count.of_get(client, HOME)
    assert "You have shared 5 entries" in client.get(HOME).content.decode()
    assert many == few


def test_staff_queues_cost_the_same_queries_for_one_item_or_many(client,
                                                                make_visit,  # noqa: F811
                                                                force,
                                                                query_count):
    administrator = staff_user("Administrator", is_superuser=True)
    client.force_login(administrator)

    def waiting(n):
        past = timezone.now() - datetime.timedelta(days=3)
        for _ in range(n):
            PracticeFactory(status=PracticeStatus.SUBMITTED, submitted_at=past)
            IssueFactory(status=EditorialStatus.IN_REVIEW, published_at=None)
            make_visit(applications_open=past - datetime.timedelta(days=9),
                       applications_close=past)
            Membership.objects.create(user=UserFactory(), organisation=force,
                                      status=MembershipStatus.PENDING)

    waiting(1)
    few = query_count.of_get(client, HOME)
    waiting(4)
    many = query_count.of_get(client, HOME)
    page = client.get(HOME).content.decode()
    assert "5 entries are waiting for a review." in page
    assert "5 visits to allocate places" in page
    assert many == few
