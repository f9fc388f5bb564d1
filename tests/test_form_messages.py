"""Every form in the Exchange, filled in empty and filled in wrong, answers in its own words.

The walk finds every form class defined under ``exchange`` (the admin's aside), so a new form is
checked the day it is written. Each is posted empty and with values out of range: numbers too
large and too small, text too long, dates that do not exist, choices that are not offered. No
message may be one of Django's defaults ("This field is required.", "Ensure this value is less
than or equal to 12.") nor a database constraint's ("Constraint “visit_has_capacity” is
violated."). The second half posts to the pages whose domain functions refuse, and finds the
refusal on the field it is about.
"""

import datetime
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core import validators
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import constraints
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

import exchange
from exchange.lessons.models import ReflectiveQuestion
from exchange.practice.models import Practice
from exchange.visits import domain as visits
from exchange.visits.models import ProgrammeYear, Visit
from tests.factories import OrganisationFactory, PracticeFactory, UserFactory, staff_user

# --- Django's own messages -----------------------------------------------------------------


def _default_templates():
    """Every message Django writes for a field, a validator, a constraint or an auth form."""
    texts = set()
    modules = [forms.fields, forms.models, models.fields, models.fields.files,
               models.fields.related, models.base]
    for module in modules:
        for value in vars(module).values():
            if inspect.isclass(value):
                texts.update(str(m) for m in getattr(value, "default_error_messages", {}).values())
    for value in vars(validators).values():
        message = getattr(value, "message", None)
        if isinstance(message, str | Promise):
            # One that depends on a number keeps its singular and plural forms aside.
            texts.update([str(message), *getattr(message, "_kw", {}).values()])
    for value in vars(constraints).values():
        message = getattr(value, "default_violation_error_message", None)
        if message:
            texts.add(str(message))
    for form in (auth_forms.AuthenticationForm, auth_forms.SetPasswordForm,
                 auth_forms.PasswordChangeForm, auth_forms.BaseUserCreationForm):
        texts.update(str(m) for m in getattr(form, "error_messages", {}).values())
    return texts - {""}


def _pattern(template):
    """A template such as "Ensure this value is less than or equal to %(limit_value)s." as a
    regular expression that matches it with any value filled in."""
    parts = re.split(r"%\(\w+\)[sdr]|%[sdr]", template)
    return re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)


DEFAULTS = [_pattern(text) for text in _default_templates()]
DATABASE_TEXT = re.compile(r"Constraint [“\"].+[”\"] is violated|violates|IntegrityError|"
                           r"already exists\.|This field cannot be", re.IGNORECASE)


def default_messages(messages):
    return [m for m in messages
            if any(p.fullmatch(m) for p in DEFAULTS) or DATABASE_TEXT.search(m)]


def test_the_list_of_defaults_catches_what_people_used_to_see():
    assert default_messages([
        "This field is required.", "Ensure this value is less than or equal to 12.",
        "Enter a valid date.", "Select a valid choice. x is not one of the available choices.",
        "Enter a whole number.", "Constraint “visit_has_capacity” is violated.",
        "Ensure this value has at most 200 characters (it has 201).",
        "Programme year with this Name already exists."]) == [
        "This field is required.", "Ensure this value is less than or equal to 12.",
        "Enter a valid date.", "Select a valid choice. x is not one of the available choices.",
        "Enter a whole number.", "Constraint “visit_has_capacity” is violated.",
        "Ensure this value has at most 200 characters (it has 201).",
        "Programme year with this Name already exists."]
    assert default_messages(["Enter the number of places, 1000 or fewer"]) == []


# --- Every form -------------------------------------------------------------------------


def _project_forms():
    for module in pkgutil.walk_packages(exchange.__path__, "exchange."):
        if ".migrations" in module.name or ".management" in module.name:
            continue
        importlib.import_module(module.name)
    found, waiting = set(), [forms.BaseForm]
    while waiting:
        for cls in waiting.pop().__subclasses__():
            waiting.append(cls)
            module = cls.__module__
            if module.startswith("exchange.") and ".admin" not in module:
                found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORMS = _project_forms()


def _visit():
    return Visit(key_questions="What did it cost?\nWho ran it?")


def _practice():
    return Practice(proposed_organisation="Testshire Youth Trust", proposed_topics=["Knives"])


