"""The discussion's demo data: threads with replies, one post hidden with its reason logged, and
shared resources, in the networks the networks demo makes; loading twice adds nothing."""

import io

import pytest

from exchange.common.models import Activity
from exchange.networks import demo_discussion
from exchange.networks.enums import MemberRole
from exchange.networks.models import Post, Resource, Thread
from tests.factories import UserFactory

from .factories import MembershipFactory, NetworkFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_networks(db):
    networks = []
    for name in demo_discussion.THREADS:
        network = NetworkFactory(name=name)
        MembershipFactory(network=network, user=UserFactory(email=f"a.{network.slug}@example.org"),
                          role=MemberRole.FACILITATOR)
        for n in range(4):
            MembershipFactory(network=network,
                              user=UserFactory(email=f"m{n}.{network.slug}@example.org"))
        networks.append(network)
    return networks


def test_the_demo_discusses_in_each_network_and_hides_one_post(demo_networks):
    out = io.StringIO()
    demo_discussion.load(stdout=out, options={})
    assert Thread.objects.count() == 5
    assert {t.network.name for t in Thread.objects.select_related("network")} == set(
        demo_discussion.THREADS)
    assert Post.objects.filter(thread__title="How do you make debrief learning stick?").count() == 4
    hidden = Post.objects.get(hidden_at__isnull=False)
    assert hidden.body.startswith("Selling") and "Advertising" in hidden.hidden_reason
    assert hidden.hidden_by.network_memberships.get().role == MemberRole.FACILITATOR
    assert Activity.objects.for_object(hidden).get().verb == "hide_post"
    assert Resource.objects.count() == 3 and Resource.objects.exclude(file="").count() == 1
    newest = Thread.objects.order_by("-last_post_at").first()
    assert newest.title == "Assuring a transcription tool"
    assert "5 threads" in out.getvalue()


def test_loading_twice_adds_nothing(demo_networks):
    demo_discussion.load(stdout=io.StringIO(), options={})
    out = io.StringIO()
    demo_discussion.load(stdout=out, options={})
    assert Thread.objects.count() == 5 and "already loaded" in out.getvalue()
