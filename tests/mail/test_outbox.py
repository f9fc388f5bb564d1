import pytest
from django.core import mail

from exchange.mail.domain import Email, queue_email, queue_emails, send_message
from exchange.mail.enums import OutboxStatus
from exchange.mail.models import OutboxMessage
from tests.factories import PracticeFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_queued_email_is_rendered_stored_and_sent_once():
    user = UserFactory(full_name="Sam Smith")
    practice = PracticeFactory(title="Knife amnesty", submitted_by=user)
    message = queue_email(to=user.email, template="practice_published",
                          context={"practice": practice, "user": user, "live": practice})
    message.refresh_from_db()
    assert message.subject == "Published: Knife amnesty"
    assert "Dear Sam" in message.body_text
    assert message.status == OutboxStatus.SENT
    assert [m.subject for m in mail.outbox] == ["Published: Knife amnesty"]
    # A second worker picking up the same row sends nothing.
    assert send_message(message.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_failed_send_goes_back_to_the_queue_with_the_error(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2}}}
    message = OutboxMessage.objects.create(to="a@example.org", template="t", subject="s",
                                           body_text="b")
    assert send_message(message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 1
    assert message.last_error


@pytest.mark.django_db
def test_plain_text_email_is_not_html_escaped():
    user = UserFactory(full_name="Pat O'Neill")
    practice = PracticeFactory(title="Didn't work: <quick> fixes", submitted_by=user)
    message = queue_email(to=user.email, template="practice_declined",
                          context={"practice": practice, "user": user, "reason": "Too thin & vague"})
    assert message.subject == "Not published: Didn't work: <quick> fixes"
    assert "Dear Pat" in message.body_text
    assert "Too thin & vague" in message.body_text


@pytest.mark.django_db
def test_many_emails_cost_the_same_queries_as_one_and_each_is_sent_with_its_files(
        django_capture_on_commit_callbacks, query_count):
    users = UserFactory.create_batch(12)
    practice = PracticeFactory(title="Hot spots")

    def batch(people):
        return [Email(to=u.email, template="practice_declined", headers={"X-Batch": "yes"},
                      attachments=[("note.txt", b"hello", "text/plain")],
                      context={"practice": practice, "user": u, "reason": "Thin"})
                for u in people]

    def queries_to_queue(people):
        emails = batch(people)
        return query_count.of(lambda: queue_emails(emails))

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert queries_to_queue(users[:1]) == queries_to_queue(users[1:])
    assert len(callbacks) == 2  # one send task per batch, not per message
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert all(m.attachments == [("note.txt", "hello", "text/plain")] for m in mail.outbox)
    assert all(m.extra_headers == {"X-Batch": "yes"} for m in mail.outbox)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert queue_emails([]) == []
