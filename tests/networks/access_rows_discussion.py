"""The discussion and resources rows of the networks access table (merged by access_rows.py).

They use a network of their own, so who belongs to it is decided here: Kent's ``colleague`` is
an active member (who started the thread and shared a resource), Kent's ``lead`` facilitates it,
Essex's member has asked to join and waits, and ``member`` has never joined. Threads, posts and
resources are members' material: everyone signed in who is neither an active member nor an
organiser gets 404 (the waiting Essex member too); organisers read but do not post unless they
join; facilitators and organisers hide posts; the sharer, facilitators and organisers remove a
resource.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from exchange.common.models import Topic
from exchange.networks.enums import MemberRole, MembershipStatus
from exchange.networks.models import Network, NetworkMembership, Post, Resource, Thread
from tests.access import LOGIN, Case, Pk, expect, fresh, get, post

PDF = b"%PDF-1.4\n%%EOF\n"
MEMBERS = ("colleague", "lead")
# Active members and organisers read; anyone else signed in gets 404.
MATERIAL = expect(404, anonymous=LOGIN, colleague=200, lead=200, organisers=200)
# Members post; organisers read but are refused; anyone else gets 404.
MEMBERS_POST = expect(404, anonymous=LOGIN, colleague=302, lead=302, organisers=403)
MEMBERS_FORM = expect(404, anonymous=LOGIN, colleague=200, lead=200, organisers=403)
# The facilitator (the lead) and organisers moderate; a plain member is refused.
MODERATORS_FORM = expect(404, anonymous=LOGIN, colleague=403, lead=200, organisers=200)
MODERATORS_ACT = expect(404, anonymous=LOGIN, colleague=403, lead=302, organisers=302)
# A member's own email settings: organisers have none here.
OWN_SETTINGS = expect(404, anonymous=LOGIN, colleague=200, lead=200)
OWN_SETTINGS_SAVED = expect(404, anonymous=LOGIN, colleague=302, lead=302)


class StoredResource(str):
    """Names a resource whose file is put in storage when its URL is made: each test points
    MEDIA_ROOT at its own folder after the objects are built."""

    def resolve(self, objects):
        resource = getattr(objects, self)
        if not default_storage.exists(resource.file.name):
            default_storage.save(resource.file.name, ContentFile(PDF))
        return resource.pk


class Slug(str):
    """The access network's slug in a URL."""

    def resolve(self, objects):
        return objects.discussion_network.slug


SLUG = Slug("discussion_network")


def _notify_turned_off(objects):
    return NetworkMembership.objects.filter(network=objects.discussion_network,
                                            notify_posts=False).exists()


ROWS = {
    "networks:threads": [get("networks:threads", SLUG, expected=MATERIAL)],
    "networks:thread-new": [
        get("networks:thread-new", SLUG, expected=MEMBERS_FORM),
        post("networks:thread-new", SLUG, expected=MEMBERS_POST, label="start a thread",
             data={"title": "Access thread", "body": "Started by the access table."},
             done=lambda o: Thread.objects.filter(title="Access thread").exists()),
    ],
    "networks:thread": [
        get("networks:thread", SLUG, Pk("discussion_thread"), expected=MATERIAL),
        post("networks:thread", SLUG, Pk("discussion_thread"), expected=MEMBERS_POST,
             label="reply", data={"body": "An access reply."},
             done=lambda o: Post.objects.filter(body="An access reply.").exists()),
    ],
    "networks:post-hide": [
        get("networks:post-hide", SLUG, Pk("discussion_post"), expected=MODERATORS_FORM),
        post("networks:post-hide", SLUG, Pk("discussion_post"), expected=MODERATORS_ACT,
             label="hide with a reason", data={"reason": "Off topic"},
             done=lambda o: fresh(o.discussion_post).hidden_at is not None),
    ],
    "networks:notifications": [
        get("networks:notifications", SLUG, expected=OWN_SETTINGS),
        post("networks:notifications", SLUG, expected=OWN_SETTINGS_SAVED, label="turn off",
             data={"notify_posts": "no"}, done=_notify_turned_off),
    ],
    "networks:resources": [
        get("networks:resources", SLUG, expected=MATERIAL),
        Case(("networks:resources", SLUG), MATERIAL, "search", data={"q": "toolkit"}),
    ],
    "networks:resource-new": [
        get("networks:resource-new", SLUG, expected=MEMBERS_FORM),
        post("networks:resource-new", SLUG, expected=MEMBERS_POST, label="share a link",
             data={"title": "Access link", "url": "https://example.org/access"},
             done=lambda o: Resource.objects.filter(title="Access link").exists()),
    ],
    "networks:resource-file": [
        get("networks:resource-file", SLUG, StoredResource("discussion_file"), expected=MATERIAL),
    ],
    "networks:resource-remove": [
        get("networks:resource-remove", SLUG, Pk("discussion_file"),
            expected=expect(404, anonymous=LOGIN, colleague=200, lead=200, organisers=200),
            label="the colleague's file"),
        get("networks:resource-remove", SLUG, Pk("discussion_link"), expected=MODERATORS_FORM,
            label="the lead's link"),
        post("networks:resource-remove", SLUG, Pk("discussion_file"),
             expected=expect(404, anonymous=LOGIN, colleague=302, lead=302, organisers=302),
             label="the colleague's file", done=lambda o: fresh(o.discussion_file) is None),
        post("networks:resource-remove", SLUG, Pk("discussion_link"), expected=MODERATORS_ACT,
             label="the lead's link", done=lambda o: fresh(o.discussion_link) is None),
    ],
}


def add_objects(shared):
    """A network of its own with the members described above, a thread with a reply, a file the
    colleague shared and a link the lead shared."""
    people = shared.people
    topic, _ = Topic.objects.get_or_create(slug="demand-management",
                                           defaults={"name": "Demand management"})
    network = Network.objects.create(name="Access discussion network", slug="access-discussion",
                                     topic=topic, purpose="Checking who sees the discussion.")
    NetworkMembership.objects.bulk_create([
        NetworkMembership(network=network, user=people["colleague"], status=MembershipStatus.ACTIVE),
        NetworkMembership(network=network, user=people["lead"], status=MembershipStatus.ACTIVE,
                          role=MemberRole.FACILITATOR),
        NetworkMembership(network=network, user=people["other_force_member"],
                          status=MembershipStatus.PENDING),
    ])
    thread = Thread.objects.create(network=network, title="Access thread to read",
                                   started_by=people["colleague"], last_post_at=timezone.now())
    Post.objects.create(thread=thread, author=people["colleague"], body="The first post.")
    shared.discussion_network = network
    shared.discussion_thread = thread
    shared.discussion_post = Post.objects.create(thread=thread, author=people["lead"],
                                                 body="A reply to hide.")
    shared.discussion_file = Resource.objects.create(
        network=network, title="Access toolkit", file="networks/resources/access/toolkit.pdf",
        shared_by=people["colleague"])
    shared.discussion_link = Resource.objects.create(
        network=network, title="Access link to keep", url="https://example.org/keep",
        shared_by=people["lead"])
    return shared
