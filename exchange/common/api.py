"""The API's boundary, the same for every programme: who is calling, how an error looks, how a
list is paged.

A programme's router needs three things from here:

- ``auth``: an operation needs someone signed in unless it says ``**OPEN`` (anyone may call it;
  a session or a token widens what it shows). What a signed-in caller must *hold* is declared
  with ``@permission_required`` (``exchange.common.permissions``), or asked with ``require``
  part-way when only the object tells; never by testing a role.
- ``Error``, the body of every 4xx; the handlers ``add_error_handlers`` installs produce it.
- ``@paginate(PageNumberPagination)`` (or ``FacetedPagination``) on every list operation, which
  returns a queryset (or a ``Faceted``) and declares ``response={200: list[ItemSchema], ...}``;
  django-ninja slices it and answers the one envelope ``ENVELOPE`` describes.

Personal API tokens belong to ``people``, which is built on ``common`` (its models, forms and
domain import it), so ``common`` does not import ``people``. Instead the Bearer scheme asks a
token reader that the project's ``exchange/api.py``, which assembles every app, plugs in with
``read_api_tokens_with(user_for_api_token)``; until then every token is refused.
"""

from dataclasses import dataclass
from math import ceil
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PaginationBase
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth as NinjaSessionAuth

from .pagination import MAX_PAGE
from .permissions import NotSignedIn

SIGN_IN = "Sign in, or send a valid API token as 'Authorization: Bearer <token>'."

MAX_PAGE_SIZE = 100

ENVELOPE = (
    "Every list answers `{\"count\", \"page\", \"page_size\", \"num_pages\", \"items\"}` (and "
    "`facets` where the list has filters to count): `count` items in all, `num_pages` pages of "
    "`page_size` (ask with `?page=` and `?page_size=`, at most "
    f"{MAX_PAGE_SIZE} a page); a page past the last is empty. Every error answers "
    "`{\"message\", \"errors\"}`: `message` says what to do, `errors` lists "
    "`{\"field\", \"message\"}` for each field that is wrong (`field` is null when the request "
    "as a whole is). 401 means sign in or send a token, 403 that your account does not allow "
    "it, 404 that there is nothing there you may see, 413 that the body is too large, and 422 "
    "that the request is not valid."
)


# --- Who is calling -----------------------------------------------------------------------

_token_reader = None


def read_api_tokens_with(reader):
    """Plug in ``reader(raw_token) -> active user or None``; called once by ``exchange/api.py``."""
    global _token_reader
    _token_reader = reader


def _user_for_token(raw):
    return _token_reader(raw) if _token_reader is not None else None


class BearerToken(HttpBearer):
    """A personal API token (``Authorization: Bearer <token>``); no CSRF token needed."""

    def authenticate(self, request, token):
        user = _user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The session, CSRF-checked, once there is someone signed in. A caller with no session is
    simply not authenticated (401 with the sign-in message), not refused for a CSRF token it
    could never have had. Named as django-ninja's, which is the scheme's name in the schema."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


class Anyone(NinjaSessionAuth):
    """Lets anonymous callers through while still reading a session or a Bearer token; a token
    that is not (or no longer) valid is refused, not ignored."""

    def __init__(self):
        super().__init__(csrf=False)
        # Optional auth is no requirement: without this the OpenAPI schema would mark the
        # operation as needing a session cookie. OPEN lists the real schemes instead.
        del self.openapi_security_schema

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = _user_for_token(header.split(" ", 1)[1].strip())
            if user is None:
                raise AuthenticationError()
            request.user = user
            return user
        # Signed in or anonymous, the caller may go on; an AnonymousUser is truthy, which is
        # what django-ninja takes as "authenticated enough".
        return request.user


# The API's default: a token or a signed-in session.
SIGNED_IN = [BearerToken(), SessionAuth()]
# Spread into an operation anyone may call: ``@router.get("", **OPEN, ...)``.
OPEN = {"auth": Anyone(),
        "openapi_extra": {"security": [{}, {"BearerToken": []}, {"SessionAuth": []}]}}


