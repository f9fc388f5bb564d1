"""What every response to a signed-in person needs: no caching, and a session that stays alive."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

# When the session was last renewed (seconds since the epoch), so it is written at most once
# a minute however many pages a person opens.
SESSION_ACTIVE_KEY = "exchange_active_at"
SESSION_RENEW_SECONDS = 60
PRIVATE = "private, no-store"


class SignedInResponseMiddleware:
    """Keep signed-in answers out of every cache, and slide the session while it is used.

    A page for a signed-in person shows their name, their force's confidential work or their
    own downloads: ``private, no-store`` keeps it out of shared caches and off the disk of a
    shared computer. Anonymous public pages are left as they are. The session lasts
    SESSION_COOKIE_AGE from the person's last request, not from signing in, so someone who
    opens a long form near the end of a working day does not lose what they type.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        signed_in = is_signed_in(request)
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            response.headers["Cache-Control"] = PRIVATE
        if signed_in:
            renew_session(request.session)
        return response


def is_signed_in(request):
    # Without a session cookie nobody is signed in; checking first leaves anonymous sessions
    # untouched (reading request.user would load one).
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.session.session_key:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def renew_session(session):
    now = int(time.time())
    if now - session.get(SESSION_ACTIVE_KEY, 0) >= SESSION_RENEW_SECONDS:
        # A changed session is saved with a fresh expiry, in the database and on the cookie.
        session[SESSION_ACTIVE_KEY] = now


@receiver(user_logged_in)
def stamp_new_session(sender, request, user, **kwargs):
    # Signing in saves a fresh session anyway: the next minute's pages need not write it again.
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_ACTIVE_KEY] = int(time.time())
