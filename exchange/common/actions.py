"""Running a domain action from a view and telling the person how it went.

Domain functions refuse with a ``ValidationError`` whose messages are written for people. A view
that runs one and then redirects shows either those messages or its own success message on the
next page; :func:`attempt` is that pattern, once.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError


def attempt(request, action, success):
    """Run ``action()`` and queue a message for the next page. Returns whether it worked.

    A ``ValidationError`` becomes one error message (its messages joined); otherwise ``success``
    becomes a success message: text, or a function of what ``action`` returned that gives text.
    """
    try:
        result = action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True
