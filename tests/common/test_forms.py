"""The GOV.UK form kit: messages worded from the field, and a domain's refusal on its fields."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from exchange.common.forms import GovukForm, RepeatedGroup, in_messages, ordinal, subject_of
from exchange.visits.forms import ProgrammeYearForm


class PlacesForm(GovukForm):
    places = forms.IntegerField(label="Number of places", min_value=1, max_value=12)
    venue = forms.CharField(label="Venue", max_length=10, required=False)
    when = forms.DateField(label="Date of the visit")
    kind = forms.ChoiceField(label="Type of visit", choices=[("day", "A day")])
    note = forms.CharField(label="Note", error_messages={"required": "Say why"})


class RowsForm(GovukForm):
    visitor_1_role = in_messages(forms.CharField(label="Role", required=False),
                                 "the role of the first visitor")
    visitor_2_role = in_messages(forms.CharField(label="Role", required=False),
                                 "the role of the second visitor")
    visitor_1_email = forms.CharField(label="Email address", required=False)
    visitor_2_email = forms.CharField(label="Email address", required=False)
    title = forms.CharField(label="Title", required=False)
    domain_error_fields = {"name": "title"}

    def repeated_groups(self):
        return {"visitors": RepeatedGroup(pattern="visitor_{number}_{part}", numbers=(2,),
                                          first_part="email", rows=2)}


def errors_of(form):
    form.is_valid()
    return {name: list(problems) for name, problems in form.errors.items()}


def test_empty_fields_ask_for_what_is_missing_in_the_fields_words():
    assert errors_of(PlacesForm({})) == {
        "places": ["Enter the number of places"], "when": ["Enter the date of the visit"],
        "kind": ["Select the type of visit"], "note": ["Say why"]}


def test_values_out_of_range_say_the_limit_and_what_to_do():
    form = PlacesForm({"places": "13", "venue": "x" * 11, "when": "2024-13-45", "kind": "night",
                       "note": "n"})
    assert errors_of(form) == {
        "places": ["Enter the number of places, 12 or fewer"],
        "venue": ["The venue must be 10 characters or fewer"],
        "when": ["Enter the date of the visit as a real date"],
        "kind": ["Select one of the options shown for the type of visit"]}
    assert errors_of(PlacesForm({"places": "0"}))["places"] == [
        "Enter the number of places, 1 or more"]
    assert errors_of(PlacesForm({"places": "two"}))["places"] == [
        "Enter the number of places as a whole number, like 12"]


def test_a_message_the_form_wrote_is_kept_and_a_label_changed_later_is_used():
    form = PlacesForm({})
    form.fields["places"].label = "Seats on the coach"
    assert errors_of(form)["places"] == ["Enter the seats on the coach"]
    assert errors_of(form)["note"] == ["Say why"]


@pytest.mark.parametrize(("label", "subject"), [
    ("Title", "the title"), ("Your name", "your name"), ("URL of the report", "the URL of the report"),
    ("What needs to change?", "what needs to change"), ("Did it work?", "an answer to “Did it work?”"),
    ("Force (kept for editors)", "the force")])
def test_the_subject_of_a_message_comes_from_the_label(label, subject):
    assert subject_of(forms.CharField(label=label)) == subject


def test_ordinals_name_the_item_of_a_group():
    assert [ordinal(n) for n in (1, 2, 6)] == ["first", "second", "sixth"]
    assert ordinal(13) == "number 13"


def test_a_domain_refusal_keyed_by_field_lands_on_that_field():
    form = RowsForm({})
    form.is_valid()
    form.add_domain_errors(ValidationError({"title": "Enter a shorter title",
                                            "name": ["Choose another name"],
                                            "unknown": "Something about the whole form"}))
    assert form.errors == {"title": ["Enter a shorter title", "Choose another name"],
                           "__all__": ["Something about the whole form"]}


def test_a_domain_refusal_without_fields_goes_above_the_form():
    form = RowsForm({})
    form.is_valid()
    form.add_domain_errors(ValidationError(["The window has closed.", "Try next year."]))
    assert form.non_field_errors() == ["The window has closed.", "Try next year."]


def test_a_refusal_about_an_item_of_a_group_lands_on_that_items_row():
    form = RowsForm({"visitor_2_role": "PC"})
    form.is_valid()
    # The domain was given one visitor (index 0): the form's second row.
    form.add_domain_errors(ValidationError({"visitors.0.role": "Enter a real role",
                                            "visitors": "Name at least 2 colleagues"}))
    assert form.errors == {"visitor_2_role": ["Enter a real role"],
                           "visitor_1_email": ["Name at least 2 colleagues"]}


def test_carry_out_runs_the_action_on_a_valid_form_and_gives_back_its_result():
    form = RowsForm({"title": "Lessons"})
    done, result = form.carry_out(lambda: f"saved {form.cleaned_data['title']}")
    assert (done, result) == (True, "saved Lessons")
    assert form.errors == {}


def test_carry_out_puts_a_refusal_about_a_field_on_that_field():
    form = RowsForm({"title": "Lessons"})

    def refuse():
        raise ValidationError({"name": "Choose another name"})

    assert form.carry_out(refuse) == (False, None)
    assert form.errors == {"title": ["Choose another name"]}


def test_carry_out_puts_a_refusal_about_no_field_above_the_form():
    form = RowsForm({"title": "Lessons"})

    def refuse():
        raise ValidationError("The window has closed.")

    assert form.carry_out(refuse) == (False, None)
    assert form.non_field_errors() == ["The window has closed."]
    assert list(form.errors) == ["__all__"]


def test_carry_out_never_runs_the_action_on_an_invalid_or_unbound_form():
    ran = []
    form = PlacesForm({"places": "13"})
    assert form.carry_out(lambda: ran.append("invalid")) == (False, None)
    assert form.errors["places"] == ["Enter the number of places, 12 or fewer"]
    assert PlacesForm().carry_out(lambda: ran.append("unbound")) == (False, None)
    assert ran == []


@pytest.mark.django_db
def test_a_broken_constraint_is_shown_on_the_field_it_names_in_its_own_words():
    form = ProgrammeYearForm({"name": "2030 to 2031", "starts_on": "2030-04-01",
                              "ends_on": "2030-03-01"})
    assert errors_of(form) == {"ends_on": ["Enter an end date after the start date"]}


def test_labels_say_optional_only_on_optional_fields():
    page = str(PlacesForm())
    assert "Venue (optional)" in page
    assert "Number of places (optional)" not in page and "Number of places" in page
    rows = RowsForm()
    rows.fields["visitor_1_email"].needed_in_group = True
    page = str(rows)
    assert page.count("Email address (optional)") == 1
    assert page.count("Role (optional)") == 2