def _questions():
    return [ReflectiveQuestion(pk=1, text="What would you do?", audience="officers")]


# How to build the forms that need more than data. A form missing here that cannot be built
# with data alone fails the test: give it a row.
NEEDS = {
    "LearningPointForm": lambda: {"visit": _visit()},
    "AcceptNamesForm": lambda: {"practice": _practice()},
    "PublishForm": lambda: {"practice": _practice()},
    "ReflectionForm": lambda: {"questions": _questions(), "answers": {}},
    "SetPasswordForm": lambda: {"user": _user()},
    "PasswordChangeForm": lambda: {"user": _user()},
    "SignInForm": lambda: {"request": RequestFactory().post("/")},
}


def _user():
    return UserFactory()


def _build(cls, data, files=None):
    kwargs = NEEDS.get(cls.__name__, dict)()
    if cls.__name__ in {"SetPasswordForm", "PasswordChangeForm"}:
        return cls(kwargs.pop("user"), data, files, **kwargs)
    if cls.__name__ == "SignInForm":
        return cls(kwargs.pop("request"), data=data, **kwargs)
    return cls(data=data, files=files, **kwargs)


def _buildable(cls):
    if issubclass(cls, forms.BaseModelForm):
        return getattr(cls._meta, "model", None) is not None
    return True


def _wrong_values(field, name, *, high):
    """A value the field should refuse: too large or too small, too long, not a real date."""
    if isinstance(field, forms.BooleanField):
        return None
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ["999999" if high else "not-a-number"]
    if isinstance(field, forms.MultipleChoiceField):
        return ["not-a-choice"]
    if isinstance(field, forms.ModelChoiceField):
        return "999999" if high else "not-a-number"
    if isinstance(field, forms.ChoiceField):
        return "not-a-choice"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "99999999999" if high else ("-99999999999" if field.min_value is None
                                           else "not a number")
    if isinstance(field, forms.DateTimeField):
        return "2024-02-30T25:61" if high else "0954-01-01T10:00"
    if isinstance(field, forms.DateField):
        return "2024-13-45" if high else "0954-01-01"
    if isinstance(field, forms.EmailField):
        return f"{'a' * 300}@example.org" if high else "not an email"
    if isinstance(field, forms.URLField):
        return f"https://example.org/{'a' * 3000}" if high else "not a web address"
    if isinstance(field, forms.FileField):
        return None
    if isinstance(field, forms.CharField):
        return "x" * ((field.max_length or 100_000) + 1) if high else " "
    return "x"


def _filled_wrong(form_class, *, high):
    form = _build(form_class, {})
    data, files = {}, {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.FileField):
            files[key] = SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")
            continue
        value = _wrong_values(field, name, high=high)
        if value is not None:
            data[key] = value
    return data, files


def _messages(form):
    form.is_valid()
    return [str(message) for problems in form.errors.values() for message in problems]


def test_the_walk_finds_the_forms_of_every_programme():
    names = {cls.__name__ for cls in FORMS}
    assert {"VisitForm", "ApplicationForm", "AboutForm", "CaseStudyForm", "SignUpForm",
            "ReasonForm", "SubscribeForm"} <= names
    assert not any(".admin" in cls.__module__ for cls in FORMS)


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [f for f in FORMS if _buildable(f)],
                         ids=lambda cls: cls.__qualname__)
def test_no_form_shows_a_default_or_database_message(form_class):
    shown = {"empty": _messages(_build(form_class, {}))}
    for high in (True, False):
        data, files = _filled_wrong(form_class, high=high)
        shown["too large" if high else "too small"] = _messages(_build(form_class, data, files))
    found = {case: default_messages(messages) for case, messages in shown.items()}
    assert found == {case: [] for case in shown}, shown


# --- Refusals from the domain land on their fields --------------------------------------


def _error_on(page, field_id):
    """The text of the error message GOV.UK puts above the field ``field_id``."""
    match = re.search(rf'<p id="{field_id}-error" class="govuk-error-message">(.*?)</p>', page,
                      re.DOTALL)
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).replace("Error:", "").strip() if match \
        else None


def _summary_links_to(page, field_id):
    return f'href="#{field_id}"' in page


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org")


