import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PracticeFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_entries(client):
    response = client.get(reverse("practice:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    # Our own feed, not untrusted input.
    return ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314


@pytest.mark.django_db
def test_the_feed_lists_public_entries_newest_first_with_label_and_summary(client):
    now = timezone.now()
    PracticeFactory(title="Older", published_at=now - datetime.timedelta(days=2))
    newer = PracticeFactory(title="Newer", summary="Fresh practice", evidence_label="worked",
                            published_at=now)
    entries = feed_entries(client)
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Newer", "Older"]
    first = entries[0]
    assert first.findtext(f"{ATOM}summary") == "Fresh practice"
    assert first.find(f"{ATOM}category").get("term") == "Worked"
    assert first.find(f"{ATOM}link").get("href").endswith(f"/practice/{newer.pk}/")
    assert first.findtext(f"{ATOM}published")


@pytest.mark.django_db
def test_the_feed_never_holds_members_only_or_unpublished_entries_even_for_a_member(client, member):
    PracticeFactory(title="Public")
    PracticeFactory(title="Members", visibility="members")
    PracticeFactory(title="Draft", status="draft", published_at=None)
    client.force_login(member)
    assert [e.findtext(f"{ATOM}title") for e in feed_entries(client)] == ["Public"]


@pytest.mark.django_db
def test_the_feed_holds_the_fifty_latest(client):
    now = timezone.now()
    for n in range(55):
        PracticeFactory(title=f"Entry {n}", published_at=now - datetime.timedelta(hours=n))
    entries = feed_entries(client)
    assert len(entries) == 50
    assert entries[-1].findtext(f"{ATOM}title") == "Entry 49"
