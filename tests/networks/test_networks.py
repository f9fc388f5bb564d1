"""The networks' pages: the public list (search, topic, paged) and each network's page, joining
and leaving through them, the facilitators' members page, the API, and the Your Exchange panel.
Lists keep a fixed number of queries however many rows they show."""

import pytest
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from exchange.networks.enums import MemberRole, MembershipStatus, NetworkStatus
from exchange.networks.models import NetworkMembership
from exchange.networks.programme import networks_dashboard
from tests.factories import TopicFactory, UserFactory, member_of, staff_user

from .factories import MeetingFactory, MembershipFactory, NetworkFactory, facilitator_of

pytestmark = pytest.mark.django_db
LIST = reverse("networks:list")


def page_of(response):
    assert response.status_code == 200
    return response.content.decode()


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_each_network_with_its_topic_members_and_whether_it_is_open(client):
    demand = NetworkFactory(name="Demand", topic=TopicFactory(name="Demand management"))
    MembershipFactory.create_batch(3, network=demand)
    MembershipFactory(network=demand, status=MembershipStatus.PENDING)
    NetworkFactory(name="Artificial intelligence", is_closed=True)
    NetworkFactory(name="Old network", status=NetworkStatus.ARCHIVED)
    page = page_of(client.get(LIST))
    assert "Demand management" in page
    assert "<dt>Members:</dt> <dd>3</dd>" in page
    assert "<dd>a facilitator approves each member</dd>" in page
    assert "<dd>anyone with an account</dd>" in page
    assert "Old network" not in page


def test_the_list_searches_and_filters_by_topic(client):
    demand = NetworkFactory(name="Demand", purpose="Forecasting calls for service")
    NetworkFactory(name="Artificial intelligence")
    page = page_of(client.get(LIST, {"q": "forecasting"}))
    assert "Demand" in page and "Artificial intelligence" not in page
    page = page_of(client.get(LIST, {"topic": demand.topic.slug}))
    assert "Demand" in page and "Artificial intelligence" not in page
    assert "No networks match" in page_of(client.get(LIST, {"q": "nothing-like-it"}))


def test_the_list_is_paged(client, settings):
    settings.EXCHANGE_PAGE_SIZE = 2
    for n in range(5):
        NetworkFactory(name=f"Network {n}")
    page = page_of(client.get(LIST, {"page": 3}))
    assert "Network 4" in page and "Network 0" not in page


def test_the_lists_queries_do_not_grow_with_its_networks(client, query_count, force):
    person = member_of(force)
    client.force_login(person)
    for _ in range(2):
        MembershipFactory(network=NetworkFactory(), user=person)
    few = query_count.of_get(client, LIST)
    for _ in range(8):
        network = NetworkFactory()
        MembershipFactory.create_batch(2, network=network)
        MembershipFactory(network=network, user=person, status=MembershipStatus.PENDING)
    assert query_count.of_get(client, LIST) == few


# --- A network's page -------------------------------------------------------------------------


def test_the_network_page_is_public_but_meetings_are_for_members(client):
    network = NetworkFactory(name="Demand", purpose="Understanding the demand on forces.")
    facilitator_of(network, UserFactory(full_name="Fran Facilitator"))
    meeting = MeetingFactory(network=network, title="Forecasting calls")
    url = reverse("networks:detail", args=[network.slug])
    page = page_of(client.get(url))
    assert "Understanding the demand on forces." in page
    assert "Fran Facilitator" in page
    assert meeting.title not in page
    assert "Sign in" in page
    member = MembershipFactory(network=network).user
    client.force_login(member)
    page = page_of(client.get(url))
    assert meeting.title in page
    assert reverse("networks:calendar", args=[network.slug]) in page


def test_an_archived_network_is_hidden_from_all_but_organisers(client):
    network = NetworkFactory(status=NetworkStatus.ARCHIVED)
    url = reverse("networks:detail", args=[network.slug])
    assert client.get(url).status_code == 404
    client.force_login(staff_user("Organiser"))
    assert client.get(url).status_code == 200


# --- Joining and leaving ----------------------------------------------------------------------


def test_joining_an_open_network_through_its_page(client):
    network = NetworkFactory()
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("networks:join", args=[network.slug]))
    assert response.status_code == 302
    assert NetworkMembership.objects.get(user=person).status == MembershipStatus.ACTIVE


def test_asking_to_join_a_closed_network_shows_it_is_waiting(client):
    network = NetworkFactory(is_closed=True)
    facilitator_of(network)
    client.force_login(UserFactory())
    response = client.post(reverse("networks:join", args=[network.slug]), follow=True)
    assert "You have asked to join" in page_of(response)


def test_leaving_asks_first_then_leaves(client):
    membership = MembershipFactory()
    url = reverse("networks:leave", args=[membership.network.slug])
    client.force_login(membership.user)
    assert "Are you sure you want to leave the network?" in page_of(client.get(url))
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    client.post(url)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT


def test_the_last_facilitator_is_told_why_they_cannot_leave(client):
    facilitator = facilitator_of(NetworkFactory())
    client.force_login(facilitator.user)
    response = client.post(reverse("networks:leave", args=[facilitator.network.slug]))
    assert "make someone else a facilitator first" in page_of(response)


# --- The members page -------------------------------------------------------------------------


