"""seed_demo's improvement networks: three networks with facilitators and members from the demo
accounts (the closed one with a request waiting), a past meeting with notes and actions, an
upcoming one, and a proposal waiting; loading twice adds nothing."""

from io import StringIO

import pytest
from django.utils import timezone

from exchange.common.management.commands.seed_demo import load_accounts, load_groups, load_topics
from exchange.common.models import Activity
from exchange.networks import demo
from exchange.networks.enums import MembershipStatus, ProposalStatus
from exchange.networks.models import Meeting, Network, NetworkProposal
from exchange.networks.programme import networks_dashboard
from exchange.people.data import load_organisations
from exchange.people.models import Organisation, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_organisations(Organisation)
    load_topics()
    load_groups()
    load_accounts()
    out = StringIO()
    demo.load(stdout=out, options={})
    return out.getvalue()


def test_the_three_networks_have_facilitators_and_members(loaded):
    names = set(Network.objects.values_list("name", flat=True))
    assert names == {"Continuous improvement and organisational learning", "Demand",
                     "Artificial intelligence in policing"}
    for network in Network.objects.all():
        assert network.memberships.facilitators().exists()
        assert network.memberships.active().count() >= 3
    closed = Network.objects.get(name="Artificial intelligence in policing")
    assert closed.is_closed
    assert closed.memberships.pending().get().user.email == "member.lancashire@example.org"


def test_a_past_meeting_has_notes_and_actions_and_one_is_upcoming(loaded):
    now = timezone.now()
    past = Meeting.objects.get(ends_at__lt=now)
    assert past.notes and past.actions and past.joining_details
    assert Meeting.objects.filter(starts_at__gt=now).count() == 1
    assert list(Activity.objects.for_object(past).order_by("id").values_list("verb", flat=True)) \
        == ["schedule_meeting", "write_notes"]


def test_the_organisers_have_a_proposal_and_facilitators_a_request_waiting(loaded):
    assert NetworkProposal.objects.get().status == ProposalStatus.SUBMITTED
    facilitator = User.objects.get(email="lead.merseyside@example.org")
    panel = networks_dashboard(facilitator)
    assert [row.waiting for row in panel["memberships"] if row.network.is_closed] == [1]
    staff = networks_dashboard(User.objects.get(email="staff@example.org"))
    assert staff["proposals_waiting"] == 1


def test_loading_twice_adds_nothing(loaded):
    counts = (Network.objects.count(), Meeting.objects.count(),
              Network.objects.filter(memberships__status=MembershipStatus.ACTIVE).count())
    out = StringIO()
    demo.load(stdout=out, options={})
    assert "already loaded" in out.getvalue()
    assert counts == (Network.objects.count(), Meeting.objects.count(),
                      Network.objects.filter(memberships__status=MembershipStatus.ACTIVE).count())
