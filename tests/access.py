"""The access table's vocabulary: the nine people, their expected answers, and a row (``Case``).

tests/test_access.py assembles the one table from its own rows and each programme's
``tests/<app>/access_rows.py``, builds the people and objects once, and checks every URL
against it.

The people, chosen so each rule has someone on either side of it:

- ``anonymous``: not signed in;
- ``member``: a member of Kent Police who owns the owned objects (the practice they submitted,
  their place on a visit, their API token, their theme proposal);
- ``colleague``: another member of Kent Police, who owns nothing here;
- ``lead``: Kent Police's organisation lead, who acts for the owner's force;
- ``other_force_member``: a member of Essex Police;
- ``reviewer``, ``editor``, ``organiser``: programme staff with one role each, and no force;
- ``administrator``: may do everything.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from exchange.people.enums import MembershipRole
from exchange.people.models import Organisation
from tests.factories import member_of, staff_user

PEOPLE = ("anonymous", "member", "colleague", "lead", "other_force_member", "reviewer", "editor",
          "organiser", "administrator")
# Names for the people who usually get the same answer; ``expect`` and ``only`` take them.
GROUPS = {
    "signed_in": PEOPLE[1:],
    "members": ("member", "colleague", "lead", "other_force_member"),
    "owner_force": ("member", "lead"),
    "reviewers": ("reviewer", "administrator"),
    "editors": ("editor", "administrator"),
    "organisers": ("organiser", "administrator"),
    "programme_staff": ("reviewer", "editor", "organiser", "administrator"),
}
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The answers that mean "it was done": a page, a created resource, or a redirect onwards.
DONE = {200, 201, 204, 302}

# The API's own pages have names; its operations are checked through the OpenAPI schema instead.
API_PAGES = {"api:openapi-json", "api:openapi-view", "api:api-root"}
# The admin's inner pages are Django's own, guarded by the admin site; its index stands for them.
ADMIN_PAGES = {"admin:index"}


class Pk(str):
    """Names one of the objects built for the table; the URL gets that object's primary key."""

    def resolve(self, objects):
        return getattr(objects, self).pk


def expect(default, /, **answers):
    """Nine answers: ``default`` for everyone, then each group's and each person's own.

    ``expect(403, anonymous=LOGIN, reviewers=200)``: reviewers and administrators get the page,
    anyone else signed in is refused, and someone not signed in is sent to sign in. A person
    named on their own wins over a group they are in.
    """
    unknown = answers.keys() - set(PEOPLE) - GROUPS.keys()
    assert not unknown, f"Not a person or group of the access table: {sorted(unknown)}"
    table = dict.fromkeys(PEOPLE, default)
    for name, value in answers.items():
        if name in GROUPS:
            table.update(dict.fromkeys(GROUPS[name], value))
    table.update({name: value for name, value in answers.items() if name in PEOPLE})
    return table


def only(*who, answer=200, others=403, anonymous=LOGIN):
    """``answer`` for the people and groups named, ``others`` for the rest of the signed-in,
    ``anonymous`` for someone not signed in (unless named)."""
    return expect(others, anonymous=anonymous, **dict.fromkeys(who, answer))


EVERYONE = expect(200)
SIGNED_IN = expect(200, anonymous=LOGIN)
REVIEWERS = only("reviewers")
EDITORS = only("editors")
ORGANISERS = only("organisers")
PROGRAMME_STAFF = only("programme_staff")


@dataclass(frozen=True)
class Case:
    target: tuple  # a URL name and its arguments, or a path with "{}" for Pk arguments
    expected: dict
    label: str = ""
    method: str = "get"
    data: dict = field(default_factory=dict)
    # For a state-changing request: done(objects) says, from the database, whether it happened.
    # It must be true after a person whose answer is in DONE, and false after anyone refused;
    # ``done_by`` names the people (or groups) it happens for when that is not so.
    done: object = None
    done_by: tuple = ()

    def should_be_done(self, person):
        if self.done_by:
            return expect(False, **dict.fromkeys(self.done_by, True))[person]
        return self.expected[person] in DONE

    def url(self, objects):
        name, *args = self.target
        # Pk and other named arguments know how to turn the object they name into a URL part.
        args = [arg.resolve(objects) if hasattr(arg, "resolve") else arg for arg in args]
        return name.format(*args) if name.startswith("/") else reverse(name, args=args)


def get(name, *args, expected, label=""):
    return Case((name, *args), expected, label)


def post(name, *args, expected, data=None, label="", done=None, done_by=()):
    return Case((name, *args), expected, label, method="post", data=data or {}, done=done,
                done_by=done_by)


def fresh(obj):
    """``obj`` as the database has it now (None once deleted)."""
    return type(obj).objects.filter(pk=obj.pk).first()


def error_summary(response):
    """The GOV.UK error summary's text on a page that refused a form, for a failure message."""
    content = response.content.decode(errors="replace") if response.get(
        "Content-Type", "").startswith("text/html") else ""
    start = content.find("govuk-error-summary")
    if start < 0:
        return ""
    text = re.sub(r"<[^>]+>", " ", content[start:start + 3000].split("</div>\n</div>")[0])
    return " (the page says: " + " ".join(text.split())[:400] + ")"


def answer(response):
    """What a person got, in the table's terms."""
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("people:sign-in")):
            return LOGIN
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
    return response.status_code


def request(client, case, url, objects=None):
    """Make ``case``'s request; the API takes JSON bodies. A Pk in the data becomes that
    object's primary key."""
    data = case.data(objects) if callable(case.data) else case.data
    data = {name: value.resolve(objects) if hasattr(value, "resolve") else value
            for name, value in data.items()}
    if case.method in {"post", "put", "patch"} and url.startswith("/api/"):
        return getattr(client, case.method)(url, data, content_type="application/json")
    return getattr(client, case.method)(url, data)


def force_named(slug, name, domain, region):
    # The data migration ships the real forces; browser tests flush them, so create if missing.
    organisation, _ = Organisation.objects.update_or_create(slug=slug, defaults={
        "name": name, "type": "territorial_police", "region": region, "email_domains": [domain]})
    return organisation


def access_people():
    """The nine people (anonymous is None), with the owner's force and the other force."""
    force = force_named("kent-police", "Kent Police", "kent.police.uk", "south_east")
    other_force = force_named("essex-police", "Essex Police", "essex.police.uk", "eastern")
    people = {
        "anonymous": None,
        "member": member_of(force, email="member@kent.police.uk", full_name="Morgan Member"),
        "colleague": member_of(force, email="colleague@kent.police.uk",
                               full_name="Casey Colleague"),
        "lead": member_of(force, role=MembershipRole.LEAD, email="lead@kent.police.uk",
                          full_name="Lee Lead"),
        "other_force_member": member_of(other_force, email="member@essex.police.uk",
                                        full_name="Oakley Outsider"),
        "reviewer": staff_user("Reviewer", email="reviewer@example.org", full_name="Riley Reviewer"),
        "editor": staff_user("Editor", email="editor@example.org", full_name="Edie Editor"),
        "organiser": staff_user("Organiser", email="organiser@example.org",
                                full_name="Orla Organiser"),
        "administrator": staff_user("Administrator", email="admin@example.org",
                                    full_name="Ada Admin", is_superuser=True),
    }
    return force, other_force, people


def days(n):
    return timezone.now() + datetime.timedelta(days=n)
