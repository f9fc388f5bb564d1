"""Improvement networks' rows of the access table; tests/test_access.py merges them and
:func:`objects` into the one table (found through the app registry).

Each area keeps its rows in its own module (``access_rows_<area>.py``: ``ROWS`` and
``add_objects``); this module makes the objects the core areas share. Kent's ``member`` belongs
to the open access network and Kent's ``lead`` facilitates it and the closed one, where Essex's
member waits for a decision. The discussion area builds a network of its own.
"""

from types import SimpleNamespace

from . import (
    access_rows_discussion,
    access_rows_meetings,
    access_rows_networks,
    access_rows_proposals,
)

AREAS = [access_rows_networks, access_rows_meetings, access_rows_proposals,
         access_rows_discussion]

ACCESS_ROWS = {name: rows for area in AREAS for name, rows in area.ROWS.items()}


def objects(*, force, other_force, people):
    shared = SimpleNamespace(force=force, other_force=other_force, people=people)
    for area in AREAS:
        area.add_objects(shared)
    return shared
