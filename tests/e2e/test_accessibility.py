"""axe-core finds no serious or critical violation on any page a person can reach."""

import pytest

from exchange.people.enums import MembershipStatus
from exchange.people.models import Membership
from exchange.practice import domain
from exchange.practice.enums import Visibility
from tests.e2e.conftest import axe_violations, describe_violations
from tests.factories import PracticeFactory, TopicFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECTIONS = ["about", "who", "what", "evidence", "recognition"]


@pytest.fixture
def site(force, member, reviewer):
    """An entry in every state a page shows, and a membership waiting for staff."""
    topic = TopicFactory(name="Knife crime", slug="knife-crime")
    public = PracticeFactory(title="Knife crime talks in schools", organisation=force,
                             summary="Officers talk to pupils about knives.")
    public.topics.add(topic)
    PracticeFactory(title="Members-only knife arches", organisation=force,
                    visibility=Visibility.MEMBERS)
    draft = domain.create_draft(submitted_by=member, allow_incomplete=True, data={
        "title": "Draft: youth diversion scheme", "summary": "Diverting first-time offenders.",
        "evidence_label": "new_innovative", "organisation": force})
    submitted = domain.create_draft(submitted_by=member, data={
        "title": "Hotspot patrols on the seafront", "summary": "Short visible patrols.",
        "evidence_label": "promising", "description": "Fifteen-minute patrols at hotspots.",
        "organisation": force, "mechanism": "Visible deterrence.",
        "implementation": "Two officers a shift."})
    domain.submit(practice=submitted, actor=member)
    pending = Membership.objects.create(user=UserFactory(email="applicant@gmail.example"),
                                        organisation=force, status=MembershipStatus.PENDING)
    return {"public": public.pk, "draft": draft.pk, "submitted": submitted.pk,
            "membership": pending.pk}


def submit_empty_form(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1, f"no error summary on {page.url}"


# (what, who (None: anonymous), address, what to do on the page before checking it)
PAGES = [
    ("home", None, "/", None),
    ("about", None, "/about/", None),
    ("accessibility statement", None, "/accessibility/", None),
    ("privacy and cookies", None, "/privacy/", None),
    ("coming: support", None, "/support/", None),
    ("coming: events", None, "/events/", None),
    ("practice list", None, "/practice/", None),
    ("practice list, searched and filtered", None,
     "/practice/?q=knife&evidence_label=promising", None),
    ("practice list, nothing found", None, "/practice/?q=zeppelin", None),
    ("practice detail", None, "/practice/{public}/", None),
    ("sign in", None, "/account/sign-in/", None),
    ("sign in, with errors", None, "/account/sign-in/", submit_empty_form),
    ("sign up", None, "/account/sign-up/", None),
    ("sign up, with errors", None, "/account/sign-up/", submit_empty_form),
    ("password reset", None, "/account/password-reset/", None),
    ("profile", "member", "/account/", None),
    ("profile edit", "member", "/account/edit/", None),
    ("password change", "member", "/account/password/", None),
    ("share practice: start", "member", "/practice/submit/", None),
    ("share practice: first section", "member", "/practice/submit/?step=about", None),
    ("share practice: first section, with errors", "member", "/practice/submit/?step=about",
     submit_empty_form),
    ("task list", "member", "/practice/{draft}/edit/", None),
    *[(f"section: {slug}", "member", f"/practice/{{draft}}/edit/{slug}/", None)
      for slug in SECTIONS],
    ("check answers, with things missing", "member", "/practice/{draft}/check/", None),
    ("delete a draft", "member", "/practice/{draft}/delete/", None),
    ("your practice", "member", "/practice/mine/", None),
    ("members-only practice list", "member", "/practice/", None),
    ("review queue", "reviewer", "/practice/review/", None),
    ("review page", "reviewer", "/practice/{submitted}/review/", None),
    ("review: publish", "reviewer", "/practice/{submitted}/review/publish/", None),
    ("review: decline, with errors", "reviewer", "/practice/{submitted}/review/decline/",
     submit_empty_form),
    ("membership queue", "reviewer", "/account/memberships/", None),
    ("membership decision", "reviewer", "/account/memberships/{membership}/", None),
]


PEOPLE = ["anonymous", "member", "reviewer"]


def problems_on(page, what, address, then):
    response = page.goto(address)
    if response.status != 200:
        return [f"{what} ({address}): answered {response.status}"]
    if then is not None:
        then(page)
    problems = []
    if page.locator("h1").count() != 1:
        problems.append(f"{what} ({address}): has {page.locator('h1').count()} h1 elements")
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations(f"{what} ({address})", violations))
    return problems


@pytest.mark.parametrize("who", PEOPLE)
def test_no_page_has_a_serious_accessibility_violation(browsing, site, request, who):
    """Every page each person can reach, checked in one browser page so axe is compiled once."""
    user = None if who == "anonymous" else request.getfixturevalue(who)
    page = browsing.page(user)
    pages = [(what, address.format(**site), then)
             for what, person, address, then in PAGES if (person or "anonymous") == who]
    problems = [problem for what, address, then in pages
                for problem in problems_on(page, what, address, then)]
    assert not problems, f"{len(problems)} problem(s) as {who}:\n" + "\n".join(problems)
    assert pages


def test_the_check_itself_catches_a_serious_violation(browsing):
    page = browsing.page()
    page.goto("/about/")
    page.evaluate("""() => {
        const input = document.createElement("input");
        input.type = "text";
        document.querySelector("main").append(input);
    }""")
    assert [v["id"] for v in axe_violations(page)] == ["label"]