# --- How an error looks -------------------------------------------------------------------


class FieldError(Schema):
    field: str | None = Field(description="The field that is wrong, or null for the request.")
    message: str


class Error(Schema):
    """What every 4xx answer holds."""

    message: str = Field(description="What went wrong and what to do.")
    errors: list[FieldError] = []


def _field_name(loc):
    """``title`` from ninja's ``("body", "payload", "title")``, ``page`` from ``("query", "page")``:
    a client knows its fields, not the handler's parameter names."""
    parts = [str(p) for p in loc[1:]]
    if loc and loc[0] == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or None


def field_errors(error):
    """``[{"field", "message"}]`` from a Django ``ValidationError``, a field's or the whole's."""
    if hasattr(error, "error_dict"):
        return [{"field": None if f == "__all__" else f, "message": m}
                for f, ms in error.message_dict.items() for m in ms]
    return [{"field": None, "message": m} for m in error.messages]


def add_error_handlers(api):
    """Make every error ``api`` answers the JSON ``Error``, never a page or a 500."""

    def answer(request, status, message, errors=()):
        body = {"message": message, **({"errors": list(errors)} if errors else {})}
        return api.create_response(request, body, status=status)

    @api.exception_handler(NinjaValidationError)
    def invalid_request(request, exc):
        return answer(request, 422, "The request is not valid.", [
            {"field": _field_name(e.get("loc", [])), "message": e.get("msg", "Invalid value")}
            for e in exc.errors])

    @api.exception_handler(ValidationError)
    def refused_by_the_domain(request, exc):
        return answer(request, 422, "The request is not valid.", field_errors(exc))

    @api.exception_handler(AuthenticationError)
    @api.exception_handler(NotSignedIn)
    def not_signed_in(request, exc):
        return answer(request, 401, SIGN_IN)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return answer(request, 403, str(exc) or "Your account does not allow this.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, "Not found.")

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return answer(request, 413, f"The request body is larger than the {limit} bytes allowed.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return answer(request, exc.status_code, str(exc))


# --- What an item holds ------------------------------------------------------------------


def absolute_url(context, path):
    """``path`` on this site as a full address, from a resolver's ``context``."""
    return context["request"].build_absolute_uri(path)


class WithPage(Schema):
    """Something with a page on the Exchange; ``url`` is that page's full address."""

    url: str = Field(description="Its page on the Exchange.")

    @staticmethod
    def resolve_url(obj, context):
        return absolute_url(context, obj.get_absolute_url())


# --- How a list is paged ------------------------------------------------------------------


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page; past the last, empty.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items on a page.")


class PageNumberPagination(PaginationBase):
    """``?page=`` and ``?page_size=`` over a queryset, answered as the one list envelope."""

    Input = Paging

    class Output(Schema):
        count: int = Field(description="How many items the whole list holds.")
        page: int = Field(description="The page given.")
        page_size: int = Field(description="The most items a page holds.")
        num_pages: int = Field(description="How many pages the list fills; at least 1.")
        items: list[Any]

    def paginate_queryset(self, queryset, pagination, request, **params):
        page, size = pagination.page, pagination.page_size
        start = (page - 1) * size
        items = list(queryset[start:start + size])
        # A short page is the last one, so it tells the total without counting again.
        ends_here = 0 < len(items) < size or (page == 1 and not items)
        count = start + len(items) if ends_here else self._items_count(queryset)
        return {"count": count, "page": page, "page_size": size,
                "num_pages": max(1, ceil(count / size)), "items": items}


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Faceted:
    """What an operation paged by ``FacetedPagination`` returns: the list and its facets."""

    items: Any
    facets: dict


class FacetedPagination(PageNumberPagination):
    """The envelope with ``facets``: per filter, each value with the items it would give."""

    class Output(PageNumberPagination.Output):
        facets: dict[str, list[FacetValue]] = Field(
            description="Per filter, each value with the number of items it would give.")

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset.items, pagination, request, **params)
        return {**page, "facets": queryset.facets}
