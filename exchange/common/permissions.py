"""How a view or an API operation says what it needs: one decorator, over `rules` permissions.

Every app declares its permissions in its own ``rules.py`` (``rules.add_perm("practice.review",
is_reviewer)``); a view or an operation names the one it needs::

    @permission_required("practice.review_practice")
    def queue(request): ...

    @permission_required("visits.change_visit", fn=lambda request, pk: get_object_or_404(Visit, pk=pk))
    def edit(request, pk): ...

Nobody who is refused learns more than they need: a person who is not signed in is sent to sign
in (a page) or gets 401 (the API); a signed-in person gets 403 with ``message``. Code never asks
``is_staff`` or queries groups to decide a role; it asks a permission or a predicate.
"""

from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

API_PREFIX = "/api/"


class NotSignedIn(PermissionDenied):
    """Raised for an API operation that needs a signed-in person; the API answers 401."""


def allows(user, perm, obj=None):
    """Whether ``user`` holds ``perm`` (on ``obj``), as the app's ``rules.py`` says.

    Asked of `rules` rather than ``user.has_perm``, which answers yes to a superuser for
    anything: an administrator holds every staff role through ``is_administrator``, but an
    object's state still binds them (nobody edits a published entry in place). A permission
    `rules` does not know is left to Django's backends.
    """
    if user.is_authenticated and not user.is_active:
        return False
    if rules.perm_exists(perm):
        return rules.has_perm(perm, user, obj)
    return user.has_perm(perm, obj)


def permission_required(perm, fn=None, *, message="Your account does not allow this."):
    """Decorate a view or API operation so it runs only for people who hold ``perm``.

    ``fn(request, *args, **kwargs)`` returns the object the permission is asked about (object
    level, as `rules` predicates take it); without it the permission is asked about no object.
    """
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            obj = fn(request, *args, **kwargs) if fn is not None else None
            if allows(request.user, perm, obj):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                if request.path.startswith(API_PREFIX):
                    raise NotSignedIn("Sign in, or send an API token, to use this operation.")
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(message)

        wrapper.required_permission = perm
        return wrapper

    return decorator


def require(user, perm, obj=None, *, message="Your account does not allow this.", hide=False):
    """Raise ``PermissionDenied`` unless ``user`` holds ``perm`` (on ``obj``).

    For checks that can only be made part-way through a view or operation, once the object is
    known; prefer :func:`permission_required` where the object can be found up front. With
    ``hide`` the refusal is a 404, for an object whose existence the person should not learn.
    """
    if allows(user, perm, obj):
        return
    if hide:
        raise Http404(message)
    raise PermissionDenied(message)
