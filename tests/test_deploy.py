"""Production readiness: Django's deploy checks, a strict Content Security Policy, no tracking."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.test_access import ACCESS, MODEL_BACKEND, objects, people  # noqa: F401 (fixtures)

REPO = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-enough-" + "k" * 30,
    "DJANGO_ALLOWED_HOSTS": "exchange.example.org",
}
# The cookies a person may ever get: both essential, neither tracks anyone.
ESSENTIAL_COOKIES = {"sessionid", "csrftoken"}
# Pages whose HTML is ours (the admin's and the API docs' are Django's and django-ninja's).
THEIR_HTML = ("admin:", "api:")


def run_in_production(*args, **more_env):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "EXCHANGE_", "PYTEST"))}
    env.update(PRODUCTION_ENV, **more_env)
    env["SQLITE_PATH"] = str(REPO / "var" / "deploy-check.sqlite3")
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=120, check=False)


def test_deploy_checks_are_clean_with_production_settings():
    result = run_in_production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SECRET_KEY"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=REPO, timeout=120,
                            env={**os.environ, **env, "DJANGO_SECRET_KEY": ""},
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def html_pages():
    """(key, case) for every page in the access table that answers a GET."""
    return [(key, case) for key, cases in ACCESS.items() for case in cases if case.method == "get"]


def fetch_as(client, objects, key, case):  # noqa: F811 (objects is a fixture)
    response = client.get(case.url(objects))
    is_html = response.get("Content-Type", "").startswith("text/html")
    return response, is_html


@pytest.mark.django_db
@pytest.mark.parametrize("person", ["anonymous", "administrator"])
def test_every_html_page_has_a_strict_content_security_policy(person, objects, people):  # noqa: F811
    client = Client()
    if people[person]:
        client.force_login(people[person], backend=MODEL_BACKEND)
    checked = []
    for key, case in html_pages():
        response, is_html = fetch_as(client, objects, key, case)
        if not is_html:
            continue
        policy = response.get("Content-Security-Policy", "")
        assert policy, f"{key} has no Content-Security-Policy header"
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, (key, policy)
        assert directives.get("script-src") == "'self'", (key, policy)
        assert directives.get("style-src") == "'self'", (key, policy)
        assert directives.get("object-src") == "'none'", (key, policy)
        assert directives.get("frame-ancestors") == "'none'", (key, policy)
        checked.append(key)
    assert "common:home" in checked and "practice:list" in checked


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>",
                           re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.IGNORECASE)
# Template syntax that reached the page: a multi-line {# #} comment or an unclosed tag.
TEMPLATE_LEAK = re.compile(r"\{#|#\}|\{%|%\}")


@pytest.mark.django_db
@pytest.mark.parametrize("person", ["anonymous", "member", "administrator"])
def test_our_pages_have_no_inline_script_or_style(person, objects, people):  # noqa: F811
    client = Client()
    if people[person]:
        client.force_login(people[person], backend=MODEL_BACKEND)
    offenders = []
    for key, case in html_pages():
        if key.startswith(THEIR_HTML):
            continue
        response, is_html = fetch_as(client, objects, key, case)
        if not is_html:
            continue
        body = response.content.decode()
        if (INLINE_SCRIPT.search(body) or INLINE_STYLE.search(body)):
            found = INLINE_SCRIPT.search(body) or INLINE_STYLE.search(body)
            offenders.append(f"{key}: {found[0]}")
    assert not offenders, "Inline script or style breaks the CSP:\n  " + "\n  ".join(offenders)


@pytest.mark.django_db
@pytest.mark.parametrize("person", ["anonymous", "administrator"])
def test_no_template_syntax_reaches_a_page(person, objects, people):  # noqa: F811
    client = Client()
    if people[person]:
        client.force_login(people[person], backend=MODEL_BACKEND)
    leaks = []
    for key, case in html_pages():
        if key.startswith(THEIR_HTML):
            continue
        response, is_html = fetch_as(client, objects, key, case)
        if is_html and (found := TEMPLATE_LEAK.search(response.content.decode())):
            leaks.append(f"{key}: {found[0]}")
    assert not leaks, "Template syntax shown to readers:\n  " + "\n  ".join(leaks)


@pytest.mark.django_db
def test_reading_public_pages_sets_no_cookie(objects):  # noqa: F811
    client = Client()
    pages = ["/", "/about/", "/privacy/", "/support/", "/practice/", "/practice/?q=triage",
             "/practice/feed/", objects.public.get_absolute_url()]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"


@pytest.mark.django_db
def test_no_page_sets_any_cookie_but_the_session_and_csrf_ones(objects):  # noqa: F811
    client = Client()
    for key, case in html_pages():
        response, _ = fetch_as(client, objects, key, case)
        unexpected = set(response.cookies) - ESSENTIAL_COOKIES
        assert not unexpected, f"{key} sets {unexpected}"


def test_production_collects_its_static_files():
    if not (REPO / "exchange" / "static" / "build" / "exchange.css").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("exchange/static/build/exchange.css is missing: run 'make assets'")
        pytest.skip("assets not built: run 'make assets'")
    # The manifest storage fails on any CSS url() or source map it cannot find.
    result = run_in_production("collectstatic", "--no-input", "--clear", "--verbosity", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (REPO / "staticfiles" / "staticfiles.json").exists()


# Asks production's own middleware for each file the first page loads, as a browser would.
SERVE_STATIC = """
from django.templatetags.static import static
from django.test import Client
client = Client(HTTP_HOST="exchange.example.org")
for name in ["build/exchange.css", "exchange/app.js", "build/htmx.min.js"]:
    response = client.get(static(name), secure=True, HTTP_ACCEPT_ENCODING="gzip, br")
    body = b"".join(response.streaming_content)
    print(name, static(name), response.get("Content-Encoding"), response.get("Cache-Control"),
          len(body), sep="\t")
