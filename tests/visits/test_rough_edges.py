"""Issue 9's rough edges in peer learning visits, each as a person met it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.visits import domain
from exchange.visits.enums import VisitStatus
from exchange.visits.models import CheckIn, HostReport, LearningPoint, Visit

from .conftest import rows

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def allocated_in_ten_weeks(make_visit, organiser, lead, member, colleague):
    visit = make_visit(date=_days(70))
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    return visit


# 1. A visit is marked visited on or after its day.

def test_a_visit_ten_weeks_away_cannot_be_marked_visited(allocated_in_ten_weeks, organiser):
    visit = allocated_in_ten_weeks
    with pytest.raises(ValidationError) as refused:
        domain.change_state(visit=visit, action="mark_visited", actor=organiser)
    assert refused.value.message_dict == {"date": [
        f"The visit is on {visit.date:%-d %B %Y}: mark it as visited on or after that day. "
        "If it took place earlier, change its date first."]}
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.ALLOCATED


def test_the_staff_page_says_why_the_visit_cannot_be_marked_visited_yet(
        client, allocated_in_ten_weeks, organiser):
    visit = allocated_in_ten_weeks
    client.force_login(organiser)
    response = client.post(reverse("visits:change-state", args=[visit.pk, "mark_visited"]), {})
    assert response.status_code == 200
    assert f"The visit is on {visit.date:%-d %B %Y}: mark it as visited" in response.content.decode()
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.ALLOCATED


def test_a_visit_is_marked_visited_on_its_day(make_visit, organiser, lead, member, colleague):
    visit = make_visit(date=_days(0))
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    visit = domain.change_state(visit=visit, action="mark_visited", actor=organiser)
    assert visit.status == VisitStatus.VISITED


def test_a_visited_visit_cannot_be_moved_to_a_day_to_come(visited, organiser):
    with pytest.raises(ValidationError) as refused:
        domain.update_visit(actor=organiser, visit=visited, data={"date": _days(60)})
    assert refused.value.message_dict == {
        "date": ["The visit has taken place: enter a date on or before today"]}
    assert Visit.objects.get(pk=visited.pk).date == _days(-10)


def test_the_host_report_never_counts_negative_days(client, visited, organiser):
    # Data from before the rule: a visit dated ten weeks after its report went out.
    report = HostReport.objects.create(visit=visited, body="Report", sent_at=timezone.now())
    Visit.objects.filter(pk=visited.pk).update(date=_days(70),
                                               status=VisitStatus.HOST_REPORT_SENT)
    report.refresh_from_db()
    assert report.days_after_visit is None
    client.force_login(organiser)
    for name in ("visits:manage-visit", "visits:host-report"):
        page = client.get(reverse(name, args=[visited.pk])).content.decode()
        assert "-70 days" not in page
        assert "after the visit" not in page


# 2. Allocating before applications close asks first and says who misses out.

def test_allocating_while_applications_are_open_asks_first_naming_who_misses_out(
        client, make_visit, organiser, lead, member, colleague):
    visit = make_visit()  # applications close in ten days
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    client.force_login(organiser)
    staff_page = client.get(reverse("visits:manage-visit", args=[visit.pk])).content.decode()
    assert f'href="{reverse("visits:allocate", args=[visit.pk])}">Allocate places</a>' in staff_page

    response = client.post(reverse("visits:allocate", args=[visit.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Applications are still open: allocate places now?" in page
    close = timezone.localtime(visit.applications_close)
    assert f"could still have done so until {close:%-d %B %Y, %H:%M}" in page
    assert "<li>Essex Police</li>" in page  # a member force that has not applied
    assert "<li>Kent Police</li>" not in page
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.OPEN

    response = client.post(reverse("visits:allocate", args=[visit.pk]), {"confirm": "early"})
    assert response.status_code == 302
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.ALLOCATED


def test_allocating_after_applications_close_needs_no_confirmation(
        client, make_visit, organiser, lead, member, colleague):
    visit = make_visit()
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    Visit.objects.filter(pk=visit.pk).update(applications_close=timezone.now())
    client.force_login(organiser)
    response = client.post(reverse("visits:allocate", args=[visit.pk]))
    assert response.status_code == 302
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.ALLOCATED


def test_after_allocation_the_public_page_says_where_the_visit_stands(
        client, allocated_in_ten_weeks):
    page = client.get(reverse("visits:detail", args=[allocated_in_ten_weeks.pk])).content.decode()
    assert "Applications have closed and places have been allocated." in page
    assert "Open for applications until" not in page
    assert ">Applications</dt>" not in page


def test_an_open_visit_still_advertises_its_window(client, make_visit):
    visit = make_visit()
    page = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    close = timezone.localtime(visit.applications_close)
    assert f"Open for applications until {close:%-d %B %Y, %H:%M}." in page


# 3. The apply form says which rows and fields are needed, and whose a message is about.

def test_a_missing_role_through_the_api_says_whose(make_visit, lead, member, colleague):
    visit = make_visit()
    with pytest.raises(ValidationError) as refused:
        domain.apply(visit=visit, lead=lead, visitors=[
            {"email": member.email, "role": "PC"}, {"email": colleague.email, "role": " "}])
    assert refused.value.message_dict == {
        "visitors.1.role": ["Enter the role of the second visitor"]}


def test_the_apply_form_marks_optional_only_what_is(client, make_visit, lead):
    visit = make_visit(min_per_force=3)
    client.force_login(lead)
    page = client.get(reverse("visits:apply", args=[visit.pk])).content.decode()
    for n in (1, 2, 3):
        assert f">Visitor {n}</h2>" in page
    assert ">Visitor 4 (optional)</h2>" in page
    assert page.count(">Role</label>") == 6
    assert page.count(">Email address</label>") == 6
    assert "Role (optional)" not in page and "Email address (optional)" not in page


# 4. The author edits or deletes a learning point until the host report is sent.

@pytest.fixture
def point(visited, member):
    return domain.record_learning_point(visit=visited, actor=member, key_learning="Triage in the room",
                                        how_to_apply="Pilot")


def test_the_author_changes_a_learning_point_before_the_report_is_sent(client, point, member):
    client.force_login(member)
    page = client.get(reverse("visits:learning", args=[point.visit_id])).content.decode()
    assert reverse("visits:edit-learning", args=[point.pk]) in page
    assert reverse("visits:delete-learning", args=[point.pk]) in page
    response = client.post(reverse("visits:edit-learning", args=[point.pk]), {
        "key_learning": "A nurse in the control room", "how_to_apply": "Propose a pilot"})
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.key_learning, point.how_to_apply) == ("A nurse in the control room",
                                                        "Propose a pilot")


def test_the_author_deletes_a_learning_point_after_confirming(client, point, member):
    client.force_login(member)
    confirm = client.get(reverse("visits:delete-learning", args=[point.pk])).content.decode()
    assert "Delete your learning point?" in confirm and "Triage in the room" in confirm
    assert client.post(reverse("visits:delete-learning", args=[point.pk])).status_code == 302
    assert not LearningPoint.objects.filter(pk=point.pk).exists()


def test_a_colleague_cannot_change_someone_elses_point(client, point, colleague):
    client.force_login(colleague)
    response = client.post(reverse("visits:edit-learning", args=[point.pk]), {
        "key_learning": "Mine now", "how_to_apply": "x"})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        domain.delete_learning_point(point=point, actor=colleague)
    assert LearningPoint.objects.get(pk=point.pk).key_learning == "Triage in the room"


def test_points_are_fixed_once_the_host_report_is_sent(client, point, member, organiser):
    domain.draft_host_report(visit=point.visit, actor=organiser)
    domain.send_host_report(visit=point.visit, actor=organiser)
    with pytest.raises(ValidationError) as refused:
        domain.edit_learning_point(point=point, actor=member, key_learning="Changed",
                                   how_to_apply="x")
    assert refused.value.messages == [
        "The report to the host has been sent, so your learning points can no longer change. "
        "Ask the programme team if something is wrong."]
    client.force_login(member)
    page = client.get(reverse("visits:learning", args=[point.visit_id])).content.decode()
    assert reverse("visits:edit-learning", args=[point.pk]) not in page
    client.post(reverse("visits:delete-learning", args=[point.pk]))
    assert LearningPoint.objects.filter(pk=point.pk).exists()


# 5. Each weekly check-in opens in its week.

def test_week_six_cannot_be_filled_in_on_the_first_day(visited, member):
    # The visit was ten days ago: weeks 1 and 2 are open, week 3 opens on day 14.
    week_3 = CheckIn.objects.get(visitor__user=member, week=3)
    with pytest.raises(ValidationError) as refused:
        domain.complete_check_in(check_in=week_3, actor=member, applied="Everything",
                                 obstacles="", wants_help=False)
    opens = visited.date + datetime.timedelta(days=14)
    assert refused.value.messages == [
        f"Your week 3 check-in opens on {opens:%-d %B %Y}. Come back then to say what you have "
        "applied that week."]
    assert CheckIn.objects.get(pk=week_3.pk).completed_at is None
    week_2 = CheckIn.objects.get(visitor__user=member, week=2)
    domain.complete_check_in(check_in=week_2, actor=member, applied="Briefed the team",
                             obstacles="", wants_help=False)
    assert CheckIn.objects.get(pk=week_2.pk).completed_at is not None


def test_the_visitor_sees_when_each_check_in_opens(client, visited, member):
    client.force_login(member)
    week_6 = CheckIn.objects.get(visitor__user=member, week=6)
    opens = visited.date + datetime.timedelta(weeks=5)
    page = client.get(reverse("visits:check-in", args=[week_6.pk])).content.decode()
    assert f"This check-in opens on {opens:%A %-d %B %Y}" in page
    assert "Save the check-in" not in page
    visit_page = client.get(reverse("visits:detail", args=[visited.pk])).content.decode()
    assert f"Opens {opens:%-d %B}" in visit_page
    assert reverse("visits:check-in", args=[week_6.pk]) not in visit_page
    week_1 = CheckIn.objects.get(visitor__user=member, week=1)
    assert reverse("visits:check-in", args=[week_1.pk]) in visit_page


# 6. Joining links, how a member applies, a visitor's own visits, visits in follow-up.

def test_a_teams_link_in_the_joining_details_is_a_safe_link(client, allocated_in_ten_weeks,
                                                            organiser, member):
    domain.schedule_preparation_call(
        visit=allocated_in_ten_weeks, actor=organiser, duration_minutes=60,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        joining_details="Teams: https://teams.microsoft.com/l/meetup-join/19%3a?a=1&b=2.\n"
                        "Not this: javascript:alert(1) <b>bold</b>")
    client.force_login(member)
    page = client.get(reverse("visits:detail", args=[allocated_in_ten_weeks.pk])).content.decode()
    assert ('<a class="govuk-link" href="https://teams.microsoft.com/l/meetup-join/19%3a?a=1&amp;b=2"'
            ' rel="noopener noreferrer">https://teams.microsoft.com/l/meetup-join/19%3a?a=1&amp;b=2</a>.'
            in page)
    assert 'href="javascript' not in page
    assert "javascript:alert(1) &lt;b&gt;bold&lt;/b&gt;" in page


def test_a_member_who_is_not_a_lead_is_told_who_applies_for_their_force(client, make_visit, member,
                                                                        lead):
    visit = make_visit()
    client.force_login(member)
    page = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    assert "How to apply" in page
    assert f"For Kent Police that is {lead.full_name} (" in page
    assert f'href="mailto:{lead.email}"' in page
    assert "Ask them to apply and name you before" in page


def test_a_visitor_lists_their_visits_with_the_next_thing_to_do(client, visited, member):
    client.force_login(member)
    page = client.get(reverse("visits:mine")).content.decode()
    assert visited.title in page
    assert "Record what you learned before the report to the host is written." in page
    assert reverse("visits:learning", args=[visited.pk]) in page
    assert client.get(reverse("visits:list")).content.decode().count(reverse("visits:mine")) == 1


def test_your_visits_points_to_the_open_check_in(client, visited, member, organiser):
    domain.draft_host_report(visit=visited, actor=organiser)
    domain.send_host_report(visit=visited, actor=organiser)
    client.force_login(member)
    page = client.get(reverse("visits:mine")).content.decode()
    week_1 = CheckIn.objects.get(visitor__user=member, week=1)
    assert reverse("visits:check-in", args=[week_1.pk]) in page
    assert "Check in for week 1" in page


def test_someone_named_on_no_visit_is_told_how_places_come(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("visits:mine")).content.decode()
    assert "You are not named on any visit." in page


def test_a_visited_visit_stays_on_the_list_until_its_short_report(client, visited, organiser):
    page = client.get(reverse("visits:list")).content.decode()
    assert "Visits in follow-up" in page and visited.title in page
    domain.publish_short_report(visit=visited, actor=organiser, body="What we learned.")
    page = client.get(reverse("visits:list")).content.decode()
    assert "Visits in follow-up" not in page
    assert visited.title in client.get(reverse("visits:list") + "?when=previous").content.decode()


def test_your_visits_does_not_grow_queries_with_its_rows(client, make_visit, organiser, lead,
                                                         member, colleague, query_count):
    client.force_login(member)
    counts = []
    for n in (1, 3):
        for _ in range(n):
            visit = make_visit(date=_days(-10))
            domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
            domain.run_allocation(visit=visit, actor=organiser)
            domain.change_state(visit=visit, action="mark_visited", actor=organiser)
        counts.append(query_count.of_get(client, reverse("visits:mine")))
    assert counts[0] == counts[1]


# 7. The staff page shows where the visit is and makes the next step the main button.

def _buttons(page):
    import re

    main = page.split("<main", 1)[1].split("</main>", 1)[0]  # not "Was this page useful?"
    return re.findall(r'class="govuk-button(?: govuk-button--(\w+))?"[^>]*>([^<]+)<', main)


def test_the_staff_page_shows_the_lifecycle_and_the_next_step_first(client, allocated_in_ten_weeks,
                                                                    organiser):
    client.force_login(organiser)
    page = client.get(reverse("visits:manage-visit", args=[allocated_in_ten_weeks.pk])).content.decode()
    assert 'class="govuk-task-list"' in page
    assert page.count(">Done</div>") == 2  # planned, applications taken
    assert page.index("Give out the places") < page.index("Next") < page.index("Prepare the visitors")
    assert _buttons(page) == [("", "Start preparation"), ("secondary", "Run the allocation again"),
                              ("secondary", "Mark as visited")]
    cancel = reverse("visits:change-state", args=[allocated_in_ten_weeks.pk, "cancel"])
    assert f'<a class="govuk-link" href="{cancel}">Cancel the visit</a>' in page
    assert "govuk-button--warning" not in page


def test_a_visit_in_preparation_says_when_it_can_be_marked_visited(client, allocated_in_ten_weeks,
                                                                   organiser):
    visit = domain.change_state(visit=allocated_in_ten_weeks, action="start_preparation",
                                actor=organiser)
    client.force_login(organiser)
    page = client.get(reverse("visits:manage-visit", args=[visit.pk])).content.decode()
    assert f"You can mark it as visited from {visit.date:%-d %B %Y}, the day of the visit." in page
    assert _buttons(page) == []


def test_after_the_visit_the_next_step_is_the_host_report(client, visited, organiser):
    client.force_login(organiser)
    page = client.get(reverse("visits:manage-visit", args=[visited.pk])).content.decode()
    report = reverse("visits:host-report", args=[visited.pk])
    assert f'<a class="govuk-button" href="{report}">Write and send the host report</a>' in page
    assert "Cancel the visit" not in page


def test_cancelling_asks_on_its_own_page_with_a_warning(client, make_visit, organiser):
    visit = make_visit()
    client.force_login(organiser)
    page = client.get(reverse("visits:change-state", args=[visit.pk, "cancel"])).content.decode()
    assert "A cancelled visit leaves the public list and cannot be reopened." in page
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.OPEN
