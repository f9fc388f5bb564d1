"""A peer's record of continuing professional development: engagements and pairings, the time
they gave, totals, and the downloads; nobody sees another peer's record."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from exchange.common.models import Activity
from exchange.support.domain import cpd_record as cpd
from exchange.support.enums import SupportType, TeamStatus
from exchange.support.models import Pairing, PairingMeeting

from .factories import SupportRequestFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

URL = reverse("support:peer-record")


@pytest.fixture
def engagement(support_request):
    support_request.starts_on = datetime.date(2026, 3, 2)
    support_request.ends_on = datetime.date(2026, 3, 4)
    support_request.save()
    member = support_request.team.get()
    member.days, member.hours = Decimal("3"), Decimal("21.5")
    member.save()
    return member


@pytest.fixture
def pairing(team_peer, other_force):
    request = SupportRequestFactory(organisation=other_force, support_type=SupportType.MENTORING)
    pairing = Pairing.objects.create(request=request, peer=team_peer, person_name="Sam Sergeant",
                                     started_on=datetime.date(2026, 1, 10))
    PairingMeeting.objects.bulk_create([
        PairingMeeting(pairing=pairing, held_on=datetime.date(2026, 1, 10), minutes=60),
        PairingMeeting(pairing=pairing, held_on=datetime.date(2026, 2, 10), minutes=45)])
    return pairing


def test_the_record_lists_engagements_and_pairings_with_totals(engagement, pairing, team_peer):
    record = cpd.cpd_record(team_peer)
    [row] = record.engagements
    assert (row.support_type, row.force, row.starts_on, row.days, row.hours) == (
        SupportType.PEER_REVIEW.label, "Kent Police", datetime.date(2026, 3, 2), Decimal("3"),
        Decimal("21.5"))
    [paired] = record.pairings
    assert (paired.force, paired.meetings, paired.hours) == ("Essex Police", 2, Decimal("1.8"))
    assert (record.total_days, record.total_hours) == (Decimal("3"), Decimal("23.3"))


def test_only_accepted_places_count(team_peer, force):
    TeamMemberFactory(peer=team_peer, request=SupportRequestFactory(organisation=force),
                      status=TeamStatus.DECLINED, days=Decimal(5))
    TeamMemberFactory(peer=team_peer, request=SupportRequestFactory(organisation=force),
                      status=TeamStatus.INVITED)
    record = cpd.cpd_record(team_peer)
    assert (record.engagements, record.total_days) == ([], Decimal(0))


def test_the_peer_reads_their_record_and_enters_the_time_they_gave(client, engagement, pairing,
                                                                   team_peer):
    client.force_login(team_peer.user)
    page = client.get(URL).content.decode()
    assert "Kent Police" in page and "Essex Police" in page and "23.3" in page
    response = client.post(URL, {"member": engagement.pk, f"m{engagement.pk}-days": "2.5",
                                 f"m{engagement.pk}-hours": "18"})
    assert response["Location"] == URL
    engagement.refresh_from_db()
    assert (engagement.days, engagement.hours) == (Decimal("2.5"), Decimal("18"))
    assert Activity.objects.for_object(engagement).get().verb == "record_time"
    response = client.post(URL, {"member": engagement.pk, f"m{engagement.pk}-days": "-1"})
    assert response.status_code == 200
    assert response.context["failed_form"].errors["days"] == ["Enter the days, 0 or more"]
    engagement.refresh_from_db()
    assert engagement.days == Decimal("2.5")


def test_the_record_downloads_as_csv_and_pdf(client, engagement, pairing, team_peer):
    client.force_login(team_peer.user)
    response = client.get(reverse("support:peer-record-download", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == cpd.CSV_HEADER
    assert rows[1] == ["Engagement", SupportType.PEER_REVIEW.label, "Kent Police",
                       "2 Mar 2026 to 4 Mar 2026", "", "3", "21.5"]
    assert rows[2][:5] == ["Pairing", SupportType.MENTORING.label, "Essex Police",
                           "from 10 Jan 2026", "2"]
    assert rows[-1] == ["Total", "", "", "", "", "3", "23.3"]
    response = client.get(reverse("support:peer-record-download", args=["pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(reverse("support:peer-record-download", args=["docx"])).status_code == 404


def test_nobody_else_sees_a_peers_record(client, engagement, pairing, team_peer, other_peer,
                                         lead, organiser):
    # Another peer sees their own (empty) record, and cannot touch this peer's engagement.
    client.force_login(other_peer.user)
    page = client.get(URL).content.decode()
    assert "Kent Police" not in page and "Essex Police" not in page
    assert "You have not taken part in an engagement yet." in page
    response = client.post(URL, {"member": engagement.pk, f"m{engagement.pk}-days": "9"})
    assert response.status_code == 404
    engagement.refresh_from_db()
    assert engagement.days == Decimal("3")
    csv_text = client.get(reverse("support:peer-record-download", args=["csv"])).content.decode()
    assert "Kent Police" not in csv_text and "Essex Police" not in csv_text
    # The force's lead and staff have no record of their own: they are sent to apply.
    for person in (lead, organiser):
        client.force_login(person)
        assert client.get(URL)["Location"] == reverse("support:peer-apply")
        response = client.get(reverse("support:peer-record-download", args=["pdf"]))
        assert response["Location"] == reverse("support:peer-apply")


def test_the_record_costs_the_same_queries_however_many_rows(client, team_peer, force,
                                                             query_count):
    def add(n):
        for _ in range(n):
            TeamMemberFactory(peer=team_peer, request=SupportRequestFactory(organisation=force))
            pairing = Pairing.objects.create(request=SupportRequestFactory(organisation=force),
                                             peer=team_peer, person_name="Someone")
            PairingMeeting.objects.create(pairing=pairing, held_on=datetime.date(2026, 1, 1),
                                          minutes=30)
    add(1)
    client.force_login(team_peer.user)
    few = query_count.of_get(client, URL)
    add(5)
    assert query_count.of_get(client, URL) == few
