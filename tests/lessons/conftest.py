import pytest

from tests.factories import staff_user


@pytest.fixture
def editor(db):
    return staff_user("Editor", email="editor@example.org", full_name="Edie Editor")


@pytest.fixture
def second_editor(db):
    return staff_user("Editor", email="editor2@example.org", full_name="Sam Second")
