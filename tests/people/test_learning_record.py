"""A person's learning record (/account/learning-record/): every programme's entries merged,
newest first, labelled by programme, with total CPD hours, paginated, as CSV too; an empty
state; a fixed number of queries; linked from "Your Exchange"."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from exchange.common import programmes as registry
from exchange.common.programmes import LearningEntry, LearningRecord, Programme

pytestmark = pytest.mark.django_db

URL = reverse("people:learning-record")
CSV_URL = reverse("people:learning-record-csv")


def day(n):
    return datetime.date(2026, 1, n)


@pytest.fixture
def two_programmes(monkeypatch):
    """A registry of two programmes with learning records (the real ones are tested in their
    own apps' test_learning_record.py)."""
    def events(user):
        return [LearningEntry(date=day(20), title="Knife crime seminar", kind="Event attended",
                              url="/events/1/", cpd_hours=1.5),
                LearningEntry(date=day(5), title="Problem solving workshop", kind="Event attended",
                              url="/events/2/", cpd_hours=3)]

    def lessons(user):
        return [LearningEntry(date=day(10), title="Reflected on a case", kind="Reflection",
                              url="/lessons/cases/1/#reflect")]

    declared = tuple(Programme(key=key, label=label, title=label, url_name="common:home", summary="",
                           order=order, learning_record=LearningRecord(label=label, entries=fn))
                 for key, label, order, fn in (("events", "Events", 40, events),
                                               ("lessons", "Learning the Lessons", 50, lessons)))
    monkeypatch.setattr(registry, "programmes", lambda: declared)


def test_the_record_merges_every_programme_newest_first_with_total_hours(client, member,
                                                                         two_programmes):
    client.force_login(member)
    page = client.get(URL).content.decode()
    order = [page.index(title) for title in ("Knife crime seminar", "Reflected on a case",
                                             "Problem solving workshop")]
    assert order == sorted(order)
    assert '<dd class="govuk-summary-list__value" id="total-cpd-hours">4.5</dd>' in page
    assert ">Learning the Lessons</strong> Reflection" in page
    assert "1.5 CPD hours" in page and "3 CPD hours" in page


def test_the_csv_has_every_entry_and_the_total(client, member, two_programmes):
    client.force_login(member)
    response = client.get(CSV_URL)
    assert response["Content-Disposition"] == 'attachment; filename="learning-record.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Date", "Programme", "Kind", "Title", "CPD hours", "Link"]
    assert rows[1] == ["2026-01-20", "Events", "Event attended", "Knife crime seminar", "1.5",
                       "http://testserver/events/1/"]
    assert rows[2][:5] == ["2026-01-10", "Learning the Lessons", "Reflection",
                           "Reflected on a case", ""]
    assert rows[-1] == ["Total", "", "", "", "4.5", ""]


def test_the_record_is_paginated(client, member, monkeypatch, settings):
    settings.EXCHANGE_PAGE_SIZE = 2
    many = [LearningEntry(date=day(n), title=f"Entry {n}", kind="K", url="/") for n in (1, 2, 3)]
    declared = (Programme(key="x", label="X", title="X", url_name="common:home", summary="", order=1,
                      learning_record=LearningRecord(label="X", entries=lambda user: many)),)
    monkeypatch.setattr(registry, "programmes", lambda: declared)
    client.force_login(member)
    first, second = client.get(URL).content.decode(), client.get(URL, {"page": 2}).content.decode()
    assert "Entry 3" in first and "Entry 2" in first and "Entry 1" not in first
    assert "Entry 1" in second


def test_an_empty_record_says_how_it_fills(client, member):
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Nothing is in your learning record yet." in page
    assert "Download your learning record" not in page


def test_the_real_record_runs_the_same_queries_however_much_there_is(client, force, query_count):
    from exchange.lessons.models import Reflection
    from exchange.support.enums import TeamStatus
    from tests.lessons.factories import CaseFactory
    from tests.support.factories import PeerFactory, SupportRequestFactory, TeamMemberFactory
    peer = PeerFactory()
    client.force_login(peer.user)

    def add():
        TeamMemberFactory(request=SupportRequestFactory(organisation=force), peer=peer,
                          status=TeamStatus.ACCEPTED)
        case = CaseFactory()
        Reflection.objects.create(user=peer.user, question=case.questions.first(), answer="A")

    add()
    few = query_count.of_get(client, URL)
    for _ in range(4):
        add()
    assert query_count.of_get(client, URL) == few
    page = client.get(URL).content.decode()
    assert page.count("Case study reflection") == 5 and page.count("Peer support engagement") == 5


def test_your_exchange_links_the_learning_record(client, member):
    client.force_login(member)
    page = client.get(reverse("people:home")).content.decode()
    assert f'href="{URL}">Your learning record</a>' in page
