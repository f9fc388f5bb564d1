"""The access table: every URL of the Exchange, for each of nine people: what each of them gets.

``ACCESS`` is the one place that says who may use which URL. It is keyed by URL pattern name
("practice:detail"), and by "METHOD path" for the API's operations, which come from the OpenAPI
schema. ``test_every_url_pattern_is_in_the_access_table`` fails naming any pattern added without
a row, and ``test_every_url_that_takes_a_post_has_a_post_row`` any that handles a POST without a
POST row, so a new page or action cannot ship without someone deciding who may use it.

The people are described in tests/access.py. An expected answer is a status code, ``LOGIN`` (a
redirect to the sign-in page) or ``ADMIN_LOGIN`` (a redirect to the admin's own sign-in page). A
row for a state-changing POST says, with ``done``, how to see in the database that it happened:
it must have happened for each person whose answer is in ``DONE``, and not for anyone refused.

The people and objects are built once for the module; each request runs in its own transaction
(rolled back after it), so every person meets the objects in the same state.
"""

import importlib
import inspect
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from exchange.api import api
from exchange.people import domain as people_domain
from exchange.people.enums import MembershipStatus
from exchange.people.models import ApiToken, Membership, User
from tests.access import (
    ADMIN_LOGIN,
    ADMIN_PAGES,
    API_PAGES,
    EVERYONE,
    LOGIN,
    MODEL_BACKEND,
    PEOPLE,
    PROGRAMME_STAFF,
    SIGNED_IN,
    Pk,
    access_people,
    answer,
    error_summary,
    expect,
    fresh,
    get,
    only,
    post,
    request,
)
from tests.factories import UserFactory

# Signed-in people are sent on from the pages for signing up and in.
SIGNED_IN_SENT_ON = expect(302, anonymous=200)

CORE_ROWS = {
    # Public pages.
    "common:home": [get("common:home", expected=EVERYONE)],
    "common:about": [get("common:about", expected=EVERYONE)],
    "common:accessibility": [get("common:accessibility", expected=EVERYONE)],
    "common:privacy": [get("common:privacy", expected=EVERYONE)],
    # Accounts.
    "people:profile": [get("people:profile", expected=SIGNED_IN)],
    "people:home": [get("people:home", expected=SIGNED_IN)],
    "people:learning-record": [get("people:learning-record", expected=SIGNED_IN)],
    "people:learning-record-csv": [get("people:learning-record-csv", expected=SIGNED_IN)],
    "people:profile-edit": [
        get("people:profile-edit", expected=SIGNED_IN),
        post("people:profile-edit", expected=expect(302, anonymous=LOGIN),
             data={"full_name": "Renamed Person", "job_title": "Inspector"}, label="save",
             done=lambda o: User.objects.filter(full_name="Renamed Person").exists()),
    ],
    "people:sign-up": [
        get("people:sign-up", expected=SIGNED_IN_SENT_ON),
        # Someone signed in is sent on before anything is made.
        post("people:sign-up", expected=expect(302), label="sign up", done_by=("anonymous",),
             data={"full_name": "Nia Newcomer", "email": "nia@kent.police.uk",
                   "password1": "a-long-unusual-passphrase", "password2":
                   "a-long-unusual-passphrase"},
             done=lambda o: User.objects.filter(email="nia@kent.police.uk").exists()),
    ],
    "people:sign-up-sent": [get("people:sign-up-sent", expected=EVERYONE)],
    "people:verify-email": [
        get("people:verify-email", "not-a-real-token", expected=expect(400), label="bad token"),
        post("people:verify-email", "not-a-real-token", expected=expect(400), label="bad token"),
    ],
    "people:sign-in": [
        get("people:sign-in", expected=SIGNED_IN_SENT_ON),
        post("people:sign-in", expected=SIGNED_IN_SENT_ON, label="a wrong password",
             data={"username": "member@kent.police.uk", "password": "not-the-password"}),
    ],
    "people:sign-out": [post("people:sign-out", expected=expect(302))],
    "people:password-reset": [
        get("people:password-reset", expected=EVERYONE),
        post("people:password-reset", expected=expect(302), data={"email": "nobody@example.org"},
             label="ask for a link"),
    ],
    "people:password-reset-sent": [get("people:password-reset-sent", expected=EVERYONE)],
    "people:password-reset-confirm": [
        get("people:password-reset-confirm", "MQ", "bad-token", expected=EVERYONE,
            label="bad token"),
        post("people:password-reset-confirm", "MQ", "bad-token", expected=EVERYONE,
             data={"new_password1": "x", "new_password2": "x"}, label="bad token"),
    ],
    "people:password-reset-complete": [get("people:password-reset-complete", expected=EVERYONE)],
    "people:password-change": [
        get("people:password-change", expected=SIGNED_IN),
        post("people:password-change", expected=SIGNED_IN, label="a wrong old password",
             data={"old_password": "not-it", "new_password1": "a-long-unusual-passphrase",
                   "new_password2": "a-long-unusual-passphrase"}),
    ],
    "people:token-create": [
        post("people:token-create", data={"name": "Laptop"}, expected=expect(302, anonymous=LOGIN),
             done=lambda o: ApiToken.objects.filter(name="Laptop").exists()),
    ],
    "people:token-revoke": [
        get("people:token-revoke", Pk("member_token"), expected=only("member", others=404),
            label="the member's token"),
        post("people:token-revoke", Pk("member_token"),
             expected=only("member", answer=302, others=404), label="revoke it",
             done=lambda o: fresh(o.member_token).revoked_at is not None),
    ],
    "people:membership-queue": [get("people:membership-queue", expected=PROGRAMME_STAFF)],
    "people:membership-decide": [
        get("people:membership-decide", Pk("pending_membership"), expected=PROGRAMME_STAFF),
        post("people:membership-decide", Pk("pending_membership"),
             expected=only("programme_staff", answer=302), data={"decision": "approve"},
             label="approve",
             done=lambda o: fresh(o.pending_membership).status == MembershipStatus.ACTIVE),
    ],
    # The API's own pages.
    "api:openapi-json": [get("api:openapi-json", expected=EVERYONE)],
    "api:openapi-view": [get("api:openapi-view", expected=EVERYONE)],
    "api:api-root": [get("api:api-root", expected=expect(404), label="nothing at the root")],
    # Staff back office: the admin site lets in staff accounts, and its pages check more.
    "admin:index": [get("admin:index", expected=expect(ADMIN_LOGIN, programme_staff=200))],
}