@pytest.fixture
def host(db):
    return OrganisationFactory(name="Avon NHS Trust", slug="avon-nhs-trust")


@pytest.fixture
def programme_year(organiser, force):
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(name="This year", starts_on=today - datetime.timedelta(days=9),
                                        ends_on=today + datetime.timedelta(days=300))
    visits.add_member(actor=organiser, programme_year=year, organisation=force)
    return year


def _open_visit(organiser, host, *, min_per_force):
    now = timezone.now()
    visit = visits.create_visit(actor=organiser, data={
        "theme": "Mental health", "title": "Street triage", "host_organisation": host,
        "capacity": 6, "min_per_force": min_per_force,
        "applications_open": now - datetime.timedelta(days=1),
        "applications_close": now + datetime.timedelta(days=10)})
    return visits.change_state(visit=visit, action="open_applications", actor=organiser)


@pytest.fixture
def open_visit(organiser, host, programme_year):
    return _open_visit(organiser, host, min_per_force=2)


@pytest.mark.django_db
def test_a_visit_with_no_places_is_refused_on_the_number_of_places(client, organiser, host,
                                                                    programme_year):
    client.force_login(organiser)
    now = timezone.now()
    response = client.post(reverse("visits:create"), {
        "programme_year": programme_year.pk, "theme": "Custody", "title": "Custody visit",
        "host_organisation": host.pk, "capacity": "0", "min_per_force": "0",
        "applications_open": f"{now:%Y-%m-%dT%H:%M}",
        "applications_close": f"{now - datetime.timedelta(days=1):%Y-%m-%dT%H:%M}"})
    page = response.content.decode()
    assert response.status_code == 200
    assert _error_on(page, "id_capacity") == "Enter the number of places, 1 or more"
    assert _error_on(page, "id_min_per_force") == (
        "Enter the minimum group per visiting force, 1 or more")
    assert _error_on(page, "id_applications_close") == (
        "Enter a closing date and time after applications open")
    assert _summary_links_to(page, "id_capacity")
    assert "is violated" not in page


@pytest.mark.django_db
def test_a_visitor_row_without_a_role_names_which_visitor(client, lead, colleague, member,
                                                          open_visit):
    client.force_login(lead)
    response = client.post(reverse("visits:apply", args=[open_visit.pk]), {
        "visitor_1_email": member.email, "visitor_1_role": "PC",
        "visitor_2_email": colleague.email})
    page = response.content.decode()
    assert _error_on(page, "id_visitor_2_role") == "Enter the role of the second visitor"
    assert _summary_links_to(page, "id_visitor_2_role")


@pytest.mark.django_db
def test_a_refused_visitor_is_shown_on_their_own_row(client, lead, member, outsider,
                                                     open_visit):
    client.force_login(lead)
    response = client.post(reverse("visits:apply", args=[open_visit.pk]), {
        "visitor_1_email": member.email, "visitor_1_role": "PC",
        "visitor_3_email": outsider.email, "visitor_3_role": "PC"})
    page = response.content.decode()
    assert _error_on(page, "id_visitor_3_email").startswith(outsider.email)
    assert _summary_links_to(page, "id_visitor_3_email")


@pytest.mark.django_db
def test_too_small_a_group_is_shown_where_the_next_visitor_goes(client, lead, member, organiser,
                                                                host, programme_year):
    visit = _open_visit(organiser, host, min_per_force=3)
    client.force_login(lead)
    response = client.post(reverse("visits:apply", args=[visit.pk]), {
        "visitor_1_email": member.email, "visitor_1_role": "PC"})
    page = response.content.decode()
    assert _error_on(page, "id_visitor_2_email").startswith("Name at least 3 colleagues")


@pytest.mark.django_db
def test_a_practice_section_refused_by_the_domain_keeps_the_error_on_its_field(client, member):
    practice = PracticeFactory(status="draft", submitted_by=member,
                               organisation=member.memberships.get().organisation)
    client.force_login(member)
    response = client.post(
        reverse("practice:edit-section", args=[practice.pk, "scale"]),
        {"start_year": "2020", "start_month": "13"})
    page = response.content.decode()
    assert _error_on(page, "id_start_month") is None  # the date parts share one message
    assert "Enter the month it started, 12 or fewer" in page
    assert _summary_links_to(page, "id_start_month")
