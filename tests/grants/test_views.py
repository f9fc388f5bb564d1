"""Small grants' pages: the lists, applying from draft to submission, the organisers' pages
and what each person sees. Lists keep their query counts whatever their rows."""

import pytest
from django.urls import reverse

from exchange.grants.enums import ApplicationStatus, CallStatus
from exchange.grants.models import GrantApplication, PanelAssignment
from exchange.people.enums import MembershipRole
from tests.factories import OrganisationFactory, member_of, staff_user

from .factories import make_application, make_call

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return response.content.decode()


def test_the_list_shows_open_and_past_calls_but_no_draft(client, year):
    make_call(year, slug="open-one", title="Open call")
    make_call(year, slug="past-one", title="Past call", status=CallStatus.DECIDED,
              opened_days_ago=100, days_left=-50)
    make_call(year, slug="draft-one", title="Draft call", status=CallStatus.DRAFT)
    html = page(client, reverse("grants:list"))
    assert "Open call" in html and "Past call" in html and "Draft call" not in html


def test_the_call_page_offers_an_eligible_lead_the_apply_button(client, call, lead, member):
    client.force_login(lead)
    assert "Start an application" in page(client, call.get_absolute_url())
    client.force_login(member)
    html = page(client, call.get_absolute_url())
    assert "Start an application" not in html and "Your organisation's lead applies" in html


def test_a_lead_of_an_organisation_outside_the_year_is_told_why_not(client, call):
    outsider_lead = member_of(OrganisationFactory(name="Testshire Police"),
                              role=MembershipRole.LEAD)
    client.force_login(outsider_lead)
    html = page(client, call.get_absolute_url())
    assert "not a member of the" in html and "Start an application" not in html


def test_a_lead_saves_a_draft_comes_back_and_submits(client, call, lead, force):
    client.force_login(lead)
    response = client.post(reverse("grants:apply", args=[call.slug]),
                           {"organisation": force.pk})
    application = GrantApplication.objects.get(call=call, organisation=force)
    assert response["Location"] == reverse("grants:application-edit", args=[application.pk])
    edit_url = reverse("grants:application-edit", args=[application.pk])
    client.post(edit_url, {"project_title": "Late shift triage", "aims": "Fewer detentions",
                           "line_1_item": "Nurse", "line_1_amount": "5000", "save": ""})
    html = page(client, edit_url)
    assert 'value="Late shift triage"' in html and "Fewer detentions" in html
    submit_url = reverse("grants:application-submit", args=[application.pk])
    response = client.post(submit_url)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert f'href="{edit_url}#id_method">Enter the method' in html
    assert f'href="{edit_url}#id_evaluation_plan">Enter the evaluation plan' in html
    client.post(edit_url, {"project_title": "Late shift triage", "aims": "Fewer detentions",
                           "method": "Nurse rides along", "evaluation_plan": "Compare",
                           "partners": "Calm Minds (with Avon NHS Trust)",
                           "line_1_item": "Nurse", "line_1_amount": "5000", "check": ""})
    response = client.post(submit_url)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_draft_form_keeps_what_was_typed_when_a_line_is_wrong(client, call, lead, force):
    application = make_application(call, force, lead, project_title="")
    client.force_login(lead)
    response = client.post(reverse("grants:application-edit", args=[application.pk]), {
        "project_title": "Typed title", "method": "Typed method", "line_1_item": "Nurse",
        "line_1_amount": "lots", "line_2_amount": "300"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Typed title"' in html and "Typed method" in html and 'value="Nurse"' in html
    assert "Enter the amount on the first budget line as a whole number" in html
    assert "Enter the item on the second budget line, or clear its amount" in html
    application.refresh_from_db()
    assert application.project_title == ""


def test_the_call_form_keeps_what_was_typed(client, organiser, year):
    client.force_login(organiser)
    response = client.post(reverse("grants:call-new"), {
        "title": "Typed call", "aims": "Typed aims", "programme_year": year.pk,
        "amount_min": "5000", "amount_max": "1000", "opens_at": "2026-01-01T09:00",
        "deadline": "2026-02-01T09:00", "criterion_1_name": "Need"})
    html = response.content.decode()
    assert response.status_code == 200 and 'value="Typed call"' in html
    assert "Enter a largest grant no smaller than the smallest" in html
    assert "Enter the weight of the first criterion" in html
    assert "Enter the eligibility" in html


def test_the_panel_form_never_offers_staff_from_the_applicant(client, call, force, lead,
                                                              organiser, reviewer):
    kent_reviewer = member_of(force, email="kim@kent.police.uk", full_name="Kim Kent")
    kent_reviewer.groups.add(*reviewer.groups.all())
    application = make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)
    client.force_login(organiser)
    url = reverse("grants:panel", args=[application.pk])
    html = page(client, url)
    assert "Riley Reviewer" in html and "Kim Kent" not in html
    response = client.post(url, {"assessors": [kent_reviewer.pk]})
    assert response.status_code == 200 and "Select one of the options shown" in \
        response.content.decode()
    assert not PanelAssignment.objects.exists()


def test_the_lead_sees_the_decision_and_feedback(client, call, force, lead):
    application = make_application(call, force, lead, status=ApplicationStatus.FUNDED,
                                   amount_awarded=9000, feedback="A clear method.")
    client.force_login(lead)
    html = page(client, application.get_absolute_url())
    assert "Funded:</strong> £9,000 awarded" in html and "A clear method." in html


def test_an_application_is_404_to_everyone_outside_its_leads_organisers_and_panel(
        client, call, force, lead, member, colleague, outsider, reviewer):
    application = make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)
    urls = [reverse(name, args=[application.pk]) for name in (
        "grants:application", "grants:application-edit", "grants:application-submit",
        "grants:application-withdraw", "grants:score")]
    for person in (member, colleague, outsider, reviewer):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)