def test_a_facilitator_approves_and_refuses_requests_on_the_members_page(client):
    network = NetworkFactory(is_closed=True)
    facilitator = facilitator_of(network)
    waiting = [MembershipFactory(network=network, status=MembershipStatus.PENDING)
               for _ in range(2)]
    url = reverse("networks:members", args=[network.slug])
    client.force_login(facilitator.user)
    page = page_of(client.get(url))
    assert waiting[0].user.full_name in page
    client.post(url, {"membership": waiting[0].pk, "action": "approve"})
    client.post(url, {"membership": waiting[1].pk, "action": "refuse", "reason": "Full"})
    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert (waiting[0].status, waiting[1].status) == (MembershipStatus.ACTIVE,
                                                      MembershipStatus.REFUSED)
    assert set(OutboxMessage.objects.values_list("template", flat=True)) == {
        "network_join_approved", "network_join_refused"}
    page = page_of(client.get(url))
    assert "Request to join approved" in page  # the activity log


def test_a_facilitator_cannot_act_on_another_networks_members(client):
    facilitator = facilitator_of(NetworkFactory())
    elsewhere = MembershipFactory()
    client.force_login(facilitator.user)
    response = client.post(reverse("networks:members", args=[facilitator.network.slug]),
                           {"membership": elsewhere.pk, "action": "remove"})
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == MembershipStatus.ACTIVE


def test_a_member_who_is_not_a_facilitator_may_not_see_the_members_page(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    assert client.get(reverse("networks:members", args=[membership.network.slug])) \
        .status_code == 403


def test_the_members_pages_queries_do_not_grow_with_its_members(client, query_count, force):
    network = NetworkFactory(is_closed=True)
    facilitator = facilitator_of(network)
    client.force_login(facilitator.user)
    url = reverse("networks:members", args=[network.slug])
    MembershipFactory(network=network, user=member_of(force))
    MembershipFactory(network=network, status=MembershipStatus.PENDING)
    few = query_count.of_get(client, url)
    for _ in range(6):
        MembershipFactory(network=network, user=member_of(force))
        MembershipFactory(network=network, status=MembershipStatus.PENDING)
    MembershipFactory(network=network, role=MemberRole.FACILITATOR)
    assert query_count.of_get(client, url) == few


# --- The API ----------------------------------------------------------------------------------


def test_the_api_lists_networks_with_public_fields_only(client):
    network = NetworkFactory(name="Demand", is_closed=True)
    MembershipFactory.create_batch(2, network=network)
    MeetingFactory(network=network)
    NetworkFactory(name="Archived", status=NetworkStatus.ARCHIVED)
    body = client.get("/api/v1/networks").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["name"] == "Demand" and item["is_closed"] is True
    assert item["member_count"] == 2
    # On the host that asked, as every other API's addresses are (not EXCHANGE_SITE_URL).
    assert item["url"] == "http://testserver" + reverse("networks:detail", args=[network.slug])
    assert set(item) == {"id", "name", "slug", "topic", "topic_slug", "purpose", "audience",
                         "is_closed", "member_count", "url"}


def test_the_api_searches_and_filters_by_topic(client):
    demand = NetworkFactory(name="Demand")
    NetworkFactory(name="Artificial intelligence")
    assert [i["name"] for i in client.get("/api/v1/networks", {"q": "intelligence"})
            .json()["items"]] == ["Artificial intelligence"]
    assert [i["name"] for i in client.get("/api/v1/networks", {"topic": demand.topic.slug})
            .json()["items"]] == ["Demand"]


def test_the_apis_queries_do_not_grow_with_its_networks(client, query_count):
    NetworkFactory.create_batch(2)
    few = query_count.of_get(client, "/api/v1/networks", {"page_size": 50})
    NetworkFactory.create_batch(10)
    assert query_count.of_get(client, "/api/v1/networks", {"page_size": 50}) == few


# --- Your Exchange ----------------------------------------------------------------------------


def test_the_panel_shows_your_networks_and_the_requests_waiting_for_you(client, force):
    person = member_of(force)
    network = NetworkFactory(name="Demand", is_closed=True)
    facilitator_of(network, person)
    MembershipFactory.create_batch(2, network=network, status=MembershipStatus.PENDING)
    MembershipFactory(network=NetworkFactory(name="AI"), user=person,
                      status=MembershipStatus.PENDING)
    client.force_login(person)
    page = page_of(client.get(reverse("people:home")))
    assert "2 requests to join waiting for you" in page
    assert "You asked to join" in page


def test_the_panels_queries_do_not_grow_with_networks(force, query_count):
    person = member_of(force)
    person = type(person).objects.get(pk=person.pk)
    for _ in range(2):
        facilitator_of(NetworkFactory(), person)
    networks_dashboard(person)  # the person's staff roles are read once, then cached
    few = query_count.of(lambda: networks_dashboard(person))
    for _ in range(5):
        network = NetworkFactory()
        facilitator_of(network, person)
        MembershipFactory(network=network, status=MembershipStatus.PENDING)
    assert query_count.of(lambda: networks_dashboard(person)) == few


def test_the_admin_lists_networks_meetings_and_proposals(client, admin_user):
    network = NetworkFactory()
    MeetingFactory(network=network)
    facilitator_of(network)
    client.force_login(admin_user)
    for model in ("network", "meeting", "networkproposal"):
        assert client.get(reverse(f"admin:networks_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:networks_network_change", args=[network.pk])) \
        .status_code == 200