"""


def test_production_serves_static_files_compressed_and_cached_for_a_year(tmp_path):
    if not (REPO / "exchange" / "static" / "build" / "exchange.css").exists():
        pytest.skip("assets not built: run 'make assets'")
    root = {"EXCHANGE_STATIC_ROOT": str(tmp_path)}
    collected = run_in_production("collectstatic", "--no-input", "--verbosity", "0", **root)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    served = run_in_production("shell", "--verbosity", "0", "-c", SERVE_STATIC, **root)
    assert served.returncode == 0, served.stdout + served.stderr
    rows = [line.split("\t") for line in served.stdout.splitlines() if "\t" in line]
    assert len(rows) == 3, served.stdout
    for name, url, encoding, cache_control, size in rows:
        stem, extension = name.rsplit(".", 1)
        assert re.fullmatch(rf"/static/{stem}\.[0-9a-f]{{12}}\.{extension}", url), url
        assert encoding in {"gzip", "br"}, (name, encoding)
        assert cache_control == "max-age=315360000, public, immutable", (name, cache_control)
        assert int(size) < (REPO / "exchange" / "static" / name).stat().st_size / 2, name
    # app.js imports govuk-frontend as a module: the import names the hashed file too.
    app = next(tmp_path.glob("exchange/app.*.js"))
    assert re.search(r'from "\.\./build/govuk-frontend\.min\.[0-9a-f]{12}\.js"', app.read_text())


def test_the_readme_documents_every_environment_variable_the_settings_read():
    settings_source = (REPO / "exchange" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"(?:env_\w+\(|os\.environ\.get\()\"([A-Z][A-Z0-9_]+)\"", settings_source))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    undocumented = sorted(name for name in read if f"`{name}`" not in readme)
    assert len(read) > 20
    assert not undocumented, f"README.md's configuration table lacks {undocumented}"
