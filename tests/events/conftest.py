import pytest

from tests.factories import TopicFactory, staff_user


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def topic(db):
    return TopicFactory(name="Problem solving")