def test_the_dashboard_and_home_show_the_open_call(client, call, force, lead):
    make_application(call, force, lead, project_title="The Kent bid")
    client.force_login(lead)
    html = page(client, reverse("people:home"))
    assert "The Kent bid" in html and call.title in html
    assert call.title in page(client, reverse("common:home"))


# --- Query counts ----------------------------------------------------------------------------------

def _applications(call, count):
    for n in range(count):
        organisation = OrganisationFactory(name=f"Force {call.slug} {n}")
        call.programme_year.memberships.create(organisation=organisation)
        lead = member_of(organisation, role=MembershipRole.LEAD)
        application = make_application(call, organisation, lead,
                                       status=ApplicationStatus.SUBMITTED,
                                       lines=[("A", 3000), ("B", 200)])
        for assessor in call._assessors:
            PanelAssignment.objects.create(application=application, assessor=assessor)


def test_the_ranking_table_costs_the_same_however_many_applications(
        client, year, organiser, reviewer, query_count):
    counts = []
    for n, slug in ((1, "few"), (6, "many")):
        call = make_call(year, slug=slug)
        call._assessors = [organiser, reviewer]
        _applications(call, n)
        client.force_login(organiser)
        client.get(reverse("grants:call-manage", args=[slug]))  # caches what any page caches
        counts.append(query_count.of_get(client, reverse("grants:call-manage", args=[slug])))
    assert counts[0] == counts[1]


def test_the_lists_cost_the_same_however_many_rows(client, year, force, organiser,
                                                   query_count):
    lead = member_of(force, role=MembershipRole.LEAD, email="lead3@kent.police.uk")
    counts = {}
    for n in (1, 5):
        for k in range(n):
            call = make_call(year, slug=f"call-{n}-{k}", status=CallStatus.DECIDED,
                             opened_days_ago=100, days_left=-10)
            make_application(call, force, lead, lines=[("A", 3000), ("B", 1)])
        make_call(year, slug=f"open-{n}")
        client.force_login(lead)
        mine = query_count.of_get(client, reverse("grants:mine"))
        listed = query_count.of_get(client, reverse("grants:list"))
        client.force_login(organiser)
        managed = query_count.of_get(client, reverse("grants:manage"))
        counts[n] = (mine, listed, managed)
    assert counts[1] == counts[5]


def test_the_assessors_list_costs_the_same_however_many(client, year, organiser, query_count):
    assessor = staff_user("Reviewer", email="assessor@example.org")
    counts = []
    for n, slug in ((1, "a-few"), (4, "a-lot")):
        call = make_call(year, slug=slug)
        call._assessors = [assessor]
        _applications(call, n)
        client.force_login(assessor)
        counts.append(query_count.of_get(client, reverse("grants:assessments")))
    assert counts[0] == counts[1]


