"""The home page: one sentence saying what the Exchange is, then the programmes' teasers in the
order issue 11 asks for (latest news, upcoming events and visits, newest practice, the latest
Learning the Lessons issue), in a fixed number of queries; the about page counts the programmes
the Exchange brings together (news is not one)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common import programmes as registry
from exchange.common.programmes import (
    HOME_EVENTS,
    HOME_LESSONS,
    HOME_NEWS,
    HOME_PRACTICE,
    HOME_VISITS,
    Programme,
    Teaser,
    counted_programmes,
    programme,
    teasers,
)
from exchange.news.enums import NewsStatus
from exchange.visits.enums import VisitStatus
from exchange.visits.models import ProgrammeYear, Visit
from tests.factories import OrganisationFactory, PracticeFactory
from tests.lessons.factories import IssueFactory
from tests.news.factories import NewsPostFactory

HEADINGS = ["Latest news", "Upcoming events", "Upcoming visits", "Latest practice",
            "Latest Learning the Lessons"]


def make_visit(title, *, days=30, year=None, host=None):
    now = timezone.now()
    year = year or ProgrammeYear.objects.create(
        name=f"Year for {title}", starts_on=timezone.localdate() - datetime.timedelta(days=10),
        ends_on=timezone.localdate() + datetime.timedelta(days=300))
    return Visit.objects.create(
        programme_year=year, theme="Mental health", title=title,
        host_organisation=host or OrganisationFactory(), capacity=6,
        date=timezone.localdate() + datetime.timedelta(days=days),
        applications_open=now - datetime.timedelta(days=1),
        applications_close=now + datetime.timedelta(days=10), status=VisitStatus.OPEN)


def test_the_teasers_are_ordered_by_the_home_page_not_by_the_navigation(monkeypatch):
    def declared(key, order, teaser_order):
        return Programme(key=key, label=key, title=key, url_name="common:home", summary="",
                         order=order, teaser=Teaser(template=f"{key}.html", context=dict,
                                                    order=teaser_order))
    declared_programmes = (declared("practice", 10, HOME_PRACTICE), declared("visits", 20, HOME_VISITS),
            declared("events", 40, HOME_EVENTS), declared("lessons", 50, HOME_LESSONS),
            declared("news", 90, HOME_NEWS))
    monkeypatch.setattr(registry, "programmes", lambda: declared_programmes)
    assert [teaser.template for teaser in teasers()] == [
        "news.html", "events.html", "visits.html", "practice.html", "lessons.html"]


def test_the_real_registry_places_each_teaser_where_issue_11_asks():
    assert programme("news").teaser.order == HOME_NEWS
    assert programme("visits").teaser.order == HOME_VISITS
    assert programme("practice").teaser.order == HOME_PRACTICE
    assert programme("lessons").teaser.order == HOME_LESSONS
    events = programme("events").teaser
    assert events is None or events.order == HOME_EVENTS


@pytest.mark.django_db
def test_the_home_page_shows_one_sentence_then_the_teasers_in_order(client):
    NewsPostFactory(title="Small grants scheme opens")
    make_visit("Street triage")
    PracticeFactory(title="Knife crime in schools")
    IssueFactory(title="Missing people", number=7)
    page = client.get(reverse("common:home")).content.decode()
    sentence = "The Learning Exchange is one place where police forces in England and Wales"
    assert sentence in page
    shown = [heading for heading in HEADINGS if f">{heading}<" in page]
    if programme("events").teaser is None:  # events' teaser is the events app's to add
        assert shown == [h for h in HEADINGS if h != "Upcoming events"]
    else:
        assert shown == HEADINGS
    positions = [page.index(f">{heading}<") for heading in shown]
    assert page.index(sentence) < positions[0] and positions == sorted(positions)
    for text in ("Small grants scheme opens", "Street triage", "Knife crime in schools",
                 "Issue 7: Missing people"):
        assert text in page
    assert f'href="{reverse("news:list")}">See all news</a>' in page


@pytest.mark.django_db
def test_the_home_page_shows_three_news_posts_published_only(client):
    for n in range(4):
        NewsPostFactory(title=f"Post {n}", published_at=timezone.now() - datetime.timedelta(days=n))
    NewsPostFactory(title="Draft post", status=NewsStatus.DRAFT, published_at=None)
    page = client.get(reverse("common:home")).content.decode()
    assert all(f"Post {n}" in page for n in range(3))
    assert "Post 3" not in page and "Draft post" not in page


@pytest.mark.django_db
def test_the_home_page_runs_the_same_queries_however_much_there_is(client, query_count):
    NewsPostFactory()
    make_visit("First visit")
    PracticeFactory()
    IssueFactory()
    few = query_count.of_get(client, reverse("common:home"))
    host = OrganisationFactory()
    for n in range(5):
        NewsPostFactory()
        make_visit(f"Visit {n}", days=40 + n, host=host)
        PracticeFactory()
        IssueFactory()
    assert query_count.of_get(client, reverse("common:home")) == few


@pytest.mark.django_db
def test_the_home_page_says_so_when_there_is_nothing_yet(client):
    page = client.get(reverse("common:home")).content.decode()
    assert "No news has been published yet." in page
    assert "No visits are planned at the moment." in page
    assert "No issue has been published yet." in page


def test_news_is_not_counted_as_a_programme():
    assert "news" not in [candidate.key for candidate in counted_programmes()]
    assert programme("news").is_programme is False


@pytest.mark.django_db
def test_the_about_page_counts_the_programmes_in_words_without_news(client):
    page = client.get(reverse("common:about")).content.decode()
    words = {7: "seven", 8: "eight", 6: "six", 5: "five"}[len(counted_programmes())]
    assert f"brings together {words} programmes" in page
    assert programme("news").summary not in page
