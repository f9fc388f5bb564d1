"""A network's discussion: members start threads and reply, Markdown is sanitised, facilitators
hide a post with a reason (logged), and members who want them are emailed in one batch."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.networks.domain import discussion as domain
from exchange.networks.enums import MemberRole, MembershipStatus, NetworkStatus
from exchange.networks.models import Network, NetworkMembership, Post, Thread
from tests.factories import TopicFactory, member_of, staff_user

# --- The cast ------------------------------------------------------------------------------------


def join(network, user, *, role=MemberRole.MEMBER, status=MembershipStatus.ACTIVE, notify=True):
    return NetworkMembership.objects.create(network=network, user=user, role=role, status=status,
                                            notify_posts=notify)


@pytest.fixture
def network(db):
    return Network.objects.create(name="Demand", slug="demand", purpose="Understanding demand.",
                                  topic=TopicFactory(name="Demand", slug="demand"))


@pytest.fixture
def poster(network, force):
    user = member_of(force, email="poster@kent.police.uk", full_name="Pat Poster")
    join(network, user)
    return user


@pytest.fixture
def reader(network, other_force):
    user = member_of(other_force, email="reader@essex.police.uk", full_name="Rey Reader")
    join(network, user)
    return user


@pytest.fixture
def facilitator(network, force):
    user = member_of(force, email="facilitator@kent.police.uk", full_name="Fran Facilitator")
    join(network, user, role=MemberRole.FACILITATOR)
    return user


@pytest.fixture
def stranger(other_force):
    """A member of the Exchange, in no network."""
    return member_of(other_force, email="stranger@essex.police.uk", full_name="Sam Stranger")


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def thread(network, poster):
    return domain.start_thread(network=network, actor=poster, title="Measuring demand",
                               body="How do you **count** calls?")


def signed_in(client, user):
    client.force_login(user)
    return client


def threads_url(network):
    return reverse("networks:threads", args=[network.slug])


def thread_url(thread):
    return reverse("networks:thread", args=[thread.network.slug, thread.pk])


def hide_url(post):
    return reverse("networks:post-hide", args=[post.thread.network.slug, post.pk])


# --- Domain --------------------------------------------------------------------------------------


def test_starting_a_thread_writes_its_first_post_and_emails_the_other_members(
        network, poster, reader, facilitator):
    OutboxMessage.objects.all().delete()
    thread = domain.start_thread(network=network, actor=poster, title="  Measuring   demand ",
                                 body="How do you count calls?")
    assert thread.title == "Measuring demand"
    assert [p.body for p in thread.posts.all()] == ["How do you count calls?"]
    sent = OutboxMessage.objects.filter(template="network_thread_started")
    assert sorted(sent.values_list("to", flat=True)) == [facilitator.email, reader.email]
    message = sent.get(to=reader.email)
    assert "Measuring demand" in message.subject
    settings_link = reverse("networks:notifications", args=[network.slug])
    assert settings_link in message.body_text
    assert thread_url(thread) in message.body_text


def test_a_member_who_turned_emails_off_is_not_emailed_and_can_turn_them_on(
        network, poster, reader, facilitator):
    domain.set_notifications(network=network, actor=reader, notify=False)
    OutboxMessage.objects.all().delete()
    thread = domain.start_thread(network=network, actor=poster, title="Quiet", body="Hello")
    domain.reply(thread=thread, actor=facilitator, body="Hello back")
    assert not OutboxMessage.objects.filter(to=reader.email).exists()
    domain.set_notifications(network=network, actor=reader, notify=True)
    domain.reply(thread=thread, actor=facilitator, body="And again")
    assert OutboxMessage.objects.filter(to=reader.email, template="network_post_replied").count() == 1


def test_people_who_left_or_wait_to_join_are_not_emailed(network, poster, force):
    left = member_of(force, email="left@kent.police.uk")
    waiting = member_of(force, email="waiting@kent.police.uk")
    join(network, left, status=MembershipStatus.LEFT)
    join(network, waiting, status=MembershipStatus.PENDING)
    OutboxMessage.objects.all().delete()
    domain.start_thread(network=network, actor=poster, title="Anyone?", body="Hello")
    assert not OutboxMessage.objects.exists()


def test_the_queries_for_notifying_do_not_grow_with_the_members(
        network, poster, thread, force, query_count):
    def cost():
        return query_count.of(lambda: domain.reply(thread=thread, actor=poster, body="More"))

    for n in range(2):
        join(network, member_of(force, email=f"few{n}@kent.police.uk"))
    few = cost()
    for n in range(12):
        join(network, member_of(force, email=f"many{n}@kent.police.uk"))
    assert cost() == few
    assert OutboxMessage.objects.filter(template="network_post_replied").count() == 2 + 14


def test_a_reply_moves_the_thread_to_the_top(network, poster, reader):
    older = domain.start_thread(network=network, actor=poster, title="Older", body="One")
    domain.start_thread(network=network, actor=poster, title="Newer", body="Two")
    domain.reply(thread=older, actor=reader, body="Bump")
    assert [t.title for t in domain.threads_of(network)] == ["Older", "Newer"]
    assert domain.threads_of(network).get(title="Older").post_count == 2


def test_only_active_members_post(network, thread, stranger, organiser, force):
    left = member_of(force, email="left@kent.police.uk")
    join(network, left, status=MembershipStatus.LEFT)
    for person in (stranger, organiser, left):
        with pytest.raises(PermissionDenied):
            domain.reply(thread=thread, actor=person, body="Let me in")
        with pytest.raises(PermissionDenied):
            domain.start_thread(network=network, actor=person, title="Hi", body="Hi")


def test_an_archived_networks_discussion_is_closed(client, network, thread, poster, organiser):
    Network.objects.filter(pk=network.pk).update(status=NetworkStatus.ARCHIVED)
    network.refresh_from_db()
    thread.network = network
    with pytest.raises(ValidationError):
        domain.reply(thread=thread, actor=poster, body="Late")
    signed_in(client, organiser)
    page = client.get(thread_url(thread)).content.decode()
    assert "its discussion is closed" in page and "Post your reply" not in page
    assert "Start a thread" not in client.get(threads_url(network)).content.decode()


def test_an_archived_networks_material_is_404_to_its_members_as_its_page_is(
        client, network, thread, poster, organiser):
    """Only organisers find an archived network (``Network.objects.for_user``): its page,
    meetings, discussion and resources alike."""
    Network.objects.filter(pk=network.pk).update(status=NetworkStatus.ARCHIVED)
    urls = [reverse(f"networks:{name}", args=[network.slug])
            for name in ("detail", "meetings", "threads", "resources")] + [thread_url(thread)]
    signed_in(client, poster)
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    notifications = reverse("networks:notifications", args=[network.slug])
    assert client.get(notifications).status_code == 404
    signed_in(client, organiser)
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)


def test_only_members_set_their_emails_about_posts(client, network, poster, organiser):
    url = reverse("networks:notifications", args=[network.slug])
    assert signed_in(client, poster).get(url).status_code == 200
    assert signed_in(client, organiser).get(url).status_code == 404


def test_an_empty_message_or_title_is_refused_on_its_field(network, poster):
    with pytest.raises(ValidationError) as refused:
        domain.start_thread(network=network, actor=poster, title=" ", body="   ")
    assert "title" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        domain.start_thread(network=network, actor=poster, title="Fine", body="   ")
    assert refused.value.message_dict == {"body": ["Enter your message"]}


def test_hiding_a_post_needs_a_reason_and_logs_it(thread, facilitator):
    post = thread.posts.get()
    with pytest.raises(ValidationError):
        domain.hide_post(post=post, actor=facilitator, reason="  ")
    domain.hide_post(post=post, actor=facilitator, reason="Names a member of the public")
    post.refresh_from_db()
    assert post.hidden_by == facilitator and post.hidden_at is not None
    assert post.hidden_reason == "Names a member of the public"
    logged = Activity.objects.get(content_type=ContentType.objects.get_for_model(Post),
                                  object_id=post.pk)
    assert (logged.verb, logged.actor, logged.note) == (
        "hide_post", facilitator, "Names a member of the public")
    assert list(domain.hidings_in(thread)) == [logged]


def test_only_facilitators_and_organisers_hide_posts(thread, reader, poster, organiser):
    post = thread.posts.get()
    for person in (reader, poster):
        with pytest.raises(PermissionDenied):
            domain.hide_post(post=post, actor=person, reason="I disagree")
    domain.hide_post(post=post, actor=organiser, reason="Off topic")
    assert Post.objects.get(pk=post.pk).hidden_by == organiser


def test_setting_notifications_is_for_active_members_only(network, stranger):
    with pytest.raises(PermissionDenied):
        domain.set_notifications(network=network, actor=stranger, notify=False)


# --- Pages: who may see them ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["threads", "thread", "thread-new", "post-hide", "notifications"])
def test_someone_outside_the_network_gets_404_and_anonymous_is_sent_to_sign_in(
        client, thread, stranger, network, force, name):
    post = thread.posts.get()
    args = {"threads": [network.slug], "thread": [network.slug, thread.pk],
            "thread-new": [network.slug], "post-hide": [network.slug, post.pk],
            "notifications": [network.slug]}[name]
    url = reverse(f"networks:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("people:sign-in"))
    signed_in(client, stranger)
    assert client.get(url).status_code == 404
    if name != "threads":
        assert client.post(url, {"body": "x", "title": "x", "reason": "x"}).status_code == 404
    left = member_of(force, email="left@kent.police.uk")
    join(network, left, status=MembershipStatus.LEFT)
    signed_in(client, left)
    assert client.get(url).status_code == 404
    assert Post.objects.count() == 1 and Post.objects.get().hidden_at is None


def test_a_thread_of_another_network_is_not_found_through_this_one(client, thread, stranger):
    other = Network.objects.create(name="AI", slug="ai", purpose="AI.",
                                   topic=TopicFactory(name="AI", slug="ai"))
    join(other, stranger)
    signed_in(client, stranger)
    assert client.get(reverse("networks:thread", args=[other.slug, thread.pk])).status_code == 404


def test_organisers_read_the_discussion_but_post_only_as_members(client, thread, organiser):
    signed_in(client, organiser)
    assert client.get(thread_url(thread)).status_code == 200
    assert client.get(reverse("networks:thread-new", args=[thread.network.slug])).status_code == 403
    assert client.post(thread_url(thread), {"body": "From staff"}).status_code == 403


# --- Pages: the journey --------------------------------------------------------------------------


def test_a_member_starts_a_thread_and_another_replies(client, network, poster, reader):
    signed_in(client, poster)
    page = client.get(reverse("networks:thread-new", args=[network.slug]))
    assert page.status_code == 200
    refused = client.post(reverse("networks:thread-new", args=[network.slug]), {"title": "",
                                                                               "body": ""})
    assert refused.status_code == 200 and b"govuk-error-summary" in refused.content
    response = client.post(reverse("networks:thread-new", args=[network.slug]),
                           {"title": "Triage", "body": "How do you *triage*?"})
    thread = Thread.objects.get(title="Triage")
    assert response["Location"] == thread_url(thread)
    signed_in(client, reader)
    listed = client.get(threads_url(network))
    assert b"Triage" in listed.content
    response = client.post(thread_url(thread), {"body": "We use THRIVE."})
    reply = thread.posts.get(body="We use THRIVE.")
    assert response["Location"] == thread_url(thread) + f"#post-{reply.pk}"
    page = client.get(thread_url(thread)).content.decode()
    assert "<em>triage</em>" in page and "We use THRIVE." in page


def test_markdown_is_sanitised_on_the_thread_page(client, network, poster):
    body = ("Hello <script>alert('x')</script> and <img src=x onerror=alert(1)>\n\n"
            "[click](javascript:alert(1)) and <iframe src='https://evil.example'></iframe> "
            "<b onclick='steal()'>bold</b> [safe](https://www.example.org)")
    thread = domain.start_thread(network=network, actor=poster, title="Sanitise", body=body)
    signed_in(client, poster)
    page = client.get(thread_url(thread)).content.decode()
    post_html = page[page.index('class="exchange-post__body"'):]
    post_html = post_html[:post_html.index("</article>")]
    for dangerous in ("<script", "<img", "onerror", "javascript:", "<iframe", "onclick"):
        assert dangerous not in post_html.lower(), dangerous
    assert 'href="https://www.example.org"' in post_html


def test_a_hidden_post_shows_the_reason_to_members_and_the_log_to_facilitators(
        client, thread, reader, facilitator):
    post = thread.posts.get()
    signed_in(client, facilitator)
    confirm = client.get(hide_url(post))
    assert confirm.status_code == 200 and b"Hide the post" in confirm.content
    refused = client.post(hide_url(post), {"reason": ""})
    assert refused.status_code == 200 and b"Enter why you are hiding the post" in refused.content
    assert Post.objects.get(pk=post.pk).hidden_at is None
    response = client.post(hide_url(post), {"reason": "Identifies a victim"})
    assert response.status_code == 302
    log = client.get(thread_url(thread)).content.decode()
    assert "Identifies a victim" in log and "Posts hidden in this thread" in log
    assert "What the post said" in log and "<strong>count</strong>" in log
    signed_in(client, reader)
    page = client.get(thread_url(thread)).content.decode()
    assert "This post was hidden by a facilitator: Identifies a victim" in page
    assert "How do you" not in page and "What the post said" not in page
    assert "Posts hidden in this thread" not in page
    assert client.get(hide_url(post)).status_code == 403


def test_a_member_turns_notifications_off_on_the_settings_page(client, network, reader):
    url = reverse("networks:notifications", args=[network.slug])
    signed_in(client, reader)
    assert client.get(url).status_code == 200
    assert client.post(url, {"notify_posts": "no"}).status_code == 302
    assert not NetworkMembership.objects.get(user=reader).notify_posts
    client.post(url, {"notify_posts": "yes"})
    assert NetworkMembership.objects.get(user=reader).notify_posts


# --- Query counts --------------------------------------------------------------------------------


def test_the_thread_list_costs_the_same_however_many_threads(
        client, network, poster, reader, query_count):
    def make(n):
        for i in range(n):
            thread = domain.start_thread(network=network, actor=poster, title=f"T{i}", body="x")
            domain.reply(thread=thread, actor=reader, body="y")

    make(2)
    signed_in(client, reader)
    few = query_count.of_get(client, threads_url(network))
    make(12)
    assert query_count.of_get(client, threads_url(network)) == few


def test_the_thread_page_costs_the_same_however_many_posts(
        client, network, thread, poster, reader, facilitator, force, query_count):
    signed_in(client, facilitator)
    domain.hide_post(post=thread.posts.get(), actor=facilitator, reason="Off topic")
    client.get(thread_url(thread))  # content types cached, as on a warm server
    few = query_count.of_get(client, thread_url(thread))
    for n in range(12):
        author = member_of(force, email=f"writer{n}@kent.police.uk")
        join(network, author, notify=False)
        domain.reply(thread=thread, actor=author, body=f"Reply {n} with a [link](https://a.b)")
    domain.hide_post(post=thread.posts.last(), actor=facilitator, reason="Again")
    assert query_count.of_get(client, thread_url(thread)) == few

