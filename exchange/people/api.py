"""API authentication (session or personal token) and the JSON shape of every API error."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth as NinjaSessionAuth

from .domain import user_for_api_token


class ApiError(HttpError):
    """Raise from a handler to answer ``{"message": ...}`` with ``status_code``."""


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


class OptionalAuth(NinjaSessionAuth):
    """Lets anonymous callers through while still reading a session or a Bearer token."""

    def __init__(self):
        super().__init__(csrf=False)
        # Optional auth is no requirement: without this the OpenAPI schema would mark the
        # operation as needing a session cookie. Operations list the real schemes themselves.
        del self.openapi_security_schema

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = user_for_api_token(header.split(" ", 1)[1].strip())
            if user is None:
                raise AuthenticationError()
            request.user = user
            return user
        # Signed in or anonymous, the caller may go on; an AnonymousUser is truthy, which is
        # what django-ninja takes as "authenticated enough".
        return request.user


class SessionAuth(NinjaSessionAuth):
    """The session, CSRF-checked, once there is someone signed in. A caller with no session is
    simply not authenticated (401 with the sign-in message), not refused for a CSRF token it
    could never have had. Named as django-ninja's, which is the scheme's name in the schema."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


BearerOrSession = [BearerToken(), SessionAuth()]
# The OpenAPI "security" of an operation that anyone may call and a token or session widens.
OPTIONAL_SECURITY = {"security": [{}, {"BearerToken": []}, {"SessionAuth": []}]}


def _field_name(loc):
    """``title`` from ninja's ``("body", "payload", "title")``, ``page`` from ``("query", "page")``:
    a client knows its fields, not the handler's parameter names."""
    parts = [str(p) for p in loc[1:]]
    if loc and loc[0] == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or None


def error_handlers(api):
    """Every error the API returns is JSON with a ``message``; validation errors add ``errors``."""

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        errors = [{"field": _field_name(e.get("loc", [])), "message": e.get("msg", "Invalid value")}
                  for e in exc.errors]
        return api.create_response(
            request, {"message": "The request is not valid.", "errors": errors}, status=422)

    @api.exception_handler(ValidationError)
    def domain_validation_error(request, exc):
        if hasattr(exc, "message_dict"):
            errors = [{"field": f, "message": m} for f, ms in exc.message_dict.items() for m in ms]
        else:
            errors = [{"field": None, "message": m} for m in exc.messages]
        return api.create_response(
            request, {"message": "The request is not valid.", "errors": errors}, status=422)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(
            request, {"message": "Sign in, or send a valid API token as 'Authorization: Bearer "
                                 "<token>'."}, status=401)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, {"message": str(exc) or "You do not have permission to do that."}, status=403)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"message": "Not found."}, status=404)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return api.create_response(
            request, {"message": f"The request body is larger than the {limit} bytes allowed."},
            status=413)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, {"message": str(exc)}, status=exc.status_code)
