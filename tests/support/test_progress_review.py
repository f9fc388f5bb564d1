"""The progress review: scheduled when the report is issued, its reminder sent once however many
workers claim it, moved with the review date, recorded, and the request closed after it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.common.scheduling import periodic_jobs
from exchange.mail.models import OutboxMessage
from exchange.support.domain import report as domain
from exchange.support.enums import RequestStatus, SupportType
from exchange.support.models import Pairing, ProgressReview, SupportRequest

from .factories import SupportRequestFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _issued(request, organiser):
    SupportRequest.objects.filter(pk=request.pk).update(status=RequestStatus.UNDER_WAY)
    request.refresh_from_db()
    domain.write_report(request=request, actor=organiser, findings="Findings.",
                        recommendations=["One."])
    domain.issue_report(request=request, actor=organiser)
    request.refresh_from_db()
    return ProgressReview.objects.get(request=request)


def test_the_review_falls_ten_months_after_the_report_with_a_reminder_at_nine_in_london(
        support_request, organiser):
    review = _issued(support_request, organiser)

    issued_on = timezone.localdate(support_request.report_issued_at)
    assert review.due_on == domain.add_months(issued_on, 10)
    reminder = review.reminder_due_at.astimezone(LONDON)
    assert reminder.date() == review.due_on - datetime.timedelta(days=14)
    assert (reminder.hour, reminder.minute) == (9, 0)


def test_months_are_added_to_the_last_day_of_a_short_month():
    assert domain.add_months(datetime.date(2030, 4, 30), 10) == datetime.date(2031, 2, 28)
    assert domain.add_months(datetime.date(2030, 1, 15), 10) == datetime.date(2030, 11, 15)
    assert domain.add_months(datetime.date(2030, 3, 31), 10) == datetime.date(2031, 1, 31)


def test_a_reminder_in_summer_time_is_still_at_nine_in_london():
    reminder = domain.reminder_time(datetime.date(2031, 7, 15))
    assert reminder.astimezone(datetime.UTC).hour == 8


def test_the_reminder_goes_once_to_the_leads_and_organisers_however_many_workers_claim_it(
        support_request, organiser, lead):
    review = _issued(support_request, organiser)
    due = review.reminder_due_at + datetime.timedelta(minutes=1)
    assert domain.send_due_review_reminders(now=review.reminder_due_at - datetime.timedelta(
        minutes=1)) == 0

    first, second = (domain.send_due_review_reminders(now=due),
                     domain.send_due_review_reminders(now=due))

    assert (first, second) == (1, 0)
    emails = OutboxMessage.objects.filter(template="progress_review_reminder")
    assert sorted(emails.values_list("to", flat=True)) == sorted([lead.email, organiser.email])
    assert all(e.subject.startswith("Action needed: progress review") for e in emails)
    assert ProgressReview.objects.get(pk=review.pk).reminder_sent_at == due


def test_a_claimed_reminder_is_not_sent_by_a_worker_that_listed_it_earlier(support_request,
                                                                          organiser):
    review = _issued(support_request, organiser)
    due = review.reminder_due_at + datetime.timedelta(minutes=1)
    # Another worker claims the row between this worker listing it and claiming it.
    ProgressReview.objects.filter(pk=review.pk).update(reminder_sent_at=due)
    assert domain.send_due_review_reminders(now=due) == 0
    assert not OutboxMessage.objects.filter(template="progress_review_reminder").exists()


def test_the_reminder_moves_with_the_review_date_and_a_sent_one_is_re_armed(
        client, support_request, organiser):
    review = _issued(support_request, organiser)
    domain.send_due_review_reminders(now=review.reminder_due_at)
    new_date = timezone.localdate() + datetime.timedelta(days=400)
    client.force_login(organiser)

    response = client.post(reverse("support:progress-review", args=[support_request.pk]),
                           {"form": "move", "move-due_on": new_date.isoformat()})

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.due_on == new_date
    assert review.reminder_due_at == domain.reminder_time(new_date)
    assert review.reminder_sent_at is None
    assert domain.send_due_review_reminders(now=review.reminder_due_at) == 1
    assert OutboxMessage.objects.filter(template="progress_review_reminder").count() == 4


def test_the_job_is_declared_for_the_scheduler():
    assert "support.progress_review_reminders" in {job.name for job in periodic_jobs()}


def test_a_held_review_is_recorded_and_the_request_closed(client, support_request, organiser,
                                                          lead):
    review = _issued(support_request, organiser)
    url = reverse("support:progress-review", args=[support_request.pk])
    with pytest.raises(ValidationError, match="Record the progress review"):
        domain.close_request(request=support_request, actor=organiser)
    client.force_login(lead)
    assert client.post(url, {"form": "held", "held-held_on": "2031-01-01",
                             "held-notes": "x"}).status_code == 403
    client.force_login(organiser)

    client.post(url, {"form": "held", "held-held_on": timezone.localdate().isoformat(),
                      "held-notes": "Files now wait three days."})
    response = client.post(url, {"form": "close", "close-note": ""})

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.held_on == timezone.localdate() and review.notes == "Files now wait three days."
    assert SupportRequest.objects.get(pk=support_request.pk).status == RequestStatus.CLOSED
    client.force_login(lead)
    assert "Files now wait three days." in client.get(url).content.decode()


def test_a_review_is_not_recorded_as_held_in_the_future(support_request, organiser):
    review = _issued(support_request, organiser)
    with pytest.raises(ValidationError) as refused:
        domain.record_progress_review(review=review, actor=organiser, notes="",
                                      held_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "held_on" in refused.value.message_dict


def test_a_mentoring_request_closes_without_a_review_and_ends_its_pairings(
        client, force, organiser, team_peer):
    request = SupportRequestFactory(organisation=force, support_type=SupportType.MENTORING,
                                    status=RequestStatus.UNDER_WAY)
    pairing = Pairing.objects.create(request=request, peer=team_peer, person_name="DCI Dee")
    client.force_login(organiser)

    response = client.post(reverse("support:progress-review", args=[request.pk]),
                           {"form": "close", "close-note": "Mentoring finished"})

    assert response.status_code == 302
    assert SupportRequest.objects.get(pk=request.pk).status == RequestStatus.CLOSED
    pairing.refresh_from_db()
    assert pairing.ended_on == timezone.localdate()
    assert not ProgressReview.objects.filter(request=request).exists()


def test_a_peer_review_is_not_closed_while_under_way(support_request, organiser):
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.UNDER_WAY)
    support_request.refresh_from_db()
    with pytest.raises(ValidationError, match="after its report is issued"):
        domain.close_request(request=support_request, actor=organiser)


@pytest.mark.parametrize("who", ["colleague", "other_lead", "other_peer"])
def test_the_progress_review_is_hidden_from_everyone_else(client, support_request, organiser,
                                                          colleague, other_lead, other_peer, who):
    _issued(support_request, organiser)
    person = {"colleague": colleague, "other_lead": other_lead, "other_peer": other_peer.user}[who]
    client.force_login(person)
    assert client.get(reverse("support:progress-review",
                              args=[support_request.pk])).status_code == 404
