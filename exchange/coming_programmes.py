"""The programmes announced but not built: each has a place in the navigation and a "coming soon"
page (``common:coming-<key>``, at ``/<key>/``) until its app exists.

They live here, in the project, because no app of theirs exists to declare them, and ``common``
must not name a programme. The ``PROGRAMME_MODULES`` setting points the registry
(``exchange/common/programmes.py``) here. When a programme's app is built it declares the same
key in its own ``programme.py``; the registry then shows the app's declaration and drops the
"coming soon" page and its URL. The access table then fails on the stale ``common:coming-<key>``
row, so the change that builds the app removes that row and the entry here with it.

None is announced today: events (issue 11) was the last, and its app now declares ``events``.
To announce one, add a ``Programme`` with ``coming_soon`` set.
"""

PROGRAMMES = []
