"""The paging every list shares. (Who may open the editors' pages is the permission
``lessons.edit_lessons``, asked through ``exchange.common.permissions``.)"""

from exchange.common.pagination import paginate


def page_of(request, queryset, size=None):
    """One page of ``queryset`` and the GOV.UK pagination links for it."""
    return paginate(request, queryset, size)
