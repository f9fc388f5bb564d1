"""The programmes announced but not built: each has a place in the navigation and a "coming soon"
page (``common:coming-<key>``, at ``/<key>/``) until its app exists.

They live here, in the project, because no app of theirs exists to declare them, and ``common``
must not name a programme. The ``PROGRAMME_MODULES`` setting points the registry
(``exchange/common/programmes.py``) here. When a programme's app is built it declares the same
key in its own ``programme.py``; the registry then shows the app's declaration and drops the
"coming soon" page and its URL. The access table then fails on the stale ``common:coming-<key>``
row, so the change that builds the app removes that row and the entry here with it: events and
networks (issue 11) is the one announced today.
"""

from exchange.common.programmes import Programme

PROGRAMMES = [
    Programme(
        key="events", label="Events and networks", title="Events and improvement networks",
        url_name="common:coming-events", order=40,
        summary="Knowledge sharing events with recordings, and networks of people in similar jobs.",
        coming_soon="Knowledge sharing events with invitations and recordings, and networks of "
                    "people in similar jobs.",
    ),
]
