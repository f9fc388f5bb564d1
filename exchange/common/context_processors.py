from django.urls import reverse

from .programmes import programmes, staff_pages


def navigation(request):
    """The programmes for the service navigation, with the current one marked, and the staff
    pages this person's permissions open (every programme's, from the registry)."""
    path = request.path
    items = []
    for programme in programmes():
        href = reverse(programme.url_name)
        items.append({"key": programme.key, "label": programme.label, "href": href,
                      "current": path.startswith(href) and href != "/"})
    user = getattr(request, "user", None)
    staff_links = []
    if user is not None and user.is_authenticated:
        staff_links = [{"label": page.label, "href": reverse(page.url_name)}
                       for page in staff_pages() if user.has_perm(page.permission)]
    return {"programme_navigation": items, "staff_links": staff_links}
