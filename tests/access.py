"""The access table's vocabulary: the five people, expected answers, and a row (``Case``).

tests/test_access.py assembles the one table from its own rows and each programme's
``tests/<app>/access_rows.py``, and checks every URL against it.
"""

from dataclasses import dataclass, field

from django.urls import reverse

PEOPLE = ("anonymous", "member", "other_force_member", "staff", "administrator")
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

# The API's own pages have names; its operations are checked through the OpenAPI schema instead.
API_PAGES = {"api:openapi-json", "api:openapi-view", "api:api-root"}
# The admin's inner pages are Django's own, guarded by the admin site; its index stands for them.
ADMIN_PAGES = {"admin:index"}


class Pk(str):
    """Names one of the objects built for the table; the URL gets that object's primary key."""

    def resolve(self, objects):
        return getattr(objects, self).pk


def expect(anonymous, member, other_force_member, staff, administrator):
    return dict(zip(PEOPLE, (anonymous, member, other_force_member, staff, administrator),
                    strict=True))


EVERYONE = expect(200, 200, 200, 200, 200)
SIGNED_IN = expect(LOGIN, 200, 200, 200, 200)
OWNER_AND_STAFF = expect(LOGIN, 200, 404, 200, 200)
STAFF_ONLY = expect(LOGIN, 403, 403, 200, 200)


@dataclass(frozen=True)
class Case:
    target: tuple  # a URL name and its arguments, or a path with "{}" for Pk arguments
    expected: dict
    label: str = ""
    method: str = "get"
    data: dict = field(default_factory=dict)

    def url(self, objects):
        name, *args = self.target
        # Pk and other named arguments know how to turn the object they name into a URL part.
        args = [arg.resolve(objects) if hasattr(arg, "resolve") else arg for arg in args]
        return name.format(*args) if name.startswith("/") else reverse(name, args=args)


def get(name, *args, expected, label=""):
    return Case((name, *args), expected, label)


def post(name, *args, expected, data=None, label=""):
    return Case((name, *args), expected, label, method="post", data=data or {})


def answer(response):
    """What a person got, in the table's terms."""
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("people:sign-in")):
            return LOGIN
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
    return response.status_code


def request(client, case, url):
    """Make ``case``'s request; the API takes JSON bodies."""
    if case.method == "post" and url.startswith("/api/"):
        return client.post(url, case.data, content_type="application/json")
    return getattr(client, case.method)(url, case.data)
