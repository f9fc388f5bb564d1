"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Run with `make test-e2e` (or `pytest -m e2e tests/e2e`). They need Chromium at /usr/bin/chromium
(or $CHROMIUM), the built assets (`make assets`) and axe-core (`npm ci`). Without one of those
they are skipped on a laptop and fail in CI, where every leg must run.
"""

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import sync_playwright

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


def assert_accessible(page, where=None):
    violations = axe_violations(page)
    assert not violations, describe_violations(where or page.url, violations)
