import pytest

from tests.factories import staff_user

from .factories import make_call, programme_year


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def year(force, other_force):
    return programme_year(force, other_force)


@pytest.fixture
def call(year):
    return make_call(year)
