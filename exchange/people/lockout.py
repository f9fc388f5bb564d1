"""How django-axes counts failed sign-ins: per account and address, and per account overall.

Axes locks an (account, address) pair after ``AXES_FAILURE_LIMIT`` failures. On its own that
lets someone with many addresses guess without end, so the handler below also locks an account
once ``AXES_ACCOUNT_FAILURE_LIMIT`` failures (a higher number) have come from all addresses
together within the cool-off. The overall count is read from the rows axes already writes
rather than kept in the cache: every app server sees the same count without a shared cache,
it expires with the same cool-off, and the admin's and ``axes_reset_username``'s unlock clears
it too. The price is that a determined stranger can keep one account locked; the lockout page
points to a password reset, which does not need a sign-in.
"""

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.db.models import Sum

from .models import canonical_email


def sign_in_account(request, credentials=None):
    """The account an attempt counts against, spelt as sign-in matches it (AXES_USERNAME_CALLABLE).

    Without this, ``Member@…`` and `` member@…`` were separate accounts to axes, each with five
    more tries, while sign-in found the same person for all of them.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = (credentials or getattr(request, "data", request.POST)).get(field)
    return canonical_email(typed) if isinstance(typed, str) else typed


class SignInLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, also locking an account after too many failures from anywhere."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        if self.account_failures(request, credentials) >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
            # Axes compares one number with one limit: report this account as at its limit.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def account_failures(self, request, credentials=None):
        account = get_client_username(request, credentials)
        if not account:
            return 0
        recent = AccessAttempt.objects.filter(
            username=account, attempt_time__gte=get_cool_off_threshold(request))
        return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
