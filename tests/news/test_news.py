"""News: writing, previewing, publishing and unpublishing (organisers only, logged); the public
list with its topic filter, a post's page, the Atom feed and the API (published only)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.common.models import Activity
from exchange.news import domain
from exchange.news.enums import NewsStatus
from exchange.news.models import NewsPost
from tests.factories import TopicFactory, staff_user
from tests.news.factories import NewsPostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


# --- Domain ---------------------------------------------------------------------------------

def test_a_post_is_written_as_a_draft_published_and_unpublished_each_step_logged(organiser):
    topic = TopicFactory(name="Knife crime")
    post = domain.create_post(actor=organiser, data={
        "title": "Grants open", "summary": "Apply now.", "body": "Text"}, topics=[topic])
    assert (post.status, post.slug, post.author, post.published_at) == (
        NewsStatus.DRAFT, "grants-open", organiser, None)
    assert list(post.topics.all()) == [topic]
    post = domain.publish(actor=organiser, post=post)
    assert post.status == NewsStatus.PUBLISHED and post.published_at is not None
    with pytest.raises(ValidationError):
        domain.publish(actor=organiser, post=post)
    post = domain.unpublish(actor=organiser, post=post, note="Wrong date")
    assert (post.status, post.published_at) == (NewsStatus.DRAFT, None)
    log = list(Activity.objects.for_object(post).order_by("id").values_list("verb", "note"))
    assert log == [("create", ""), ("publish", ""), ("unpublish", "Wrong date")]


def test_slugs_are_unique_never_manage_and_a_published_post_keeps_its_address(organiser):
    first = domain.create_post(actor=organiser, data={"title": "Update", "summary": "s",
                                                      "body": "b"})
    second = domain.create_post(actor=organiser, data={"title": "Update", "summary": "s",
                                                       "body": "b"})
    managed = domain.create_post(actor=organiser, data={"title": "Manage", "summary": "s",
                                                        "body": "b"})
    assert (first.slug, second.slug, managed.slug) == ("update", "update-2", "manage-2")
    domain.publish(actor=organiser, post=first)
    first.refresh_from_db()
    domain.update_post(actor=organiser, post=first, data={"title": "Renamed", "summary": "s",
                                                          "body": "b"})
    assert NewsPost.objects.get(pk=first.pk).slug == "update"


# --- Organisers' pages ----------------------------------------------------------------------

def test_an_organiser_writes_previews_and_publishes_after_confirming(client, organiser):
    topic = TopicFactory(name="Fraud")
    client.force_login(organiser)
    response = client.post(reverse("news:create"), {
        "title": "Fraud week", "summary": "A week on fraud.", "body": "## Plan\n\n<script>x</script>",
        "topics": [topic.pk]})
    post = NewsPost.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("news:preview",
                                                                           args=[post.pk])
    preview = client.get(reverse("news:preview", args=[post.pk])).content.decode()
    assert "Fraud week" in preview and "<script>" not in preview and "Only organisers" in preview
    assert "Written" in preview  # the activity log, in people's words
    # Drafts are nowhere public.
    assert client.get(reverse("news:detail", args=[post.slug])).status_code == 404
    confirm = client.get(reverse("news:publish", args=[post.pk]))
    assert "Publish this post?" in confirm.content.decode()
    assert NewsPost.objects.get().status == NewsStatus.DRAFT
    client.post(reverse("news:publish", args=[post.pk]))
    assert NewsPost.objects.get().status == NewsStatus.PUBLISHED
    page = client.get(reverse("news:detail", args=[post.slug])).content.decode()
    assert '<h2 class="govuk-heading-m">Plan</h2>' in page and "<script>" not in page


def test_unpublishing_asks_for_confirmation_and_takes_the_post_off_every_list(client, organiser):
    post = NewsPostFactory(title="Old news")
    client.force_login(organiser)
    assert "Unpublish this post?" in client.get(
        reverse("news:unpublish", args=[post.pk])).content.decode()
    client.post(reverse("news:unpublish", args=[post.pk]), {"note": "Out of date"}, follow=True)
    post.refresh_from_db()
    assert post.status == NewsStatus.DRAFT
    assert "Old news" not in client.get(reverse("news:list")).content.decode()
    assert "Old news" not in client.get(reverse("news:feed")).content.decode()
    assert client.get("/api/v1/news").json()["count"] == 0


def test_a_post_needs_a_title_summary_and_body(client, organiser):
    client.force_login(organiser)
    response = client.post(reverse("news:create"), {"title": "", "summary": "", "body": ""})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not NewsPost.objects.exists()


def test_only_organisers_write_news(client, member):
    client.force_login(member)
    assert client.get(reverse("news:manage")).status_code == 403
    assert client.post(reverse("news:create"), {"title": "T", "summary": "S",
                                                "body": "B"}).status_code == 403
    assert not NewsPost.objects.exists()


# --- Everyone -------------------------------------------------------------------------------

def test_the_list_is_newest_first_filters_by_topic_and_links_its_feed(client):
    fraud, drugs = TopicFactory(name="Fraud", slug="fraud"), TopicFactory(name="Drugs", slug="drugs")
    NewsPostFactory(title="Older fraud", published_at=days_ago(5), topics=[fraud])
    NewsPostFactory(title="Newer drugs", published_at=days_ago(1), topics=[drugs])
    NewsPostFactory(title="A draft", status=NewsStatus.DRAFT, published_at=None, topics=[fraud])
    page = client.get(reverse("news:list")).content.decode()
    assert page.index("Newer drugs") < page.index("Older fraud") and "A draft" not in page
    assert f'<link rel="alternate" type="application/atom+xml" title="News: Learning Exchange" ' \
           f'href="{reverse("news:feed")}">' in page
    filtered = client.get(reverse("news:list"), {"topic": "fraud"}).content.decode()
    assert "Older fraud" in filtered and "Newer drugs" not in filtered
    assert "News about Fraud" in filtered


def test_the_list_is_paginated(client, settings):
    settings.EXCHANGE_PAGE_SIZE = 2
    for n in range(3):
        NewsPostFactory(title=f"Post number {n}", published_at=days_ago(n))
    first = client.get(reverse("news:list")).content.decode()
    second = client.get(reverse("news:list"), {"page": 2}).content.decode()
    assert "Post number 0" in first and "Post number 2" not in first
    assert "Post number 2" in second


def test_the_list_runs_the_same_queries_however_many_posts(client, query_count):
    topic = TopicFactory()
    NewsPostFactory(topics=[topic])
    few = query_count.of_get(client, reverse("news:list"))
    for _ in range(8):
        NewsPostFactory(topics=[topic, TopicFactory()])
    assert query_count.of_get(client, reverse("news:list")) == few


def test_the_atom_feed_has_published_posts_only(client):
    NewsPostFactory(title="Grants are open", summary="Apply by June.")
    NewsPostFactory(title="Secret draft", status=NewsStatus.DRAFT, published_at=None)
    response = client.get(reverse("news:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Grants are open" in body and "Apply by June." in body and "Secret draft" not in body


def test_the_api_lists_published_posts_in_the_envelope_and_filters_by_topic(client):
    fraud = TopicFactory(name="Fraud", slug="fraud")
    NewsPostFactory(title="About fraud", topics=[fraud], body="**Bold**")
    NewsPostFactory(title="Other", published_at=days_ago(3))
    NewsPostFactory(title="Draft", status=NewsStatus.DRAFT, published_at=None)
    body = client.get("/api/v1/news").json()
    assert (body["count"], [item["title"] for item in body["items"]]) == (2, ["About fraud", "Other"])
    item = body["items"][0]
    assert item["topics"] == [{"slug": "fraud", "name": "Fraud"}]
    assert item["body_html"] == '<p class="govuk-body"><strong>Bold</strong></p>'
    assert item["url"].endswith(reverse("news:detail", args=[item["slug"]]))
    filtered = client.get("/api/v1/news", {"topic": "fraud"}).json()
    assert [item["title"] for item in filtered["items"]] == ["About fraud"]


def test_the_api_shows_no_draft_even_to_an_organiser(client, organiser):
    NewsPostFactory(status=NewsStatus.DRAFT, published_at=None)
    client.force_login(organiser)
    assert client.get("/api/v1/news").json()["count"] == 0


def test_the_api_runs_the_same_queries_however_many_posts(client, query_count):
    NewsPostFactory(topics=[TopicFactory()])
    NewsPostFactory(topics=[TopicFactory()])
    few = query_count.of_get(client, "/api/v1/news")
    for _ in range(6):
        NewsPostFactory(topics=[TopicFactory(), TopicFactory()])
    assert query_count.of_get(client, "/api/v1/news") == few


def test_the_demo_has_the_small_grants_launch_and_one_draft(db):
    import io

    from exchange.common.management.commands.seed_demo import load_topics
    from exchange.news import demo
    load_topics()
    out = io.StringIO()
    demo.load(stdout=out, options={})
    assert "5 published posts" in out.getvalue()
    launch = NewsPost.objects.get(title="Small grants scheme opens for applications")
    assert launch.topics.count() == 2 and "/grants/" in launch.body
    assert Activity.objects.for_object(launch).filter(verb="publish").exists()
    assert NewsPost.objects.published().newest_first().first().title == \
        "Small grants scheme opens for applications"
    assert NewsPost.objects.filter(status=NewsStatus.DRAFT).count() == 1
    assert NewsPost.objects.count() in (5, 6)
    demo.load(stdout=io.StringIO(), options={})
    assert NewsPost.objects.count() in (5, 6)
