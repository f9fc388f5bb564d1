"""The access table: every URL of the Exchange, for each of five people: what each of them gets.

``ACCESS`` is the one place that says who may use which URL. It is keyed by URL pattern name
("practice:detail"), and by "METHOD path" for the API's operations, which come from the OpenAPI
schema. ``test_every_url_pattern_is_in_the_access_table`` fails naming any pattern added without
a row here, so a new page cannot ship without someone deciding who may see it.

An expected answer is a status code, ``LOGIN`` (a redirect to the sign-in page) or
``ADMIN_LOGIN`` (a redirect to the admin's own sign-in page).
"""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from exchange.api import api
from exchange.people import domain as people_domain
from exchange.people.enums import MembershipStatus
from exchange.people.models import Membership
from exchange.practice.enums import PracticeStatus, Visibility
from tests.access import (
    ADMIN_LOGIN,
    ADMIN_PAGES,
    API_PAGES,
    EVERYONE,
    LOGIN,
    MODEL_BACKEND,
    OWNER_AND_STAFF,
    PEOPLE,
    SIGNED_IN,
    STAFF_ONLY,
    Case,
    Pk,
    answer,
    expect,
    get,
    post,
    request,
)
from tests.factories import PracticeFactory, UserFactory
from tests.lessons.access_rows import ACCESS_ROWS as LESSONS_ROWS
from tests.lessons.access_rows import lessons_objects
from tests.visits.access_rows import ACCESS_ROWS as VISITS_ROWS
from tests.visits.access_rows import visit_objects

CORE_ROWS = {
    # Public pages.
    "common:home": [get("common:home", expected=EVERYONE)],
    "common:about": [get("common:about", expected=EVERYONE)],
    "common:accessibility": [get("common:accessibility", expected=EVERYONE)],
    "common:privacy": [get("common:privacy", expected=EVERYONE)],
    "common:coming-support": [get("common:coming-support", expected=EVERYONE)],
    "common:coming-events": [get("common:coming-events", expected=EVERYONE)],
    # Accounts.
    "people:profile": [get("people:profile", expected=SIGNED_IN)],
    "people:profile-edit": [get("people:profile-edit", expected=SIGNED_IN)],
    "people:sign-up": [get("people:sign-up", expected=expect(200, 302, 302, 302, 302))],
    "people:sign-up-sent": [get("people:sign-up-sent", expected=EVERYONE)],
    "people:verify-email": [get("people:verify-email", "not-a-real-token",
                                expected=expect(400, 400, 400, 400, 400), label="bad token")],
    "people:sign-in": [get("people:sign-in", expected=expect(200, 302, 302, 302, 302))],
    "people:sign-out": [post("people:sign-out", expected=expect(302, 302, 302, 302, 302))],
    "people:password-reset": [get("people:password-reset", expected=EVERYONE)],
    "people:password-reset-sent": [get("people:password-reset-sent", expected=EVERYONE)],
    "people:password-reset-confirm": [get("people:password-reset-confirm", "MQ", "bad-token",
                                          expected=EVERYONE, label="bad token")],
    "people:password-reset-complete": [get("people:password-reset-complete", expected=EVERYONE)],
    "people:password-change": [get("people:password-change", expected=SIGNED_IN)],
    "people:token-create": [post("people:token-create", data={"name": "Laptop"},
                                 expected=expect(LOGIN, 302, 302, 302, 302))],
    "people:token-revoke": [get("people:token-revoke", Pk("member_token"),
                                expected=expect(LOGIN, 200, 404, 404, 404),
                                label="the member's token")],
    "people:membership-queue": [get("people:membership-queue", expected=STAFF_ONLY)],
    "people:membership-decide": [get("people:membership-decide", Pk("pending_membership"),
                                     expected=STAFF_ONLY)],
    # Finding practice.
    "practice:list": [get("practice:list", expected=EVERYONE)],
    "practice:export-csv": [get("practice:export-csv", expected=EVERYONE)],
    "practice:feed": [get("practice:feed", expected=EVERYONE)],
    "practice:detail": [
        get("practice:detail", Pk("public"), expected=EVERYONE, label="public entry"),
        get("practice:detail", Pk("members_only"), expected=expect(404, 200, 200, 200, 200),
            label="members-only entry"),
        get("practice:detail", Pk("draft"), expected=expect(404, 200, 404, 200, 200),
            label="the member's draft"),
    ],
    # Submitting practice.
    "practice:submit-start": [get("practice:submit-start", expected=SIGNED_IN)],
    "practice:mine": [get("practice:mine", expected=SIGNED_IN)],
    "practice:task-list": [get("practice:task-list", Pk("draft"), expected=OWNER_AND_STAFF)],
    "practice:edit-section": [get("practice:edit-section", Pk("draft"), "about",
                                  expected=OWNER_AND_STAFF, label="the member's draft")],
    "practice:check-answers": [get("practice:check-answers", Pk("draft"),
                                   expected=OWNER_AND_STAFF)],
    # Another force may read the published entry, so it is refused rather than hidden.
    "practice:revise": [get("practice:revise", Pk("own_published"),
                            expected=expect(LOGIN, 200, 403, 200, 200),
                            label="the member's published entry")],
    "practice:delete": [get("practice:delete", Pk("draft"), expected=OWNER_AND_STAFF)],
    # Reviewing practice.
    "practice:review-queue": [get("practice:review-queue", expected=STAFF_ONLY)],
    "practice:review": [get("practice:review", Pk("submitted"), expected=STAFF_ONLY,
                            label="the member's submission")],
    "practice:review-action": [
        get("practice:review-action", Pk("submitted"), "publish", expected=STAFF_ONLY,
            label="the publish page"),
        post("practice:review-action", Pk("submitted"), "start-review",
             expected=expect(LOGIN, 403, 403, 302, 302), label="assign to me"),
    ],
    # The API.
    "api:openapi-json": [get("api:openapi-json", expected=EVERYONE)],
    "api:openapi-view": [get("api:openapi-view", expected=EVERYONE)],
    "api:api-root": [get("api:api-root", expected=expect(404, 404, 404, 404, 404),
                         label="nothing at the root")],
    "GET /api/v1/practices": [get("/api/v1/practices", expected=EVERYONE)],
    "GET /api/v1/practices/{practice_id}": [
        get("/api/v1/practices/{}", Pk("public"), expected=EVERYONE, label="public entry"),
        get("/api/v1/practices/{}", Pk("members_only"), expected=expect(404, 200, 200, 200, 200),
            label="members-only entry"),
        get("/api/v1/practices/{}", Pk("draft"), expected=expect(404, 200, 404, 200, 200),
            label="the member's draft"),
    ],
    "POST /api/v1/practices": [
        Case(("/api/v1/practices",), expect(401, 201, 201, 201, 201), method="post",
             data={"title": "Street triage", "evidence_label": "promising",
                   "description": "A mental health nurse rides with officers."}),
    ],
    # Staff back office.
    "admin:index": [get("admin:index", expected=expect(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN,
                                                       200, 200))],
}

