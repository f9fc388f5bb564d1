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
API_MESSAGE = "The request contains a control character, which is not allowed."


class RefuseControlCharactersMiddleware:
    """A 400 for a path or query string with a control character, or a form or JSON body
    with a NUL or a control character other than tab, CR and LF: JSON under /api/, the
    site's 400 page elsewhere. A body over the upload limit is left to the view, which
    answers it as it always has."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _address_has_control(request) or _body_has_control(request):
            return _refusal(request)
        return self.get_response(request)


def _address_has_control(request):
    if ADDRESS_CONTROL.search(request.path_info):
        return True
    return any(ADDRESS_CONTROL.search(key) or any(ADDRESS_CONTROL.search(v) for v in values)
               for key, values in request.GET.lists())


def _body_has_control(request):
    if request.method in {"GET", "HEAD", "OPTIONS"} or not request.META.get("CONTENT_LENGTH"):
        return False
    if request.content_type in FORM_TYPES:
        # Uploaded files are not text; only the form's fields are checked.
        try:
            fields = request.POST.lists()
        except RequestDataTooBig:
            return False
        return any(BODY_CONTROL.search(key) or any(BODY_CONTROL.search(v) for v in values)
                   for key, values in fields)
    return _json_has_control(request)


def _json_has_control(request):
    try:
        data = json.loads(request.body)
    except RequestDataTooBig:
        return False  # Raised again when the view reads the body, which answers it.
    except ValueError:
        return False  # Not JSON (or not UTF-8): the view refuses it in its own words.
    return _any_text_has_control(data)


def _any_text_has_control(value):
    if isinstance(value, str):
        return BODY_CONTROL.search(value) is not None
    if isinstance(value, dict):
        return any(_any_text_has_control(k) or _any_text_has_control(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_any_text_has_control(item) for item in value)
    return False


def _refusal(request):
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"message": API_MESSAGE}, status=400)
    return render(request, "400.html", status=400)


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
