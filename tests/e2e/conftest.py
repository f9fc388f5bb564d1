"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Run with `make test-e2e` (or `pytest -m e2e tests/e2e`). They need Chromium at /usr/bin/chromium
(or $CHROMIUM), the built assets (`make assets`) and axe-core (`npm ci`). Without one of those
they are skipped on a laptop and fail in CI, where every leg must run.
"""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from playwright.sync_api import sync_playwright

from exchange.people.enums import MembershipStatus
from exchange.people.models import Membership
from exchange.practice import domain
from exchange.practice.enums import EvidenceLabel, Visibility
from tests.factories import PracticeFactory, TopicFactory, UserFactory

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
BUILT_CSS = REPO / "exchange" / "static" / "build" / "exchange.css"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# axe-core's impacts that fail a page; "moderate" and "minor" ones are reported by axe only.
FAILING_IMPACTS = {"serious", "critical"}


def cannot_run(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"Browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        cannot_run(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    if not BUILT_CSS.exists():
        cannot_run(f"{BUILT_CSS.relative_to(REPO)} is missing (run 'make assets')")
    if not AXE_SCRIPT.exists():
        cannot_run(f"{AXE_SCRIPT.relative_to(REPO)} is missing (run 'npm ci')")
    # Playwright's sync API runs an event loop in this thread; Django refuses database access
    # from a thread with a running loop unless told it is safe, and here it is: the loop only
    # waits for the browser. Set here, not at import, so the rest of the suite keeps the check.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                  args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Browsing:
    """Opens browser contexts on the live server, signed in as someone or as nobody."""

    def __init__(self, browser, live_server):
        self.browser = browser
        self.base_url = live_server.url
        self.contexts = []
        self.csp_violations = []

    def context(self, user=None, *, javascript=True):
        context = self.browser.new_context(base_url=self.base_url, java_script_enabled=javascript,
                                           viewport={"width": 1100, "height": 900})
        context.set_default_timeout(10_000)
        if user is not None:
            context.add_cookies([{"name": "sessionid", "value": session_key_for(user),
                                  "url": self.base_url}])
        self.contexts.append(context)
        return context

    def page(self, user=None, *, javascript=True):
        page = self.context(user, javascript=javascript).new_page()
        page.on("console", self._watch_console)
        return page

    def _watch_console(self, message):
        # The strict CSP is only worth having if the pages never trip it.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def close(self):
        for context in self.contexts:
            context.close()


def session_key_for(user):
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client.cookies["sessionid"].value


@pytest.fixture
def browsing(browser, live_server):
    browsing = Browsing(browser, live_server)
    yield browsing
    browsing.close()
    assert not browsing.csp_violations, "\n".join(browsing.csp_violations)


def sign_in_with_the_form(page, email, password):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page):
    """axe-core's serious and critical violations on the page as it is now.

    axe is run through Playwright's evaluate, which the page's CSP does not govern; adding it as
    a <script> tag would be refused by the very policy these tests keep strict.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("() => {" + AXE_SCRIPT.read_text(encoding="utf-8") + "\n}")
    results = page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ["violations"]});
        return results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            summary: v.nodes.length ? v.nodes[0].failureSummary : "",
        }));
    }""")
    return [v for v in results if v["impact"] in FAILING_IMPACTS]


def describe_violations(where, violations):
    lines = [f"{where}: {len(violations)} serious or critical accessibility violation(s)"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines.extend(f"      at {target}" for target in v["targets"])
        if v["summary"]:
            lines.append("      " + v["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


# The element whose right edge lies furthest past the viewport and that is not clipped by a
# scrolling box (an absolutely positioned element escapes every box up to its containing block,
# which is how visually hidden text in a scrolling table can still widen a page).
WIDEST_ELEMENT = """() => {
    const limit = document.documentElement.clientWidth;
    const clipped = (element) => {
        let escaping = ["absolute", "fixed"].includes(getComputedStyle(element).position);
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (escaping && style.position === "static") continue;
            if (style.overflowX !== "visible") return true;
            escaping = ["absolute", "fixed"].includes(style.position);
        }
        return false;
    };
    const describe = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + [...element.classList].map(name => "." + name).join("");
    let widest = null, right = limit;
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.right > right + 1 && !clipped(element)) {
            widest = element;
            right = box.right;
        }
    }
    if (widest === null) return null;
    const path = [];
    for (let element = widest; element && element !== document.body && path.length < 4;
         element = element.parentElement) path.unshift(describe(element));
    return {element: path.join(" > "), right: Math.round(right),
            text: (widest.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60)};
}"""


def too_wide(page, where):
    """None when the page fits its viewport's width, else what overflows and by how much."""
    width, viewport = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if width <= viewport:
        return None
    widest = page.evaluate(WIDEST_ELEMENT)
    culprit = (f"widest element {widest['element']} reaches {widest['right']} px"
               f" (“{widest['text']}”)" if widest else "no single element found")
    return f"{where}: {width} px wide at {viewport} px; {culprit}"


def assert_accessible(page, where=None):
    violations = axe_violations(page)
    assert not violations, describe_violations(where or page.url, violations)


# The crawl: the pages each person can reach, shared by the accessibility and mobile-width
# tests so that a page added here is checked for both.
SECTIONS = ["about", "focus", "scale", "who", "what", "evidence", "recognition"]


@pytest.fixture
def site(force, member, reviewer):
    """An entry in every state a page shows, and a membership waiting for staff."""
    topic = TopicFactory(name="Knife crime", slug="knife-crime")
    public = PracticeFactory(title="Knife crime talks in schools", organisation=force,
                             summary="Officers talk to pupils about knives.")
    public.topics.add(topic)
    # One long word in a title (a real Welsh place name) must wrap, not widen a phone's page.
    PracticeFactory(title="Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch "
                          "community speedwatch", organisation=force)
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
    # Peer support's matrix ships in a data migration, which browser tests flush.
    import_module("exchange.support.migrations.0002_matrix").add_matrix(apps, None)
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
    ("peer support", None, "/support/", None),
    ("peer support: the self-assessment matrix", None, "/support/matrix/", None),
    ("peer support: learning", None, "/support/learning/", None),
    ("peer matching", None, "/support/matching/", None),
    ("events", None, "/events/", None),
    ("networks", None, "/networks/", None),
    ("news", None, "/news/", None),
    ("small grants", None, "/grants/", None),
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
    ("apply to be a peer", "member", "/support/peers/apply/", None),
    ("apply to be a peer, with errors", "member", "/support/peers/apply/", submit_empty_form),
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


@pytest.fixture
def bank(force):
    """Five entries of Kent Police's, three about knives, for the finding-practice walks."""
    entries = [
        ("Knife crime talks in schools", EvidenceLabel.PROMISING),
        ("Knife arches at nightclub doors", EvidenceLabel.WORKED),
        ("Knife amnesty bins outside stations", EvidenceLabel.PROMISING),
        ("Drones to search for missing people", EvidenceLabel.WORKED),
        ("Domestic abuse triage car", EvidenceLabel.NEW_INNOVATIVE),
    ]
    return [PracticeFactory(title=title, summary=f"{title}, as tried by Kent Police.",
                            evidence_label=label, organisation=force)
            for title, label in entries]