# The one table: the foundation's and the practice bank's rows above, and each programme's.
ACCESS = {**CORE_ROWS, **VISITS_ROWS, **LESSONS_ROWS}


# --- Every URL is in the table --------------------------------------------------------------

def url_pattern_keys(resolver=None, namespace=None, prefix=""):
    """Every URL pattern's table key: its namespaced name, or its route when it has none."""
    resolver = resolver or get_resolver()
    keys = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            keys |= url_pattern_keys(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            keys.add(_key(pattern, namespace, prefix))
    return {key for key in keys if key is not None}


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


def test_every_url_pattern_is_in_the_access_table():
    missing = sorted((url_pattern_keys() | api_operation_keys()) - ACCESS.keys())
    assert not missing, (
        "These URLs have no row in tests/test_access.py's ACCESS table; add one saying what "
        "each person gets:\n  " + "\n  ".join(missing))


def test_the_access_table_names_only_urls_that_exist():
    stale = sorted(ACCESS.keys() - url_pattern_keys() - api_operation_keys())
    assert not stale, "ACCESS has rows for URLs that no longer exist:\n  " + "\n  ".join(stale)


# --- Each person gets what the table says ---------------------------------------------------

@pytest.fixture
def objects(force, member, outsider, settings, tmp_path):
    """What the URLs in the table point at: entries in each state, a token, a membership, and
    each programme's own objects."""
    settings.MEDIA_ROOT = tmp_path
    return SimpleNamespace(
        **vars(visit_objects(force, member)),
        **vars(lessons_objects(member=member)),
        public=PracticeFactory(title="Public entry", organisation=force),
        members_only=PracticeFactory(title="Members-only entry", organisation=force,
                                     visibility=Visibility.MEMBERS),
        draft=PracticeFactory(title="Member's draft", organisation=force, submitted_by=member,
                              status=PracticeStatus.DRAFT, published_at=None),
        submitted=PracticeFactory(title="Member's submission", organisation=force,
                                  submitted_by=member, status=PracticeStatus.SUBMITTED,
                                  published_at=None),
        own_published=PracticeFactory(title="Member's published entry", organisation=force,
                                      submitted_by=member),
        member_token=people_domain.create_api_token(user=member, name="Member's laptop")[0],
        pending_membership=Membership.objects.create(
            user=UserFactory(email="someone@gmail.example"), organisation=force,
            status=MembershipStatus.PENDING),
    )


@pytest.fixture
def people(member, outsider, reviewer, admin_user):
    return {"anonymous": None, "member": member, "other_force_member": outsider,
            "staff": reviewer, "administrator": admin_user}


def table_cases():
    for key, cases in ACCESS.items():
        for case in cases:
            for person in PEOPLE:
                case_id = f"{key}[{case.label}]" if case.label else key
                yield pytest.param(key, case, person, id=f"{case_id}-{person}")


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "case", "person"), list(table_cases()))
def test_each_person_gets_what_the_access_table_says(key, case, person, objects, people):
    client = Client()
    if people[person] is not None:
        client.force_login(people[person], backend=MODEL_BACKEND)
    url = case.url(objects)
    response = request(client, case, url)
    got = answer(response)
    where = f" to {response['Location']}" if response.has_header("Location") else ""
    assert got == case.expected[person], (
        f"{case.method.upper()} {url} ({key} {case.label}) as {person}: "
        f"expected {case.expected[person]}, got {got}{where}")
