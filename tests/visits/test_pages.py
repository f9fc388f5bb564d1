import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.mail.models import OutboxMessage
from exchange.visits import domain
from exchange.visits.models import HostOffer, ProgrammeMembership, Visit
from tests.factories import OrganisationFactory, member_of

from .conftest import rows

pytestmark = pytest.mark.django_db


def test_the_public_list_shows_planned_and_previous_visits_with_reports(client, make_visit, organiser):
    planned = make_visit(title="Custody redesign")
    previous = make_visit(title="Street triage visit", date=timezone.localdate() - datetime.timedelta(days=5))
    Visit.objects.filter(pk=previous.pk).update(status="closed", short_report="Key learning.",
                                                short_report_published_at=timezone.now())
    page = client.get(reverse("visits:list")).content.decode()
    assert planned.title in page and previous.title not in page
    page = client.get(reverse("visits:list") + "?when=previous").content.decode()
    assert "Street triage visit" in page and "Read the short report" in page
    detail = client.get(previous.get_absolute_url()).content.decode()
    assert "Key learning." in detail


def test_joining_details_are_shown_only_to_allocated_visitors(client, make_visit, organiser, lead, member,
                                                              colleague, outsider):
    visit = make_visit()
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    domain.schedule_preparation_call(visit=visit, actor=organiser, starts_at=timezone.now(),
                                     duration_minutes=60, joining_details="Teams code 998877")
    assert "998877" not in client.get(visit.get_absolute_url()).content.decode()
    client.force_login(outsider)
    assert "998877" not in client.get(visit.get_absolute_url()).content.decode()
    client.force_login(member)
    assert "998877" in client.get(visit.get_absolute_url()).content.decode()
    feed = client.get(reverse("visits:calendar")).content
    assert b"Preparation call" in feed and b"998877" not in feed


def test_a_lead_applies_through_the_form_and_a_short_group_keeps_what_was_typed(client, make_visit, lead,
                                                                                member, colleague):
    visit = make_visit(min_per_force=3)
    client.force_login(lead)
    url = reverse("visits:apply", args=[visit.pk])
    data = {"visitor_1_email": member.email, "visitor_1_role": "PC", "visitor_1_questions": "Cost?",
            "visitor_2_email": colleague.email, "visitor_2_role": "DS"}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "Name at least 3 colleagues" in page
    assert 'value="DS"' in page
    data.update({"visitor_3_email": lead.email, "visitor_3_role": "Lead"})
    response = client.post(url, data)
    assert response.status_code == 302
    assert visit.applications.get().visitors.count() == 3


def test_a_lead_confirms_before_the_whole_application_is_withdrawn(client, make_visit, lead, member,
                                                                     colleague):
    visit = make_visit()
    application = domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    client.force_login(lead)
    detail = client.get(visit.get_absolute_url()).content.decode()
    url = reverse("visits:withdraw-application", args=[visit.pk])
    assert f'href="{url}"' in detail

    confirm = client.get(url).content.decode()
    assert "Withdraw Kent Police's application" in confirm
    assert member.full_name in confirm and colleague.full_name in confirm
    application.refresh_from_db()
    assert application.status == "active"  # asking is not withdrawing

    response = client.post(url, follow=True)
    assert "The application for Kent Police has been withdrawn." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert client.get(url).status_code == 404  # nothing left to withdraw


def test_a_row_error_is_shown_against_its_field(client, make_visit, lead, member, outsider):
    client.force_login(lead)
    response = client.post(reverse("visits:apply", args=[make_visit().pk]), {
        "visitor_1_email": member.email, "visitor_1_role": "PC",
        "visitor_2_email": outsider.email, "visitor_2_role": "PC"})
    assert 'href="#id_visitor_2_email"' in response.content.decode()


def test_anyone_can_offer_to_host_and_staff_see_it(client, organiser):
    response = client.post(reverse("visits:host-offer"), {
        "organisation_name": "Acme Ltd", "contact_name": "Ann", "contact_email": "ann@acme.example",
        "theme": "Retail crime", "practice": "Shared CCTV"})
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(to="ann@acme.example").exists()
    client.force_login(organiser)
    assert "Retail crime" in client.get(reverse("visits:host-offers")).content.decode()


def test_staff_create_a_visit_through_the_page(client, organiser, programme_year, host):
    client.force_login(organiser)
    response = client.post(reverse("visits:create"), {
        "theme": "Drones", "title": "Drone first response", "host_organisation": host.pk,
        "capacity": 8, "min_per_force": 2, "applications_open": "2030-01-01T09:00",
        "applications_close": "2030-02-01T09:00"})
    visit = Visit.objects.get(title="Drone first response")
    assert response.status_code == 302 and visit.programme_year == programme_year


def _visits(make_visit, n):
    for i in range(n):
        make_visit(title=f"Visit {i}")


@pytest.mark.parametrize("url_name", ["visits:list", "visits:manage"])
def test_visit_lists_do_not_grow_queries_with_rows(client, make_visit, organiser, url_name, query_count):
    client.force_login(organiser)
    _visits(make_visit, 2)
    few = query_count.of_get(client, reverse(url_name))
    _visits(make_visit, 10)
    assert query_count.of_get(client, reverse(url_name)) == few


def test_host_offers_and_membership_lists_do_not_grow_queries(client, organiser, programme_year,
                                                              query_count):
    client.force_login(organiser)
    counts = []
    for n in (2, 12):
        for i in range(n):
            HostOffer.objects.create(organisation_name=f"Org {n}-{i}", contact_name="A",
                                     contact_email="a@example.org", theme="t", practice="p")
            ProgrammeMembership.objects.create(programme_year=programme_year,
                                               organisation=OrganisationFactory())
        counts.append([query_count.of_get(client, reverse("visits:host-offers")),
                       query_count.of_get(client, reverse("visits:programme-year",
                                                          args=[programme_year.pk])),
                       query_count.of_get(client, reverse("visits:programme-years"))])
    assert counts[0] == counts[1]


def test_follow_up_and_visit_pages_do_not_grow_queries(client, make_visit, organiser, lead, force,
                                                       query_count):
    client.force_login(organiser)
    counts = []
    for n in (2, 6):
        visit = make_visit(title=f"With {n}", capacity=20,
                           date=timezone.localdate() - datetime.timedelta(days=3))
        people = [member_of(force) for _ in range(n)]
        domain.apply(visit=visit, lead=lead, visitors=rows(*people))
        domain.run_allocation(visit=visit, actor=organiser)
        domain.change_state(visit=visit, action="mark_visited", actor=organiser)
        for person in people:
            domain.record_learning_point(visit=visit, actor=person, key_learning="Triage in control room",
                                         how_to_apply="Pilot")
        counts.append([query_count.of_get(client, reverse(name, args=[visit.pk]))
                       for name in ("visits:follow-up", "visits:manage-visit", "visits:manage-learning",
                                    "visits:questions")])
    assert counts[0] == counts[1]


def test_api_list_does_not_grow_queries(client, make_visit, query_count):
    _visits(make_visit, 2)
    few = query_count.of_get(client, "/api/v1/visits")
    _visits(make_visit, 10)
    assert query_count.of_get(client, "/api/v1/visits") == few
