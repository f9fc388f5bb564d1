"""The report: written by the team and staff, issued to the force, downloaded as PDF and Word;
and the force's action plan against its recommendations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.mail.models import OutboxMessage
from exchange.support.domain import report as domain
from exchange.support.enums import ActionStatus, RequestStatus
from exchange.support.models import ActionPlanItem, ProgressReview, Recommendation, SupportRequest
from tests.documents import pdf_text, word_text

pytestmark = pytest.mark.django_db

FINDINGS = "## Where files wait\n\nFiles wait **eleven days** for a supervisor's review."
SECRET = "eleven days"


def _under_way(request):
    SupportRequest.objects.filter(pk=request.pk).update(status=RequestStatus.UNDER_WAY,
                                                        starts_on=datetime.date(2031, 3, 3))
    request.refresh_from_db()
    return request


def _written(request, actor):
    _under_way(request)
    return domain.write_report(request=request, actor=actor, findings=FINDINGS, recommendations=[
        "Review files within two days.", "Publish the wait each month."])


def _issued(request, organiser, team_member):
    _written(request, team_member)
    domain.issue_report(request=request, actor=organiser)
    request.refresh_from_db()
    return request


@pytest.fixture
def people(lead, team_peer, organiser, colleague, other_lead, other_peer):
    return {"lead": lead, "team": team_peer.user, "organiser": organiser, "colleague": colleague,
            "other_lead": other_lead, "other_peer": other_peer.user}


# --- Writing and issuing -----------------------------------------------------------------------


def test_the_team_writes_numbered_recommendations_that_keep_their_rows(support_request, team_peer):
    _written(support_request, team_peer.user)
    first = Recommendation.objects.get(request=support_request, number=1)

    domain.write_report(request=support_request, actor=team_peer.user, findings=FINDINGS,
                        recommendations=["Review files within a day.", "", "Publish the wait.",
                                         "Train supervisors."])

    assert list(support_request.recommendations.values_list("number", "text")) == [
        (1, "Review files within a day."), (2, "Publish the wait."), (3, "Train supervisors.")]
    assert Recommendation.objects.get(request=support_request, number=1).pk == first.pk


def test_issuing_sets_the_date_schedules_the_review_and_emails_the_leads_without_findings(
        support_request, organiser, team_peer, lead):
    _issued(support_request, organiser, team_peer.user)

    assert support_request.status == RequestStatus.FOLLOW_UP and support_request.report_issued_at
    review = ProgressReview.objects.get(request=support_request)
    issued_on = timezone.localdate(support_request.report_issued_at)
    assert review.due_on == domain.add_months(issued_on, 10)
    [email] = OutboxMessage.objects.filter(template="report_issued")
    assert email.to == lead.email and email.subject.startswith("Action needed")
    assert "confidential" in email.body_text and SECRET not in email.body_text
    assert "Review files" not in email.body_text
    assert reverse("support:report", args=[support_request.pk]) in email.body_text


def test_a_report_without_findings_is_not_issued(support_request, organiser):
    _under_way(support_request)
    with pytest.raises(ValidationError, match="Write the findings"):
        domain.issue_report(request=support_request, actor=organiser)
    assert SupportRequest.objects.get(pk=support_request.pk).status == RequestStatus.UNDER_WAY


def test_an_issued_report_no_longer_changes(support_request, organiser, team_peer, client):
    _issued(support_request, organiser, team_peer.user)
    with pytest.raises(ValidationError, match="once issued it does not change"):
        domain.write_report(request=support_request, actor=team_peer.user, findings="New",
                            recommendations=["New"])
    client.force_login(team_peer.user)
    response = client.post(reverse("support:report", args=[support_request.pk]),
                           {"findings": "New", "recommendations": "New"})
    assert response.status_code == 403
    assert SupportRequest.objects.get(pk=support_request.pk).findings == FINDINGS


def test_the_findings_are_sanitised_on_the_page(client, support_request, team_peer):
    _under_way(support_request)
    domain.write_report(request=support_request, actor=team_peer.user,
                        findings="Fine <script>alert(1)</script> **bold**", recommendations=["One"])
    client.force_login(team_peer.user)
    client.get(reverse("support:report", args=[support_request.pk]))
    SupportRequest.objects.filter(pk=support_request.pk).update(
        status=RequestStatus.FOLLOW_UP, report_issued_at=timezone.now())
    page = client.get(reverse("support:report", args=[support_request.pk])).content.decode()
    assert "<strong>bold</strong>" in page and "<script>alert(1)" not in page


def test_the_team_writes_the_report_through_the_page(client, support_request, team_peer):
    _under_way(support_request)
    client.force_login(team_peer.user)
    response = client.post(reverse("support:report", args=[support_request.pk]), {
        "findings": FINDINGS,
        "recommendations": "Review files\nwithin two days.\r\n\r\nPublish the wait."})
    assert response.status_code == 302
    assert list(support_request.recommendations.values_list("text", flat=True)) == [
        "Review files within two days.", "Publish the wait."]


def test_organisers_issue_the_report_from_its_page(client, support_request, organiser, team_peer):
    _written(support_request, team_peer.user)
    client.force_login(team_peer.user)
    assert client.post(reverse("support:report", args=[support_request.pk]),
                       {"action": "issue"}).status_code == 403
    client.force_login(organiser)
    response = client.post(reverse("support:report", args=[support_request.pk]), {"action": "issue"})
    assert response.status_code == 302
    assert SupportRequest.objects.get(pk=support_request.pk).status == RequestStatus.FOLLOW_UP


# --- Who sees the report -----------------------------------------------------------------------


@pytest.mark.parametrize(("person", "page", "download"), [
    ("lead", 200, 404), ("team", 200, 200), ("organiser", 200, 200),
    ("colleague", 404, 404), ("other_lead", 404, 404), ("other_peer", 404, 404)])
def test_a_draft_is_seen_by_the_team_and_organisers_and_not_by_the_lead(
        client, support_request, team_peer, people, person, page, download):
    _written(support_request, team_peer.user)
    client.force_login(people[person])

    response = client.get(reverse("support:report", args=[support_request.pk]))
    pdf = client.get(reverse("support:report-download", args=[support_request.pk, "pdf"]))

    assert (response.status_code, pdf.status_code) == (page, download)
    assert (SECRET in response.content.decode()) == (person in {"team", "organiser"})


@pytest.mark.parametrize(("person", "status"), [
    ("lead", 200), ("team", 200), ("organiser", 200),
    ("colleague", 404), ("other_lead", 404), ("other_peer", 404)])
def test_an_issued_report_is_confidential_to_the_force_the_team_and_organisers(
        client, support_request, organiser, team_peer, people, person, status):
    _issued(support_request, organiser, team_peer.user)
    client.force_login(people[person])

    responses = [client.get(reverse("support:report", args=[support_request.pk]))] + [
        client.get(reverse("support:report-download", args=[support_request.pk, fmt]))
        for fmt in ("pdf", "docx")]

    assert [r.status_code for r in responses] == [status] * 3
    assert (SECRET in responses[0].content.decode()) == (status == 200)


def test_anonymous_visitors_are_sent_to_sign_in(client, support_request):
    for name, args in [("support:report", [support_request.pk]),
                       ("support:report-download", [support_request.pk, "pdf"])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "sign-in" in response["Location"]


def test_the_pdf_and_word_carry_the_title_block_findings_recommendations_and_team(
        client, support_request, organiser, team_peer):
    _issued(support_request, organiser, team_peer.user)
    client.force_login(organiser)

    pdf = client.get(reverse("support:report-download", args=[support_request.pk, "pdf"]))
    word = client.get(reverse("support:report-download", args=[support_request.pk, "docx"]))

    assert pdf["Content-Disposition"] == \
        f'attachment; filename="peer-support-{support_request.pk}-report.pdf"'
    for text in (pdf_text(pdf.content), word_text(word.content)):
        assert "Confidential to Kent Police" in text
        assert "Where files wait" in text and SECRET in text
        assert "Review files within two days." in text and "Publish the wait each month." in text
        assert "Pip Peer (Merseyside Police)" in text
        assert "DRAFT" not in text


def test_a_draft_download_says_draft(client, support_request, team_peer):
    _written(support_request, team_peer.user)
    client.force_login(team_peer.user)
    pdf = client.get(reverse("support:report-download", args=[support_request.pk, "pdf"]))
    assert "DRAFT" in pdf_text(pdf.content)
    assert pdf["Content-Disposition"].endswith('-report-draft.pdf"')
    assert client.get(reverse("support:report-download",
                              args=[support_request.pk, "odt"])).status_code == 404


# --- The action plan ---------------------------------------------------------------------------


def test_the_lead_plans_an_action_for_a_recommendation_and_everyone_on_it_reads_it(
        client, support_request, organiser, team_peer, lead):
    _issued(support_request, organiser, team_peer.user)
    url = reverse("support:action-plan", args=[support_request.pk])
    client.force_login(lead)
    assert "Review files within two days." in client.get(url + "?edit=1").content.decode()

    response = client.post(url, {"recommendation": "1", "action": "A two-day review rota",
                                 "owner": "Head of crime", "due_on": "2031-09-01",
                                 "status": ActionStatus.IN_PROGRESS, "progress": "Rota drafted"})

    assert response.status_code == 302
    item = ActionPlanItem.objects.get(recommendation__number=1)
    assert (item.owner, item.status, item.due_on) == ("Head of crime", ActionStatus.IN_PROGRESS,
                                                      datetime.date(2031, 9, 1))
    client.force_login(team_peer.user)
    page = client.get(url).content.decode()
    assert "A two-day review rota" in page and "In progress" in page
    response = client.post(url, {"recommendation": "1", "action": "Mine", "owner": "Me",
                                 "status": ActionStatus.DONE})
    assert response.status_code == 403
    assert ActionPlanItem.objects.get().action == "A two-day review rota"


@pytest.mark.parametrize(("person", "status"), [
    ("lead", 200), ("team", 200), ("organiser", 200),
    ("colleague", 404), ("other_lead", 404), ("other_peer", 404)])
def test_the_action_plan_is_confidential(client, support_request, organiser, team_peer, people,
                                         person, status):
    _issued(support_request, organiser, team_peer.user)
    recommendation = support_request.recommendations.get(number=1)
    domain.plan_action(recommendation=recommendation, actor=people["lead"],
                       action="A secret rota", owner="Head of crime")
    client.force_login(people[person])
    response = client.get(reverse("support:action-plan", args=[support_request.pk]))
    assert response.status_code == status
    assert ("A secret rota" in response.content.decode()) == (status == 200)


def test_the_action_plan_is_kept_only_during_follow_up(support_request, organiser, team_peer, lead):
    _issued(support_request, organiser, team_peer.user)
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.CLOSED)
    recommendation = Recommendation.objects.get(request=support_request, number=1)
    with pytest.raises(ValidationError, match="action plan is written after the report"):
        domain.plan_action(recommendation=recommendation, actor=lead, action="Late", owner="Me")


def test_the_action_plan_costs_the_same_queries_however_many_recommendations(
        client, support_request, organiser, team_peer, lead, query_count):
    _issued(support_request, organiser, team_peer.user)
    url = reverse("support:action-plan", args=[support_request.pk])
    client.force_login(lead)
    few = query_count.of(lambda: client.get(url))
    for number in range(3, 9):
        item = Recommendation.objects.create(request=support_request, number=number, text=f"R{number}")
        ActionPlanItem.objects.create(recommendation=item, action="Do it", owner="Someone")
    assert query_count.of(lambda: client.get(url)) == few
