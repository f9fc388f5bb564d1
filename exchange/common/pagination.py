"""Paging a list the GOV.UK way: one page of rows and the pagination component's links.

Every list uses :func:`paginate` and renders ``common/includes/pagination.html`` with the
``pages`` it returns; the links keep the list's other query parameters (search, filters, sort).
"""

from django.conf import settings
from django.core.paginator import Paginator

# The highest ?page= an API list accepts: past a million rows at the largest page size, and far
# below the offsets (about 2**63) at which a database refuses the query with a 500.
MAX_PAGE = 100_000


def paginate(request, queryset, per_page=None):
    """``(page, pages)``: the page asked for in ``?page=`` (the last one if past the end) and its
    links, or ``None`` for the links when everything fits on one page."""
    paginator = Paginator(queryset, per_page or settings.EXCHANGE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return page, page_links(request.GET, page.number, paginator.num_pages)


def page_links(params, number, num_pages):
    """The first and last pages, the current one and its neighbours, with ellipses between."""
    if num_pages <= 1:
        return None
    shown = sorted({1, num_pages, number - 1, number, number + 1} & set(range(1, num_pages + 1)))
    items, previous = [], 0
    for n in shown:
        if n - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": n, "href": _href(params, n), "current": n == number})
        previous = n
    return {"items": items,
            "previous": _href(params, number - 1) if number > 1 else None,
            "next": _href(params, number + 1) if number < num_pages else None}


def _href(params, number):
    params = params.copy()
    params["page"] = str(number)
    if number == 1:
        params.pop("page")
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
