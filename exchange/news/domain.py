"""Writing, publishing and unpublishing news. Every change is logged in the activity log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from exchange.common.domain import StateMachine, log_activity

from .enums import NEWS_TRANSITIONS, NewsStatus
from .models import NewsPost

STATES = StateMachine(field="status", transitions=NEWS_TRANSITIONS)
FIELDS = ("title", "summary", "body")
# Addresses under /news/ that a post's slug must not take.
RESERVED_SLUGS = {"manage"}


def unique_slug(title, *, exclude_pk=None):
    """A slug from ``title`` no other post has: "small-grants", then "small-grants-2"..."""
    base = slugify(title)[:200] or "news"
    taken = set(NewsPost.objects.filter(slug__startswith=base).exclude(pk=exclude_pk)
                .values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_post(*, actor, data, topics=()):
    """A new draft by ``actor``. Side effects: the post; a ``create`` row in the activity log."""
    with transaction.atomic():
        post = NewsPost.objects.create(
            **{name: data[name] for name in FIELDS}, slug=unique_slug(data["title"]),
            author=actor, status=NewsStatus.DRAFT)
        post.topics.set(topics)
        log_activity(subject=post, actor=actor, verb="create", to_state=post.status)
    return post


def update_post(*, actor, post, data, topics=()):
    """Change a post's words and topics. A draft's address follows its title; a published
    post keeps the address people may have shared. Side effects: an ``edit`` row."""
    with transaction.atomic():
        for name in FIELDS:
            setattr(post, name, data[name])
        if post.status == NewsStatus.DRAFT:
            post.slug = unique_slug(post.title, exclude_pk=post.pk)
        post.save()
        post.topics.set(topics)
        log_activity(subject=post, actor=actor, verb="edit")
    return post


def publish(*, actor, post):
    """Publish a draft now. Side effects: status and ``published_at``; a ``publish`` row.
    Raises ValidationError if the post is already published."""
    with transaction.atomic():
        post = NewsPost.objects.select_for_update().get(pk=post.pk)
        if post.status != NewsStatus.DRAFT:
            raise ValidationError("This post is already published.")
        post.published_at = timezone.now()
        return STATES.change(post, action="publish", actor=actor, extra_fields=["published_at"])


def unpublish(*, actor, post, note=""):
    """Take a published post back to draft: it leaves the list, the feed, the API and the home
    page. Side effects: status; an ``unpublish`` row with ``note``."""
    with transaction.atomic():
        post = NewsPost.objects.select_for_update().get(pk=post.pk)
        if post.status != NewsStatus.PUBLISHED:
            raise ValidationError("This post is not published.")
        post.published_at = None
        return STATES.change(post, action="unpublish", actor=actor, note=note,
                             extra_fields=["published_at"])


def latest(count=3):
    """The newest published posts, with their topics: two queries."""
    return list(NewsPost.objects.published().newest_first().prefetch_related("topics")[:count])
