"""Refusing control characters at the boundary, before any view, form or query sees them.

PostgreSQL cannot store a NUL in text, and a NUL or other control character in a search, an
address or a field is never something a person meant to type; the Word and PDF exports refuse
them too. One check here answers the same 400 on both databases, rather than a 500 from
whichever query or export meets the character first.
"""

import json
import re

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render

# In an address or a query string nothing below a space belongs, nor DEL.
ADDRESS_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# In a body, tab, CR and LF are ordinary text (a text area sends CRLF).
BODY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
API_PREFIX = "/api/"


def refusal_message(where):
    """What the person or client reads: what is wrong, and where."""
    return (f"{where} contains a control character (such as a NUL byte), which is not allowed. "
            "Remove it and try again.")


class RefuseControlCharactersMiddleware:
    """A 400 for a path or query string with a control character, or a form or JSON body
    with a NUL or a control character other than tab, CR and LF: JSON under /api/, the
    site's 400 page elsewhere. A body over the upload limit is left to the view, which
    answers it as it always has."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = _address_control(request) or _body_control(request)
        if where:
            return _refusal(request, where)
        return self.get_response(request)


def _address_control(request):
    """Where in the address a control character is ("The address", "The parameter 'q'"), or None."""
    if ADDRESS_CONTROL.search(request.path_info):
        return "The address"
    return _field_control(request.GET.lists(), ADDRESS_CONTROL, "parameter")


def _field_control(fields, pattern, noun):
    for key, values in fields:
        if pattern.search(key) or any(pattern.search(value) for value in values):
            return f"The {noun} '{ADDRESS_CONTROL.sub('?', key)}'"
    return None


def _body_control(request):
    if request.method in {"GET", "HEAD", "OPTIONS"} or not request.META.get("CONTENT_LENGTH"):
        return None
    if request.content_type in FORM_TYPES:
        # Uploaded files are not text; only the form's fields are checked.
        try:
            fields = request.POST.lists()
        except RequestDataTooBig:
            return None
        return _field_control(fields, BODY_CONTROL, "field")
    return _json_control(request)


def _json_control(request):
    try:
        data = json.loads(request.body)
    except RequestDataTooBig:
        return None  # Raised again when the view reads the body, which answers it.
    except ValueError:
        return None  # Not JSON (or not UTF-8): the view refuses it in its own words.
    path = _text_control(data, "")
    if path is None:
        return None
    return f"The field '{path}'" if path else "The request body"


def _text_control(value, path):
    """The dotted path of the first string (or key) holding a control character, or None."""
    if isinstance(value, str):
        return path if BODY_CONTROL.search(value) else None
    items = value.items() if isinstance(value, dict) else (
        enumerate(value) if isinstance(value, list) else ())
    for key, item in items:
        here = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and BODY_CONTROL.search(key):
            return ADDRESS_CONTROL.sub("?", here)
        found = _text_control(item, here)
        if found is not None:
            return found
    return None


def _refusal(request, where):
    message = refusal_message(where)
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"message": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


class ApiNotFoundMiddleware:
    """An address under /api/ that names no operation (``/api/v1/visits/abc``, a mistyped
    path) answers the API's JSON 404, not the site's HTML page: a client parses every API
    answer as JSON, and the operations' own 404s already are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code == 404 and request.path_info.startswith(API_PREFIX)
                and response.get("Content-Type", "").startswith("text/html")):
            return JsonResponse({"message": "Not found."}, status=404)
        return response