# The one table: the foundation's rows above, and each programme's.


def programme_row_modules():
    """Each installed app's ``tests/<app>/access_rows.py``, found as ``common`` finds each
    app's ``programme.py``, so a new programme brings its rows without editing this file. A
    module gives ``ACCESS_ROWS`` and ``objects(force=, other_force=, people=)``."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("exchange."):
            continue
        name = f"tests.{config.label}.access_rows"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as missing:
            if missing.name not in (name, f"tests.{config.label}"):
                raise
    return modules


PROGRAMME_ROWS = programme_row_modules()
ACCESS = {**CORE_ROWS}
for module in PROGRAMME_ROWS:
    ACCESS.update(module.ACCESS_ROWS)


# --- Every URL is in the table --------------------------------------------------------------

def url_patterns(resolver=None, namespace=None, prefix=""):
    """Every URL pattern that needs a row, by its table key: its namespaced name, or its route
    when it has none."""
    resolver = resolver or get_resolver()
    found = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            found |= url_patterns(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            key = _key(pattern, namespace, prefix)
            if key is not None:
                found[key] = pattern
    return found


def url_pattern_keys():
    return set(url_patterns())


def _key(pattern, namespace, prefix):
    if namespace == "admin":
        key = f"admin:{pattern.name}"
        return key if key in ADMIN_PAGES else None
    if namespace == "api":
        key = f"api:{pattern.name}"
        return key if key in API_PAGES else None
    if pattern.name is None:
        return "/" + prefix + str(pattern.pattern)
    return f"{namespace}:{pattern.name}" if namespace else pattern.name


def api_operation_keys():
    paths = api.get_openapi_schema()["paths"]
    return {f"{method.upper()} {path}" for path, operations in paths.items()
            for method in operations}


def handles_post(view):
    """Whether ``view`` does something with a POST: a class-based view with a ``post`` method,
    or a function whose source (decorators included) says POST, as ``require_POST``,
    ``require_http_methods([..., "POST"])`` and ``request.method == "POST"`` all do."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    function = inspect.unwrap(view)
    if not inspect.isfunction(function):
        return False  # a callable object, such as a feed: it answers GET
    return "POST" in inspect.getsource(function)


