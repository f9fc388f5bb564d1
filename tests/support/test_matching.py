"""Peer matching from asking to join to the overall report: the rules, the pages, the emails,
and who may see a group's material (its forces' leads and organisers; nobody else)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.mail.models import OutboxMessage
from exchange.support.domain import matching as domain
from exchange.support.domain import matching_reports as reports
from exchange.support.enums import GroupStatus, QuestionStatus
from exchange.support.models import GuideQuestion, MatchingInterest, Submission
from tests.factories import OrganisationFactory, TopicFactory

from .factories import GuideQuestionFactory, MatchingGroupFactory, lead_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_force(db):
    # (conftest's Merseyside Police clashes with the real force the data migration ships.)
    return OrganisationFactory(name="Testshire Police", slug="testshire-police-matching")


@pytest.fixture
def outsider_lead(third_force):
    """The lead of a force that is not in the group."""
    return lead_of(third_force, email="lead@testshire.police.example", full_name="Tam Testshire")


@pytest.fixture
def group(force, other_force, lead, other_lead, organiser):
    return MatchingGroupFactory(forces=[force, other_force], status=GroupStatus.GUIDE)


@pytest.fixture
def questions(group):
    return [GuideQuestionFactory(group=group, status=QuestionStatus.INCLUDED, text=text)
            for text in ("How do you choose which problems to work on?",
                         "How do you know it worked?")]


def signed_in(client, user):
    client.force_login(user)
    return client


def emailed(template):
    return sorted(OutboxMessage.objects.filter(template=template).values_list("to", flat=True))


def submissions_open(group):
    group.status = GroupStatus.SUBMISSIONS
    group.save(update_fields=["status"])
    return group


# --- Asking to join and forming a group --------------------------------------------------


def test_a_lead_asks_to_join_once_per_topic_and_organisers_are_told(client, force, lead,
                                                                    organiser):
    topic = TopicFactory(name="Contact centres")
    response = signed_in(client, lead).post(reverse("support:matching-join"),
                                            {"topic": topic.pk, "note": "Autumn suits us"})
    assert response.status_code == 302
    interest = MatchingInterest.objects.get(organisation=force, topic=topic)
    assert interest.note == "Autumn suits us" and interest.requested_by == lead
    assert emailed("matching_interest_received") == ["organiser@example.org"]
    assert OutboxMessage.objects.get(template="matching_interest_received").subject.startswith(
        "Action needed: Kent Police asks to join")

    again = client.post(reverse("support:matching-join"), {"topic": topic.pk})
    assert again.status_code == 200
    assert "Kent Police has already asked to join the next group on Contact centres" in \
        again.content.decode()
    assert MatchingInterest.objects.filter(organisation=force).count() == 1


def test_forming_a_group_places_the_interests_and_emails_only_its_forces_leads(
        client, force, other_force, third_force, lead, other_lead, outsider_lead, organiser):
    topic = TopicFactory(name="Problem solving")
    for organisation in (force, other_force, third_force):
        MatchingInterest.objects.create(organisation=organisation, topic=topic)
    response = signed_in(client, organiser).post(reverse("support:group-new"), {
        "title": "Problem solving, spring", "topic": topic.pk,
        "organisations": [force.pk, other_force.pk]})
    assert response.status_code == 302
    group = domain.MatchingGroup.objects.get(title="Problem solving, spring")
    assert sorted(p.organisation.name for p in group.forces.all()) == ["Essex Police",
                                                                       "Kent Police"]
    assert set(MatchingInterest.objects.filter(group=group).values_list(
        "organisation__name", flat=True)) == {"Kent Police", "Essex Police"}
    assert MatchingInterest.objects.get(organisation=third_force).group is None
    assert emailed("matching_group_formed") == ["lead@essex.police.uk", "lead@kent.police.uk"]


def test_a_group_needs_two_forces(organiser, force):
    with pytest.raises(ValidationError, match="at least two forces"):
        domain.form_group(title="Alone", topic=TopicFactory(), organisations=[force],
                          actor=organiser)


def test_the_new_group_page_suggests_groups_from_the_forces_waiting(client, force, other_force,
                                                                    organiser):
    topic = TopicFactory(name="Demand")
    for organisation in (force, other_force):
        MatchingInterest.objects.create(organisation=organisation, topic=topic)
    page = signed_in(client, organiser).get(reverse("support:group-new"), {"topic": topic.pk})
    text = page.content.decode()
    assert "Suggested groups" in text and "Essex Police, Kent Police" in text
    assert "No self-assessment yet from Essex Police, Kent Police." in text


# --- Who may see a group -----------------------------------------------------------------


def _group_urls(group, day):
    return [reverse("support:group", args=[group.pk]), reverse("support:guide", args=[group.pk]),
            reverse("support:submissions", args=[group.pk]),
            reverse("support:host-days", args=[group.pk]),
            reverse("support:group-reports", args=[group.pk]),
            reverse("support:host-day-ics", args=[day.pk]),
            reverse("support:group-report-download", args=[group.pk, f"host-{day.pk}", "pdf"])]


@pytest.fixture
def day(group, force):
    starts = timezone.make_aware(datetime.datetime(2030, 3, 4, 10))
    return domain.HostDay.objects.create(group=group, host=force, starts_at=starts,
                                         ends_at=starts + datetime.timedelta(hours=5),
                                         venue="Maidstone", report="## Seen\n\nA desk.",
                                         report_shared_at=timezone.now())


def test_a_groups_lead_sees_its_pages_and_a_lead_of_another_force_and_anonymous_get_404(
        client, group, day, lead, outsider_lead):
    for url in _group_urls(group, day):
        assert signed_in(client, lead).get(url).status_code == 200, url
        client.logout()
        assert client.get(url).status_code == 404, url
        assert signed_in(client, outsider_lead).get(url).status_code == 404, url
        client.logout()


def test_the_list_shows_a_lead_only_their_forces_groups(client, group, lead, outsider_lead,
                                                        third_force, force):
    elsewhere = MatchingGroupFactory(title="Testshire group", forces=[third_force])
    mine = signed_in(client, lead).get(reverse("support:matching")).content.decode()
    assert group.title in mine and elsewhere.title not in mine
    theirs = signed_in(client, outsider_lead).get(reverse("support:matching")).content.decode()
    assert group.title not in theirs and elsewhere.title in theirs
    client.logout()
    public = client.get(reverse("support:matching")).content.decode()
    assert group.title not in public and "Peer matching" in public


def test_the_groups_emails_go_to_its_leads_and_organisers_only(group, questions, organiser,
                                                               outsider_lead):
    domain.change_group_state(group=group, action="finalise_guide", actor=organiser)
    assert emailed("matching_guide_finalised") == ["lead@essex.police.uk", "lead@kent.police.uk"]
    domain.change_group_state(group=group, action="release_submissions", actor=organiser)
    assert emailed("matching_submissions_released") == [
        "lead@essex.police.uk", "lead@kent.police.uk", "organiser@example.org"]
    assert not OutboxMessage.objects.filter(to=outsider_lead.email).exists()


# --- The topic guide ---------------------------------------------------------------------


def test_leads_propose_and_comment_and_organisers_include_reorder_and_finalise(
        client, group, lead, other_lead, organiser):
    signed_in(client, lead).post(reverse("support:guide", args=[group.pk]), {
        "form": "propose", "propose-text": "What is a problem?"})
    signed_in(client, other_lead).post(reverse("support:guide", args=[group.pk]), {
        "form": "propose", "propose-text": "Who owns it?"})
    first, second = GuideQuestion.objects.filter(group=group)
    assert first.organisation.name == "Kent Police" and second.organisation.name == "Essex Police"
    client.post(reverse("support:guide", args=[group.pk]), {
        "form": "comment", "question": first.pk, "comment-text": "Define it by harm."})
    assert first.comments.get().organisation.name == "Essex Police"
    refused = client.post(reverse("support:guide", args=[group.pk]), {
        "form": "include", "question": first.pk})
    assert refused.status_code == 403

    signed_in(client, organiser)
    client.post(reverse("support:guide", args=[group.pk]), {"form": "include",
                                                             "question": second.pk})
    client.post(reverse("support:guide", args=[group.pk]), {"form": "up", "question": second.pk})
    assert list(GuideQuestion.objects.filter(group=group).values_list("text", flat=True)) == [
        "Who owns it?", "What is a problem?"]
    response = client.post(reverse("support:group-state", args=[group.pk, "finalise_guide"]))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == GroupStatus.SUBMISSIONS and group.guide_finalised_at
    assert GuideQuestion.objects.get(pk=first.pk).status == QuestionStatus.DROPPED
    [subject] = set(OutboxMessage.objects.filter(template="matching_guide_finalised")
                    .values_list("subject", flat=True))
    assert subject == f"Action needed: write your submission for {group.title}"


def test_an_empty_guide_cannot_be_finalised(client, group, organiser):
    response = signed_in(client, organiser).post(
        reverse("support:group-state", args=[group.pk, "finalise_guide"]))
    assert "Include at least one question in the guide" in response.content.decode()
    group.refresh_from_db()
    assert group.status == GroupStatus.GUIDE


def test_cancelling_asks_why(client, group, organiser):
    url = reverse("support:group-state", args=[group.pk, "cancel"])
    assert "Enter why the group is cancelled" in signed_in(client, organiser).post(
        url, {"note": ""}).content.decode()
    client.post(url, {"note": "Two forces withdrew."})
    group.refresh_from_db()
    assert group.status == GroupStatus.CANCELLED
    assert emailed("matching_group_cancelled") == ["lead@essex.police.uk", "lead@kent.police.uk",
                                                   "organiser@example.org"]


# --- Submissions -------------------------------------------------------------------------


def test_submissions_stay_hidden_until_every_force_has_submitted(client, group, questions, lead,
                                                                 other_lead, force, other_force):
    submissions_open(group)
    kent_answers = {"A problem that harms the most people.", "Fewer repeat calls."}
    url = reverse("support:submission", args=[group.pk])
    response = signed_in(client, lead).post(url, {
        f"question_{questions[0].pk}": "A problem that harms the most people.",
        f"question_{questions[1].pk}": "Fewer repeat calls.", "submit": "1"})
    assert response.status_code == 302

    essex_view = signed_in(client, other_lead).get(reverse("support:submissions", args=[group.pk]))
    assert not any(answer in essex_view.content.decode() for answer in kent_answers)
    assert "Waiting for: Essex Police" in essex_view.content.decode()
    kent_view = signed_in(client, lead).get(reverse("support:submissions", args=[group.pk]))
    assert all(answer in kent_view.content.decode() for answer in kent_answers)

    domain.save_submission(group=group, organisation=other_force, actor=other_lead, submit=True,
                           answers={questions[0].pk: "Whatever the public raise most.",
                                    questions[1].pk: "Fewer repeat calls and less harm."})
    group.refresh_from_db()
    assert group.status == GroupStatus.HOST_DAYS and group.submissions_released_at
    shared = signed_in(client, other_lead).get(reverse("support:submissions", args=[group.pk]))
    assert all(answer in shared.content.decode() for answer in kent_answers)
    assert len(emailed("matching_submissions_released")) == 3


def test_sending_a_submission_needs_every_question_answered(client, group, questions, lead):
    submissions_open(group)
    response = signed_in(client, lead).post(reverse("support:submission", args=[group.pk]), {
        f"question_{questions[0].pk}": "By harm.", "submit": "1"})
    assert response.status_code == 200
    assert "Answer the question “How do you know it worked?” before sending" in \
        response.content.decode()
    assert "By harm." in response.content.decode()  # what was typed is kept
    assert not Submission.objects.filter(group=group, submitted_at__isnull=False).exists()


def test_a_draft_is_kept_and_a_sent_submission_cannot_change(group, questions, lead, force):
    submissions_open(group)
    domain.save_submission(group=group, organisation=force, actor=lead,
                           answers={questions[0].pk: "Draft."})
    domain.save_submission(group=group, organisation=force, actor=lead, submit=True,
                           answers={questions[1].pk: "Second."})
    submission = Submission.objects.get(group=group)
    assert dict(submission.answers.values_list("question__text", "text")) == {
        questions[0].text: "Draft.", questions[1].text: "Second."}
    with pytest.raises(ValidationError, match="already been sent"):
        domain.save_submission(group=group, organisation=force, actor=lead,
                               answers={questions[0].pk: "Changed."})


def test_organisers_may_share_the_submissions_before_everyone_has_sent(client, group, questions,
                                                                       lead, force, organiser):
    submissions_open(group)
    domain.save_submission(group=group, organisation=force, actor=lead, submit=True,
                           answers={q.pk: "Ours." for q in questions})
    signed_in(client, organiser).post(
        reverse("support:group-state", args=[group.pk, "release_submissions"]))
    group.refresh_from_db()
    assert group.status == GroupStatus.HOST_DAYS


# --- Host days ---------------------------------------------------------------------------


def test_scheduling_a_host_day_emails_the_group_an_ics_invitation(client, group, organiser,
                                                                  other_force, outsider_lead):
    group.status = GroupStatus.HOST_DAYS
    group.save(update_fields=["status"])
    response = signed_in(client, organiser).post(reverse("support:host-days", args=[group.pk]), {
        "host": other_force.pk, "date": "2030-07-01", "starts": "10:00", "ends": "15:30",
        "online": "on", "joining_details": "https://meet.example/essex", "attendees": "Two each"})
    assert response.status_code == 302
    day = group.host_days.get()
    assert timezone.localtime(day.starts_at).hour == 10
    assert day.starts_at.utcoffset() is not None
    assert day.starts_at == datetime.datetime(2030, 7, 1, 9, tzinfo=datetime.UTC)  # BST
    messages = OutboxMessage.objects.filter(template="matching_host_day")
    assert sorted(m.to for m in messages) == ["lead@essex.police.uk", "lead@kent.police.uk",
                                              "organiser@example.org"]
    attachment = messages[0].attachments.get()
    assert attachment.mimetype == "text/calendar"
    assert b"SUMMARY:Host day at Essex Police" in bytes(attachment.content)
    assert b"https://meet.example/essex" in bytes(attachment.content)
    ics = client.get(reverse("support:host-day-ics", args=[day.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"DTSTART" in ics.content and b"20300701T090000Z" in ics.content


def test_an_online_host_day_needs_joining_details(client, group, organiser, force):
    group.status = GroupStatus.HOST_DAYS
    group.save(update_fields=["status"])
    response = signed_in(client, organiser).post(reverse("support:host-days", args=[group.pk]), {
        "host": force.pk, "date": "2030-07-01", "starts": "10:00", "ends": "09:00",
        "online": "on"})
    assert "The workshop must end after it starts" in response.content.decode()
    response = client.post(reverse("support:host-days", args=[group.pk]), {
        "host": force.pk, "date": "2030-07-01", "starts": "10:00", "ends": "12:00",
        "online": "on"})
    assert "Enter how to join the online workshop" in response.content.decode()
    assert not group.host_days.exists()


# --- Reports -----------------------------------------------------------------------------


def test_the_overall_draft_groups_similar_answers_per_question(group, questions, lead, other_lead,
                                                               force, other_force, third_force):
    domain.GroupForce.objects.create(group=group, organisation=third_force)
    submissions_open(group)
    answers = {force: "We pick problems by the harm they cause to victims.",
               other_force: "Problems are picked by the harm caused to victims.",
               third_force: "Councillors choose them at ward meetings."}
    for organisation, text in answers.items():
        Submission.objects.create(group=group, organisation=organisation,
                                  submitted_at=timezone.now()).answers.create(
            question=questions[0], text=text)
    draft = reports.draft_overall_report(group)
    assert f"## {questions[0].text}" in draft
    similar = draft.split("### Similarities")[1].split("###")[0]
    assert "Essex Police, Kent Police:" in similar or "Kent Police, Essex Police:" in similar
    assert "- Testshire Police: Councillors choose them at ward meetings." in draft
    assert f"## {questions[1].text}\n\nNo force answered this question." in draft


def test_reports_are_shared_with_the_group_and_download_as_pdf_and_word(
        client, group, day, lead, organiser):
    group.status = GroupStatus.REPORTING
    group.overall_report = "## Themes\n\nEvery force triages by harm."
    group.save(update_fields=["status", "overall_report"])
    overall = reverse("support:group-report-download", args=[group.pk, "overall", "pdf"])
    assert signed_in(client, lead).get(overall).status_code == 404  # not shared yet
    signed_in(client, organiser).post(reverse("support:group-state",
                                              args=[group.pk, "share_report"]))
    group.refresh_from_db()
    assert group.status == GroupStatus.CLOSED and group.overall_report_shared_at
    assert len(emailed("matching_report_shared")) == 3
    pdf = signed_in(client, lead).get(overall)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    word = client.get(reverse("support:group-report-download",
                              args=[group.pk, f"host-{day.pk}", "docx"]))
    assert word.status_code == 200 and word.content.startswith(b"PK")
    assert "Every force triages by harm." in client.get(
        reverse("support:group-reports", args=[group.pk])).content.decode()


def test_an_unshared_host_day_report_is_for_organisers_only(client, group, day, lead, organiser):
    day.report_shared_at = None
    day.save(update_fields=["report_shared_at"])
    url = reverse("support:group-report-download", args=[group.pk, f"host-{day.pk}", "pdf"])
    assert signed_in(client, lead).get(url).status_code == 404
    assert signed_in(client, organiser).get(url).status_code == 200


def test_sharing_a_host_day_report_emails_the_group_once(group, day, organiser):
    group.status = GroupStatus.REPORTING
    group.save(update_fields=["status"])
    day.report_shared_at = None
    reports.write_host_day_report(host_day=day, text="## Seen\n\nMore.", share=True,
                                  actor=organiser)
    reports.write_host_day_report(host_day=day, text="## Seen\n\nMore again.", share=True,
                                  actor=organiser)
    assert len(emailed("matching_host_report_shared")) == 3


# --- Query counts ------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_with_more_groups(client, organiser, lead, force,
                                                          other_force, query_count):
    MatchingGroupFactory(forces=[force, other_force])
    url = reverse("support:matching")
    signed_in(client, organiser)
    few = query_count.of_get(client, url)
    for _ in range(5):
        MatchingGroupFactory(forces=[force, other_force])
        MatchingInterest.objects.create(organisation=force, topic=TopicFactory())
    assert query_count.of_get(client, url) == few
    signed_in(client, lead)
    assert query_count.of_get(client, url) == query_count.of_get(client, url)
