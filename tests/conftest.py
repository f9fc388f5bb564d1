import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exchange.people.models import Organisation
from tests.factories import member_of, staff_user


@pytest.fixture(autouse=True)
def _email_backend(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    mail.outbox = []


def _real_force(slug, name, domain, region):
    # The data migration ships the real forces; browser tests flush them, so create if missing.
    organisation, _ = Organisation.objects.update_or_create(slug=slug, defaults={
        "name": name, "type": "territorial_police", "region": region, "email_domains": [domain]})
    return organisation


@pytest.fixture
def force(db):
    return _real_force("kent-police", "Kent Police", "kent.police.uk", "south_east")


@pytest.fixture
def other_force(db):
    return _real_force("essex-police", "Essex Police", "essex.police.uk", "eastern")


@pytest.fixture
def member(force):
    return member_of(force, email="member@kent.police.uk", full_name="Morgan Member")


@pytest.fixture
def colleague(force):
    return member_of(force, email="colleague@kent.police.uk", full_name="Casey Colleague")


@pytest.fixture
def lead(force):
    return member_of(force, role="lead", email="lead@kent.police.uk", full_name="Lee Lead")


@pytest.fixture
def outsider(other_force):
    return member_of(other_force, email="member@essex.police.uk", full_name="Oakley Outsider")


@pytest.fixture
def reviewer(db):
    return staff_user("Reviewer", email="reviewer@example.org", full_name="Riley Reviewer")


@pytest.fixture
def admin_user(db):
    return staff_user("Administrator", email="admin@example.org", full_name="Ada Admin",
                      is_superuser=True)


class QueryCount:
    """How many database queries something costs: the one way tests count them.

    A list's test counts its queries with a few rows and with many and asserts the counts are
    equal, so a query per row fails it; a test of a bulk write asserts an exact number.
    """

    def capture(self):
        """``with query_count.capture() as queries:`` … then ``len(queries)``."""
        return CaptureQueriesContext(connection)

    def of(self, action):
        """Run ``action()``; the number of queries it ran."""
        with self.capture() as queries:
            action()
        return len(queries)

    def of_get(self, client, url, data=None, *, status=200):
        """GET ``url`` with ``client`` (it must answer ``status``); the number of queries."""
        with self.capture() as queries:
            response = client.get(url, data)
        assert response.status_code == status, f"{url} answered {response.status_code}"
        return len(queries)


@pytest.fixture
def query_count():
    return QueryCount()