def test_every_url_pattern_is_in_the_access_table():
    missing = sorted((url_pattern_keys() | api_operation_keys()) - ACCESS.keys())
    assert not missing, (
        "These URLs have no row in the ACCESS table (tests/test_access.py and "
        "tests/<app>/access_rows.py); add one saying what each person gets:\n  "
        + "\n  ".join(missing))


def test_every_url_that_takes_a_post_has_a_post_row():
    missing = sorted(key for key, pattern in url_patterns().items()
                     if handles_post(pattern.callback)
                     and not any(case.method == "post" for case in ACCESS.get(key, [])))
    assert not missing, (
        "These URLs handle a POST but the ACCESS table has no POST row for them; add one "
        "naming the data that makes the action happen, and `done` to see that it did:\n  "
        + "\n  ".join(missing))


def test_the_access_table_names_only_urls_that_exist():
    stale = sorted(ACCESS.keys() - url_pattern_keys() - api_operation_keys())
    assert not stale, "ACCESS has rows for URLs that no longer exist:\n  " + "\n  ".join(stale)


def test_every_row_says_what_each_of_the_nine_people_gets():
    incomplete = [f"{key} [{case.label}]" for key, cases in ACCESS.items() for case in cases
                  if tuple(case.expected) != PEOPLE]
    assert not incomplete, "Rows without an answer for each person:\n  " + "\n  ".join(incomplete)


# --- Each person gets what the table says ---------------------------------------------------

def build_table():
    """The nine people, and what the URLs in the table point at: entries in each state, a
    token, a membership, and each programme's own objects."""
    force, other_force, people = access_people()
    member = people["member"]
    objects = {}
    for module in PROGRAMME_ROWS:
        objects.update(vars(module.objects(force=force, other_force=other_force, people=people)))
    objects = SimpleNamespace(
        **objects,
        member_token=people_domain.create_api_token(user=member, name="Member's laptop")[0],
        pending_membership=Membership.objects.create(
            user=UserFactory(email="someone@gmail.example"), organisation=force,
            status=MembershipStatus.PENDING),
    )
    return SimpleNamespace(people=people, objects=objects)


@pytest.fixture(scope="module")
def table(django_db_setup, django_db_blocker):
    """The table's people and objects, built once for the module and rolled back after it.
    Each test's own transaction is a savepoint inside this one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_table()
        transaction.set_rollback(True)


# For other modules that walk the table once per test (tests/test_deploy.py imports these).
@pytest.fixture
def objects(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    built = build_table()
    built.objects.people = built.people
    return built.objects


@pytest.fixture
def people(objects):
    return objects.people


def table_cases():
    for key, cases in ACCESS.items():
        for case in cases:
            for person in PEOPLE:
                case_id = f"{key}[{case.label}]" if case.label else key
                yield pytest.param(key, case, person, id=f"{case_id}-{case.method}-{person}")


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "case", "person"), list(table_cases()))
def test_each_person_gets_what_the_access_table_says(key, case, person, table, settings,
                                                      tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    if table.people[person] is not None:
        client.force_login(table.people[person], backend=MODEL_BACKEND)
    url = case.url(table.objects)
    response = request(client, case, url, table.objects)
    got = answer(response)
    where = f" to {response['Location']}" if response.has_header("Location") else ""
    said = f"{case.method.upper()} {url} ({key} {case.label}) as {person}"
    assert got == case.expected[person], (
        f"{said}: expected {case.expected[person]}, got {got}{where}{error_summary(response)}")
    if case.done is not None:
        should_happen = case.should_be_done(person)
        happened = case.done(table.objects)
        assert happened == should_happen, (
            f"{said}: answered {got}{where}, but the action "
            f"{'did not happen' if should_happen else 'happened'}{error_summary(response)}")
