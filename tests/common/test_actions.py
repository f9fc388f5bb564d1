"""attempt(): a domain action's refusal or success becomes the message on the next page."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from exchange.common.actions import attempt


def request_with_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def shown(request):
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_success_shows_the_text_or_what_the_function_makes_of_the_result():
    request = request_with_messages()
    assert attempt(request, lambda: 3, "Saved.") is True
    assert attempt(request, lambda: 3, lambda count: f"Sent to {count} visitors.") is True
    assert shown(request) == [("success", "Saved."), ("success", "Sent to 3 visitors.")]


def test_a_refusal_shows_every_message_and_no_success():
    request = request_with_messages()

    def refuse():
        raise ValidationError(["The window has closed.", "Ask the organiser."])

    assert attempt(request, refuse, "Saved.") is False
    assert shown(request) == [("error", "The window has closed. Ask the organiser.")]


def test_other_errors_are_not_swallowed():
    request = request_with_messages()
    # A programming error must reach the error page, not become a message.
    with pytest.raises(ZeroDivisionError):
        attempt(request, lambda: 1 / 0, "Saved.")
    assert shown(request) == []
