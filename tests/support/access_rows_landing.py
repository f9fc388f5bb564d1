"""The landing rows of peer support's access table (merged by access_rows.py).

The landing page is the programme's public front door: everyone gets it, and what it offers
each person is tested in test_landing.py."""

from tests.access import EVERYONE, get

ROWS = {
    "support:landing": [get("support:landing", expected=EVERYONE)],
}


def add_objects(objects):
    """Adds this area's objects to the shared namespace (which has force, other_force, people,
    topic, member_peer, request and group). The landing page needs none of its own."""
