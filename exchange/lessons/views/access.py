"""Who may open the editors' pages, and the paging every list shares."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from exchange.common.pagination import paginate
from exchange.people.rules import is_editor


def editor_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("Only Learning the Lessons editors can open this page.")
        return view(request, *args, **kwargs)

    return wrapper


def page_of(request, queryset, size=None):
    """One page of ``queryset`` and the GOV.UK pagination links for it."""
    return paginate(request, queryset, size)
