"""The matching rows of peer support's access table (merged by access_rows.py)."""

ROWS = {}


def add_objects(objects):
    """Adds this area's objects to the shared namespace (which has force, other_force, people,
    topic, member_peer, request and group)."""
