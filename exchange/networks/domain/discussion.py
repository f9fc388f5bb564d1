"""A network's discussion: threads and replies by its members, facilitators hiding a post with a
reason, and the emails that tell members about new posts (which each member can turn off)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.models import Activity
from exchange.common.permissions import allows
from exchange.people.recipients import email_people

from ..enums import MembershipStatus, NetworkStatus
from ..models import NetworkMembership, Post, Thread

MAX_TITLE = 200
MAX_BODY = 20_000
MAX_REASON = 500


# --- Reading -------------------------------------------------------------------------------------


def threads_of(network):
    """The network's threads, liveliest first, each with who started it and its number of
    replies (one query for a page of them, however many posts they hold)."""
    return (Thread.objects.filter(network=network).select_related("started_by")
            .annotate(post_count=Count("posts")).order_by("-last_post_at", "-id"))


def posts_of(thread):
    """The thread's posts in the order they were written, with their authors and whoever hid
    any of them."""
    return thread.posts.select_related("author", "hidden_by").order_by("created_at", "id")


def hidings_in(thread):
    """The activity-log rows of posts hidden in ``thread``, newest first: what facilitators see
    of the moderation of a thread."""
    return (Activity.objects.filter(
        content_type=ContentType.objects.get_for_model(Post),
        object_id__in=thread.posts.filter(hidden_at__isnull=False).values("pk"))
        .select_related("actor").order_by("-created_at", "-id"))


# --- Writing -------------------------------------------------------------------------------------


def _check_may_post(network, actor):
    if not allows(actor, "networks.post", network):
        raise PermissionDenied("Only the network's members can post in its discussion.")
    if network.status == NetworkStatus.ARCHIVED:
        raise ValidationError("This network is archived: its discussion is closed.")


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter your message"})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": f"Your message must be {MAX_BODY:,} characters or fewer"})
    return body


@transaction.atomic
def start_thread(*, network, actor, title, body):
    """A member starts a thread with its first post. Side effects: the thread and post rows, an
    email to each member who wants them (not the author)."""
    _check_may_post(network, actor)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Enter a title for the thread"})
    body = _clean_body(body)
    now = timezone.now()
    thread = Thread.objects.create(network=network, title=title[:MAX_TITLE], started_by=actor,
                                   last_post_at=now)
    post = Post.objects.create(thread=thread, author=actor, body=body)
    notify_members(post=post, template="network_thread_started")
    return thread


@transaction.atomic
def reply(*, thread, actor, body):
    """A member replies to a thread. Side effects: the post row, the thread's latest activity,
    an email to each member who wants them (not the author)."""
    _check_may_post(thread.network, actor)
    body = _clean_body(body)
    post = Post.objects.create(thread=thread, author=actor, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    thread.last_post_at = post.created_at
    post.thread = thread
    notify_members(post=post, template="network_post_replied")
    return post


def hide_post(*, post, actor, reason):
    """A facilitator (or an organiser) hides a post; members see the reason in its place.
    Side effects: the post's hidden fields, an activity-log row with the reason."""
    network = post.thread.network
    if not allows(actor, "networks.facilitate", network):
        raise PermissionDenied("Only the network's facilitators and organisers can hide a post.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Enter why the post is hidden"})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"The reason must be {MAX_REASON} characters or fewer"})
    if post.is_hidden:
        raise ValidationError("This post is already hidden.")
    post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), actor, reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    log_activity(subject=post, actor=actor, verb="hide_post", note=reason)
    return post


# --- Notifications -------------------------------------------------------------------------------


def notification_recipients(network, *, exclude):
    """The network's active members who want emails about posts, but not ``exclude`` (the
    author): one query."""
    return (NetworkMembership.objects
            .filter(network=network, status=MembershipStatus.ACTIVE, notify_posts=True,
                    user__is_active=True)
            .exclude(user=exclude).select_related("user").order_by("user__email"))


def notify_members(*, post, template):
    """Email each member who wants it about ``post``, in one batch (the queries do not grow with
    the members). Each email carries the link to turn them off. Side effect: outbox rows."""
    thread = post.thread
    network = thread.network
    settings_path = reverse("networks:notifications", args=[network.slug])
    thread_path = reverse("networks:thread", args=[network.slug, thread.pk])
    people = [membership.user
              for membership in notification_recipients(network, exclude=post.author)]
    return email_people(people, template=template, context={
        "network": network, "thread": thread, "post": post, "author": post.author,
        "thread_path": thread_path, "settings_path": settings_path})


def set_notifications(*, network, actor, notify):
    """Turn a member's emails about new posts on or off. Side effect: their membership."""
    updated = NetworkMembership.objects.filter(
        network=network, user=actor, status=MembershipStatus.ACTIVE).update(
        notify_posts=bool(notify))
    if not updated:
        raise PermissionDenied("Only the network's members get emails about its discussion.")
    return bool(notify)

