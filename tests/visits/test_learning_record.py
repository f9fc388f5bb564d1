"""Peer learning visits' part of a person's learning record: each visit they had a place on once
it has taken place, on its day, in one query; and the home page's upcoming visits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.programmes import programme
from exchange.visits import domain

from .conftest import rows

pytestmark = pytest.mark.django_db


def entries(user):
    return programme("visits").learning_record.entries(user)


def test_a_visit_that_took_place_is_in_each_placed_visitors_record(visited, member, colleague,
                                                                  lead):
    [entry] = entries(member)
    assert (entry.date, entry.kind, entry.url, entry.cpd_hours) == (
        visited.date, "Peer learning visit", reverse("visits:detail", args=[visited.pk]), None)
    assert entry.title == f"{visited.title} (hosted by {visited.host_organisation.name})"
    assert len(entries(colleague)) == 1
    assert entries(lead) == []  # the lead applied for them but had no place


def test_a_visit_still_to_come_is_not_in_the_record(make_visit, organiser, lead, member,
                                                    colleague):
    visit = make_visit()
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    assert entries(member) == []


def test_one_query_however_many_visits(make_visit, organiser, lead, member, colleague,
                                      query_count):
    for n in range(3):
        visit = make_visit(title=f"Visit {n}",
                           date=timezone.localdate() - datetime.timedelta(days=10 + n))
        domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
        domain.run_allocation(visit=visit, actor=organiser)
        domain.change_state(visit=visit, action="mark_visited", actor=organiser)
        if n == 0:
            assert query_count.of(lambda: entries(member)) == 1
    assert query_count.of(lambda: entries(member)) == 1
    assert [entry.title.split(" (")[0] for entry in entries(member)] == [
        "Visit 0", "Visit 1", "Visit 2"]


def test_the_home_page_shows_upcoming_visits_soonest_first(client, make_visit):
    make_visit(title="Later visit", date=timezone.localdate() + datetime.timedelta(days=50))
    make_visit(title="Sooner visit", date=timezone.localdate() + datetime.timedelta(days=20))
    page = client.get(reverse("common:home")).content.decode()
    assert "Upcoming visits" in page
    assert page.index("Sooner visit") < page.index("Later visit")
