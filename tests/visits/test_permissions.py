"""Who may run visits and act on a place: asked of `rules` permissions, never of ``is_staff``."""


import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from exchange.common.permissions import allows
from exchange.visits.models import CheckIn, Visitor
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organiser, lead, member, colleague, outsider, other_lead, reviewer):
    return {"anonymous": AnonymousUser(), "organiser": organiser, "lead": lead, "member": member,
            "colleague": colleague, "outsider": outsider, "other_lead": other_lead,
            "reviewer": reviewer,
            "editor": staff_user("Editor", email="editor@example.org")}


def allowed(people, perm, obj=None):
    return {name for name, user in people.items() if allows(user, perm, obj)}


def test_only_organisers_run_visits(people):
    assert allowed(people, "visits.run_visits") == {"organiser"}


def test_an_organiser_without_the_admin_flag_still_runs_visits(client, db):
    organiser = UserFactory(email="plain-organiser@example.org")
    organiser.groups.add(Group.objects.get_or_create(name="Organiser")[0])
    client.force_login(organiser)
    assert client.get(reverse("visits:manage")).status_code == 200


@pytest.mark.parametrize(("name", "status"), [("reviewer", 403), ("member", 403),
                                              ("organiser", 200)])
def test_the_organisers_pages_refuse_other_people(client, people, name, status):
    client.force_login(people[name])
    assert client.get(reverse("visits:manage")).status_code == status


def test_a_visitor_their_lead_and_organisers_may_withdraw_the_visitor(visited, people, member):
    visitor = Visitor.objects.get(visit=visited, user=member)
    assert allowed(people, "visits.withdraw_visitor", visitor) == {"member", "lead", "organiser"}


def test_nobody_else_learns_of_a_visitor_they_may_not_withdraw(client, visited, people, member):
    visitor = Visitor.objects.get(visit=visited, user=member)
    client.force_login(people["other_lead"])
    assert client.get(reverse("visits:withdraw", kwargs={"pk": visitor.pk})).status_code == 404


def test_only_the_visitor_completes_their_check_in(client, visited, people, member, colleague):
    check_in = CheckIn.objects.get(visitor__user=member, week=1)
    assert allowed(people, "visits.complete_check_in", check_in) == {"member"}
    client.force_login(colleague)
    assert client.get(reverse("visits:check-in", kwargs={"pk": check_in.pk})).status_code == 404
    client.force_login(member)
    assert client.get(reverse("visits:check-in", kwargs={"pk": check_in.pk})).status_code == 200


def test_only_placed_visitors_record_learning(client, visited, people):
    assert allowed(people, "visits.record_learning", visited) == {"member", "colleague"}
    assert allowed(people, "visits.see_joining_details", visited) == {
        "member", "colleague", "organiser"}
    client.force_login(people["lead"])
    assert client.get(reverse("visits:learning", kwargs={"pk": visited.pk})).status_code == 403
