import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from exchange.common import scheduling
from exchange.common.models import ScheduledJob
from exchange.common.scheduling import PeriodicJob
from exchange.mail.models import OutboxMessage
from exchange.mail.tasks import send_outbox_messages

pytestmark = pytest.mark.django_db

EVERY_MINUTE = datetime.timedelta(minutes=1)


def counting_job(name="test.count", every=EVERY_MINUTE):
    runs = []
    return PeriodicJob(name=name, every=every, run=lambda *, now: runs.append(now) or len(runs)), runs


def test_each_apps_periodic_jobs_are_found_through_the_app_registry():
    names = {job.name for job in scheduling.periodic_jobs()}
    assert {"visits.deadlines", "mail.outbox"} <= names


def test_a_job_runs_once_per_interval_however_often_the_scheduler_ticks():
    job, _runs = counting_job()
    now = timezone.now()
    assert scheduling.tick(now=now, jobs=[job]) == {"test.count": 1}
    assert scheduling.tick(now=now + datetime.timedelta(seconds=30), jobs=[job]) == {}
    assert scheduling.tick(now=now + EVERY_MINUTE, jobs=[job]) == {"test.count": 2}
    row = ScheduledJob.objects.get(name="test.count")
    assert row.due_at == now + 2 * EVERY_MINUTE
    assert row.last_outcome == "2"


def test_two_schedulers_claiming_the_same_due_run_only_one_runs_it():
    job, runs = counting_job()
    now = timezone.now()
    assert scheduling.claim(job, now=now) is True
    # The second scheduler read the same due time but the conditional UPDATE finds it moved.
    assert scheduling.claim(job, now=now) is False
    assert runs == []


def test_a_failing_job_is_recorded_and_the_others_still_run():
    def broken(*, now):
        raise RuntimeError("mail server said no")

    job, _runs = counting_job()
    done = scheduling.tick(now=timezone.now(), jobs=[PeriodicJob("test.broken", EVERY_MINUTE, broken), job])
    assert done == {"test.broken": "failed: mail server said no", "test.count": 1}
    assert "mail server said no" in ScheduledJob.objects.get(name="test.broken").last_error
    assert ScheduledJob.objects.get(name="test.count").last_error == ""


def test_run_scheduled_once_runs_every_due_job_and_says_what_it_did():
    out = StringIO()
    call_command("run_scheduled", "--once", stdout=out)
    assert "visits.deadlines" in out.getvalue()
    assert set(ScheduledJob.objects.values_list("name", flat=True)) >= {"visits.deadlines", "mail.outbox"}


# The task worker closes connections between tasks, as a request would: no test transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_scheduler_and_the_queued_tasks_together(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    message = OutboxMessage.objects.create(to="a@example.org", template="t", subject="s", body_text="b")
    send_outbox_messages.enqueue([message.pk])
    call_command("run_worker", "--batch", stdout=StringIO())
    message.refresh_from_db()
    assert message.status == "sent"
    assert ScheduledJob.objects.filter(name="visits.deadlines").exists()
