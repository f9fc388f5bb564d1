"""Every API operation, fed what its OpenAPI schema says it accepts, answers without a server
error and with a body its schema describes: anonymously and with an administrator's token.

Schemathesis generates the requests and calls the WSGI app in-process (no server). The examples
are few, so this takes seconds per database; run it on both, since PostgreSQL and SQLite fail
on different inputs (a NUL, an integer past 64 bits).
"""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from exchange.people.domain import create_api_token
from exchange.visits.enums import VisitStatus
from exchange.visits.models import ProgrammeYear, Visit
from tests.factories import PracticeFactory, staff_user
from tests.lessons.factories import CaseFactory

CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, without the end-of-request connection close that would break
    the test's transaction (Django's test client leaves it out in the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(force, member):
    """Something for each list to list and for the detail operations to find."""
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(name="Schema year", starts_on=today - datetime.timedelta(days=10),
                                        ends_on=today + datetime.timedelta(days=300))
    Visit.objects.create(programme_year=year, theme="Custody", title="Custody suite",
                         host_organisation=force, capacity=4, status=VisitStatus.OPEN,
                         applications_open=timezone.now() - datetime.timedelta(days=1),
                         applications_close=timezone.now() + datetime.timedelta(days=9))
    PracticeFactory(title="Hot spot patrols", organisation=force)
    CaseFactory()


@pytest.fixture
def api_schema(db, wsgi_app, content):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)


@pytest.fixture
def admin_token(db):
    admin = staff_user("Administrator", "Organiser", "Editor", "Reviewer", is_superuser=True,
                       email="schema-admin@example.org")
    return {"Authorization": f"Bearer {create_api_token(user=admin, name='schema')[1]}"}


BOUNDED = settings(max_examples=10, deadline=None, database=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))


def failures_of_every_operation(api_schema, headers):
    """Run each operation's bounded examples; return each operation's first failure, so one
    run names every operation that breaks, not only the first."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @BOUNDED
        @given(case=operation.as_strategy())
        def call(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            call()
        except Exception as failure:  # Hypothesis re-raises the smallest failing example.
            failures.append(f"{operation.label}: {failure}")
    return failures


@pytest.mark.django_db
def test_every_operation_answers_anyone_within_its_schema(api_schema):
    assert failures_of_every_operation(api_schema, {}) == []


@pytest.mark.django_db
def test_every_operation_answers_staff_within_its_schema(api_schema, admin_token):
    assert failures_of_every_operation(api_schema, admin_token) == []
