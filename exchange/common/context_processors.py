from django.urls import reverse

from exchange.people.rules import is_editor, is_organiser, is_programme_staff, is_reviewer

PROGRAMMES = [
    ("practice", "Practice bank", "practice:list"),
    ("visits", "Peer learning visits", "visits:list"),
    ("support", "Peer support", "common:coming-support"),
    ("events", "Events and networks", "common:coming-events"),
    ("lessons", "Learning the Lessons", "lessons:archive"),
]


# The staff's own pages, each shown to whoever holds the role that may open it.
STAFF_PAGES = [
    ("Review queue", "practice:review-queue", is_reviewer),
    ("Run visits", "visits:manage", is_organiser),
    ("Edit the Lessons", "lessons:editor", is_editor),
    ("Memberships", "people:membership-queue", is_programme_staff),
]


def navigation(request):
    """The five programmes for the service navigation, with the current one marked."""
    path = request.path
    items = []
    for key, label, url_name in PROGRAMMES:
        href = reverse(url_name)
        items.append({"key": key, "label": label, "href": href,
                      "current": path.startswith(href) and href != "/"})
    user = getattr(request, "user", None)
    staff_links = []
    if user is not None and user.is_authenticated and user.is_staff:
        staff_links = [{"label": label, "href": reverse(name)}
                       for label, name, allowed in STAFF_PAGES if allowed(user)]
    return {"programme_navigation": items, "staff_links": staff_links}