def test_the_applicant_never_learns_who_sits_on_the_panel(client, call, force, lead,
                                                          organiser, reviewer):
    from exchange.grants.domain import assessment

    application = make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)
    assessment.set_panel(application=application, actor=organiser, assessors=[reviewer])
    client.force_login(lead)
    assert "Riley Reviewer" not in page(client, application.get_absolute_url())
    client.force_login(organiser)
    assert "Riley Reviewer" in page(client, application.get_absolute_url())


def test_the_dashboard_costs_the_same_however_many_applications(year, force, query_count):
    from exchange.grants.models import ProgressReport
    from exchange.grants.programme import grants_dashboard

    lead = member_of(force, role=MembershipRole.LEAD, email="dash@kent.police.uk")
    counts = []
    for n in (1, 4):
        for k in range(n):
            call = make_call(year, slug=f"dash-{n}-{k}")
            funded = make_application(call, force, lead, status=ApplicationStatus.FUNDED)
            ProgressReport.objects.create(application=funded, due_on=call.deadline.date())
        lead = type(lead).objects.get(pk=lead.pk)  # a fresh user: nothing cached
        counts.append(query_count.of(lambda user=lead: grants_dashboard(user)))
    assert counts[0] == counts[1]


def test_the_decision_page_shows_the_application_s_weighted_score(client, call, force, lead,
                                                                  organiser, reviewer):
    from exchange.grants.domain import assessment

    application = make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)
    first, second = call.criteria.all()
    assignments = assessment.set_panel(application=application, actor=organiser,
                                       assessors=[organiser, reviewer])
    for assignment, (a, b) in zip(assignments, [(5, 5), (4, 4)], strict=True):
        assessment.save_scores(assignment=assignment, actor=assignment.assessor,
                               scores={first.pk: (a, ""), second.pk: (b, "")})
    client.force_login(organiser)
    html = page(client, reverse("grants:decide", args=[application.pk]))
    assert "Weighted score: <strong>4.50</strong>, spread 1.00." in html
    assert "(budget £9,000)" in html


def test_the_decision_form_keeps_the_feedback_when_the_amount_is_missing(
        client, call, force, lead, organiser):
    application = make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)
    call.status = CallStatus.ASSESSING
    call.save()
    client.force_login(organiser)
    response = client.post(reverse("grants:decide", args=[application.pk]),
                           {"decision": "funded", "feedback": "Typed feedback"})
    html = response.content.decode()
    assert response.status_code == 200 and "Enter the amount awarded" in html
    assert "Typed feedback" in html
    response = client.post(reverse("grants:decide", args=[application.pk]),
                           {"decision": "funded", "amount_awarded": "99999",
                            "feedback": "Typed feedback"})
    assert "Enter the amount awarded, £2,000 to £15,000" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_call_is_not_offered_as_decided_while_applications_wait(client, call, force, lead,
                                                                     organiser):
    make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)
    call.status = CallStatus.ASSESSING
    call.save()
    client.force_login(organiser)
    assert "Mark the call decided" not in page(client, reverse("grants:call-manage",
                                                                args=[call.slug]))
    html = page(client, reverse("grants:call-state", args=[call.slug, "finish"]))
    assert "Record a decision on every submitted application first." in html


def test_the_project_links_to_its_practice_entry_once_published(client, call, force, lead):
    from exchange.grants.models import ProgressReport

    both = staff_user("Organiser", "Reviewer", email="both@example.org")
    funded = make_application(call, force, lead, status=ApplicationStatus.FUNDED,
                              amount_awarded=5000)
    report = ProgressReport.objects.create(
        application=funded, due_on=call.deadline.date(), is_final=True, what_was_done="Done.",
        results="Fewer calls.", evidence="Force data.", submitted_by=lead,
        submitted_at=call.opens_at)
    client.force_login(both)
    response = client.post(reverse("grants:publish-report", args=[report.pk]), {
        "label": "worked", "summary": "One line.", "mechanism": "Why."})
    assert response.status_code == 302
    report.refresh_from_db()
    client.force_login(lead)
    html = page(client, funded.get_absolute_url())
    assert f'href="{report.practice.get_absolute_url()}">in the practice bank' in html
