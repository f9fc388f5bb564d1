"""Organisers run visits: each organisers' page in the access table opens for one.

The table itself (tests/test_access.py) checks the five people; its "staff" person is a
reviewer, who gets 403 on these pages.
"""

import pytest
from django.test import Client

from tests.access import MODEL_BACKEND, answer, request

from .access_rows import ACCESS_ROWS, visit_objects

ORGANISER_PAGES = [(key, case) for key, rows in ACCESS_ROWS.items() for case in rows
                   if case.expected["administrator"] in (200, 201) and case.expected["staff"] == 403
                   and "api" not in key and key != "visits:learning"]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "case"), ORGANISER_PAGES)
def test_an_organiser_may_use_the_staff_pages(key, case, force, member, organiser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    objects = visit_objects(force, member)
    client = Client()
    client.force_login(organiser, backend=MODEL_BACKEND)
    assert answer(request(client, case, case.url(objects))) == 200
