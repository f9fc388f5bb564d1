"""Decorators for pages only the programme's organisers may use."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from ..rules import can_run_visits


def organiser_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_run_visits(request.user):
            raise PermissionDenied("Only the programme's organisers can use this page.")
        return view(request, *args, **kwargs)

    return wrapper
