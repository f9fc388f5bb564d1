"""Finding the call or application a page is about, as the person may see it (404 if not)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from ..models import BudgetLine, GrantApplication, GrantCall


def visible_call(request, slug, *args, **kwargs):
    """The call ``slug`` if the person may see it (a draft only for organisers), else 404."""
    cached = getattr(request, "_grant_call", None)
    if cached is None or cached.slug != slug:
        cached = get_object_or_404(GrantCall.objects.for_user(request.user).select_related(
            "programme_year"), slug=slug)
        request._grant_call = cached
    return cached


def visible_application(request, pk, *args, **kwargs):
    """The application ``pk`` if the person may see it (404 if not); None for someone not
    signed in, whom the permission check sends to sign in."""
    if not request.user.is_authenticated:
        return None
    cached = getattr(request, "_grant_application", None)
    if cached is None or cached.pk != pk:
        cached = get_object_or_404(
            GrantApplication.objects.for_user(request.user)
            .select_related("call__programme_year", "organisation", "created_by", "decided_by")
            .prefetch_related(Prefetch("budget_lines", queryset=BudgetLine.objects.order_by(
                "position", "id"))), pk=pk)
        request._grant_application = cached
    return cached
