import datetime

import pytest
from django.utils import timezone

from exchange.people.enums import OrganisationType
from exchange.visits import domain
from exchange.visits.models import ProgrammeYear
from tests.factories import OrganisationFactory, member_of, staff_user


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def programme_year(organiser, force, other_force):
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(name="Current year", starts_on=today - datetime.timedelta(days=100),
                                        ends_on=today + datetime.timedelta(days=265))
    for organisation in (force, other_force):
        domain.add_member(actor=organiser, programme_year=year, organisation=organisation)
    return year


@pytest.fixture
def host(db):
    return OrganisationFactory(name="Avon NHS Trust", slug="avon-nhs-trust",
                               type=OrganisationType.PUBLIC_SECTOR)


@pytest.fixture
def make_visit(organiser, programme_year, host):
    def make(**changes):
        now = timezone.now()
        data = {"theme": "Mental health", "title": "Street triage", "host_organisation": host,
                "host_contact_name": "Pat Host", "host_contact_email": "pat@host.example",
                "capacity": 6, "min_per_force": 2, "date": timezone.localdate() + datetime.timedelta(days=30),
                "applications_open": now - datetime.timedelta(days=1),
                "applications_close": now + datetime.timedelta(days=10),
                "key_questions": "How is information shared?\nWhat did it cost?"}
        opened = changes.pop("open", True)
        data.update(changes)
        visit = domain.create_visit(actor=organiser, data=data)
        if opened:
            visit = domain.change_state(visit=visit, action="open_applications", actor=organiser)
        return visit

    return make


@pytest.fixture
def other_lead(other_force):
    return member_of(other_force, role="lead", email="lead@essex.police.uk", full_name="Essex Lead")


@pytest.fixture
def other_colleague(other_force):
    return member_of(other_force, email="colleague@essex.police.uk", full_name="Essex Colleague")


def rows(*users, questions="What did it cost?"):
    return [{"email": u.email, "role": "Inspector", "questions": questions} for u in users]


@pytest.fixture
def visited(make_visit, organiser, lead, member, colleague):
    """A visit ten days ago whose two Kent visitors (member, colleague) had places."""
    visit = make_visit(date=timezone.localdate() - datetime.timedelta(days=10))
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    return domain.change_state(visit=visit, action="mark_visited", actor=organiser)
