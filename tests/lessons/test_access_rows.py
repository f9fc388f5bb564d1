"""Editors edit Learning the Lessons: each editors' page in the access table opens for one.

The table itself (tests/test_access.py) checks the five people; its "staff" person is a
reviewer, who is not an editor and gets 403 on these pages.
"""

import pytest
from django.test import Client

from tests.access import MODEL_BACKEND, answer, request
from tests.lessons.access_rows import ACCESS_ROWS, lessons_objects

EDITOR_PAGES = [(key, case) for key, rows in ACCESS_ROWS.items() for case in rows
                if case.expected["staff"] == 403 and case.expected["administrator"] in (200, 302)
                and "api" not in key]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "case"), EDITOR_PAGES)
def test_an_editor_may_use_the_editors_pages(key, case, member, editor):
    objects = lessons_objects(member=member)
    client = Client()
    client.force_login(editor, backend=MODEL_BACKEND)
    assert answer(request(client, case, case.url(objects))) == case.expected["administrator"]
