"""Joining an improvement network and posting, in the browser: a Kent member finds the Demand
network, joins it from its page, opens the discussion, is refused an empty thread (with an error
summary), starts a thread, and Essex's facilitator (emailed about it) replies and then hides a
post with a reason, which the member sees in its place. Every new page is checked with axe-core,
and the discussion pages at 375 px."""

import re

import pytest
from playwright.sync_api import expect

from exchange.mail.models import OutboxMessage
from exchange.networks.enums import MemberRole, MembershipStatus
from exchange.networks.models import NetworkMembership, Post, Thread
from tests.access import force_named
from tests.e2e.conftest import assert_accessible, too_wide
from tests.factories import TopicFactory, member_of
from tests.networks.factories import MembershipFactory, NetworkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def demand(db):
    return NetworkFactory(name="Demand", slug="demand",
                          topic=TopicFactory(name="Demand management", slug="demand-management"),
                          purpose="Understanding and managing the demand on forces.")


@pytest.fixture
def facilitator(demand):
    essex = force_named("essex-police", "Essex Police", "essex.police.uk", "eastern")
    user = member_of(essex, email="facilitator@essex.police.uk", full_name="Fran Facilitator")
    MembershipFactory(network=demand, user=user, role=MemberRole.FACILITATOR)
    return user


def visit(page, path, where):
    response = page.goto(path)
    assert response.status == 200, f"{where}: {path} answered {response.status}"
    assert_accessible(page, where)


def test_a_member_joins_a_network_and_starts_a_thread(browsing, demand, facilitator, member):
    # The member joins from the network's page.
    joiner = browsing.page(member)
    visit(joiner, "/networks/demand/", "the network's page")
    joiner.get_by_role("link", name="Join the network").click()
    assert_accessible(joiner, "join the network")
    joiner.get_by_role("button", name="Join the network").click()
    expect(joiner.get_by_text("You are now a member of Demand.")).to_be_visible()
    assert NetworkMembership.objects.get(user=member).status == MembershipStatus.ACTIVE

    # The discussion: an empty thread is refused with a summary that links to the fields.
    joiner.get_by_role("link", name="Discussion").first.click()
    expect(joiner.get_by_role("heading", name="Discussion", level=1)).to_be_visible()
    assert_accessible(joiner, "the discussion, empty")
    joiner.get_by_role("link", name="Start a thread").click()
    assert_accessible(joiner, "start a thread")
    joiner.get_by_role("button", name="Start the thread").click()
    summary = joiner.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("title", re.I))).to_be_visible()
    assert_accessible(joiner, "start a thread, with errors")
    joiner.get_by_label("Title").fill("Forecasting summer demand")
    joiner.get_by_label("Your message").fill(
        "Which models do you use for **summer peaks**?\n\n<script>alert(1)</script>")
    joiner.get_by_role("button", name="Start the thread").click()
    expect(joiner.get_by_role("heading", name="Forecasting summer demand", level=1)).to_be_visible()
    expect(joiner.locator(".exchange-post__body strong")).to_have_text("summer peaks")
    expect(joiner.locator(".exchange-post__body script")).to_have_count(0)
    assert_accessible(joiner, "the thread")
    thread = Thread.objects.get(title="Forecasting summer demand")
    assert OutboxMessage.objects.filter(to=facilitator.email,
                                        template="network_thread_started").exists()

    # The facilitator replies, then hides the member's post with a reason.
    moderator = browsing.page(facilitator)
    visit(moderator, f"/networks/demand/threads/{thread.pk}/", "the thread, as facilitator")
    moderator.get_by_label("Your reply").fill("We use last year's weeks and the events calendar.")
    moderator.get_by_role("button", name="Post your reply").click()
    expect(moderator.get_by_text("Your reply has been posted.")).to_be_visible()
    moderator.get_by_role("link", name=re.compile("Hide this post")).first.click()
    assert_accessible(moderator, "hide a post")
    moderator.get_by_label("Why are you hiding this post?").fill("Please do not paste code.")
    moderator.get_by_role("button", name="Hide the post").click()
    expect(moderator.get_by_text("The post has been hidden.")).to_be_visible()
    moderator.get_by_text("What the post said").click()
    expect(moderator.locator(".govuk-details__text strong")).to_have_text("summer peaks")
    assert_accessible(moderator, "the thread, with a hidden post, as facilitator")
    assert Post.objects.get(author=member).hidden_reason == "Please do not paste code."

    # The member sees the reason in the post's place, and the thread fits a phone's screen.
    joiner.reload()
    expect(joiner.get_by_text("This post was hidden by a facilitator: Please do not paste code.")
           ).to_be_visible()
    assert_accessible(joiner, "the thread, with a hidden post")
    joiner.set_viewport_size(PHONE)
    for path, where in ((f"/networks/demand/threads/{thread.pk}/", "the thread"),
                        ("/networks/demand/threads/", "the discussion"),
                        ("/networks/demand/resources/", "the resources")):
        visit(joiner, path, f"{where} at 375 px")
        assert too_wide(joiner, where) is None, too_wide(joiner, where)
