"""The mailing list: double opt-in, one-click unsubscribe, and issue emails by theme."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import Subscriber
from exchange.mail.domain import send_message
from exchange.mail.models import OutboxMessage
from tests.factories import PracticeFactory, TopicFactory
from tests.lessons.factories import CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db


def link_in(message, name):
    return re.search(rf"https?://[^/\s]+(/lessons/{name}/[^\s]+/)", message.body_text).group(1)


def subscribe(client, email, *themes):
    return client.post(reverse("lessons:subscribe"),
                       {"email": email, "themes": [t.pk for t in themes]})


def test_subscribing_sends_a_confirmation_link_and_the_link_confirms(client):
    response = subscribe(client, "Reader@Example.org")
    assert response["Location"] == reverse("lessons:subscribe-sent")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org" and subscriber.confirmed_at is None
    message = OutboxMessage.objects.get(template="lessons_subscribe_confirm")
    assert message.subject.startswith("Action needed:")
    page = client.get(link_in(message, "subscribe/confirm"))
    assert page.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_a_tampered_confirmation_link_is_refused(client):
    subscribe(client, "reader@example.org")
    response = client.get(reverse("lessons:subscribe-confirm", args=["nonsense:token"]))
    assert response.status_code == 400
    assert Subscriber.objects.get().confirmed_at is None


def test_a_confirmed_address_is_not_changed_by_someone_subscribing_it_again(client):
    custody = IssueFactory().theme  # the form offers themes of published work only
    subscribe(client, "reader@example.org", custody)
    client.get(link_in(OutboxMessage.objects.get(), "subscribe/confirm"))
    subscribe(client, "reader@example.org")
    assert list(Subscriber.objects.get().themes.all()) == [custody]
    assert OutboxMessage.objects.filter(template="lessons_already_subscribed").count() == 1


def confirmed(email, *themes):
    subscriber = Subscriber.objects.create(email=email)
    subscriber.themes.set(themes)
    domain.confirm_subscription(token=__import__("django.core.signing").core.signing.dumps(
        {"s": subscriber.pk, "e": email}, salt=domain.CONFIRM_SALT))
    return subscriber


def test_publishing_emails_confirmed_subscribers_whose_themes_match(editor, second_editor):
    custody, roads = TopicFactory(), TopicFactory()
    confirmed("all@example.org")
    confirmed("custody@example.org", custody)
    confirmed("roads@example.org", roads)
    Subscriber.objects.create(email="unconfirmed@example.org")
    gone = confirmed("gone@example.org")
    domain.unsubscribe(token=gone.token)
    issue = IssueFactory(theme=custody, status=EditorialStatus.IN_REVIEW, created_by=editor,
                         published_at=None)
    CaseFactory(issue=issue, status=EditorialStatus.DRAFT, published_at=None)

    domain.publish(subject=issue, actor=second_editor)

    sent = OutboxMessage.objects.filter(template="lessons_issue_published")
    assert sorted(sent.values_list("to", flat=True)) == ["all@example.org", "custody@example.org"]
    message = sent.get(to="custody@example.org")
    assert issue.title in message.subject
    unsubscribe = link_in(message, "unsubscribe")
    assert unsubscribe == reverse("lessons:unsubscribe",
                                  args=[Subscriber.objects.get(email="custody@example.org").token])


def test_following_the_unsubscribe_link_changes_nothing_and_offers_one_button(client):
    # A mail scanner that follows every link must not unsubscribe the reader.
    subscriber = confirmed("reader@example.org")
    url = reverse("lessons:unsubscribe", args=[subscriber.token])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<form method="post" action="{url}"' in page
    assert "Unsubscribe reader@example.org" in page
    assert "You are unsubscribed" not in page
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None
    assert client.get(reverse("lessons:unsubscribe", args=["unknown"])).status_code == 404


def test_pressing_the_unsubscribe_button_unsubscribes(client):
    subscriber = confirmed("reader@example.org")
    response = client.post(reverse("lessons:unsubscribe", args=[subscriber.token]))
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_issue_emails_carry_the_one_click_unsubscribe_headers(editor, second_editor):
    subscriber = confirmed("reader@example.org")
    issue = IssueFactory(status=EditorialStatus.IN_REVIEW, created_by=editor, published_at=None)
    domain.publish(subject=issue, actor=second_editor)
    message = OutboxMessage.objects.get(template="lessons_issue_published")
    address = settings.SITE_URL + reverse("lessons:unsubscribe", args=[subscriber.token])
    assert message.headers == {"List-Unsubscribe": f"<{address}>",
                               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}

    mail.outbox.clear()
    assert send_message(message.pk)
    [sent] = mail.outbox
    assert sent.message()["List-Unsubscribe"] == f"<{address}>"
    assert sent.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_mail_clients_one_click_post_unsubscribes_without_a_session_or_csrf_token():
    subscriber = confirmed("reader@example.org")
    response = Client(enforce_csrf_checks=True).post(
        reverse("lessons:unsubscribe", args=[subscriber.token]),
        "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_a_bad_email_address_keeps_what_was_typed(client):
    response = subscribe(client, "not-an-address")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address like name@example.org" in page
    assert 'value="not-an-address"' in page


def test_subscribing_offers_only_the_themes_of_published_issues(client):
    custody = IssueFactory(theme=TopicFactory(name="Custody")).theme
    IssueFactory(theme=TopicFactory(name="Drafted theme"), status=EditorialStatus.DRAFT,
                 published_at=None)
    CaseFactory(issue=IssueFactory(theme=custody)).themes.add(TopicFactory(name="Case theme"))
    PracticeFactory().topics.add(TopicFactory(name="Practice topic"))
    form = client.get(reverse("lessons:subscribe")).context["form"]
    assert [topic.name for topic in form.fields["themes"].queryset] == ["Custody"]
    page = client.get(reverse("lessons:subscribe")).content.decode()
    assert "Practice topic" not in page and "Case theme" not in page
