"""GOV.UK Design System rendering for every Django form in the Exchange, and its error messages.

Every message a person sees says what to do, in the field's own words. Django's defaults ("This
field is required.", "Ensure this value is less than or equal to 12.") and the database's
("Constraint … is violated.") never reach a page: :class:`GovukFormMixin` words each field's
messages from its label when the form is checked, keeps any message a form wrote itself, and
puts a domain function's refusal (:meth:`GovukFormMixin.add_domain_errors`) on the fields it is
about, so the error summary links to each one. :meth:`GovukFormMixin.carry_out` is how a view
hands a checked form to a domain function.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name
from django.utils.functional import Promise

WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth")
# A label that starts with one of these reads as a phrase after "Enter" or "Select" as it is.
PHRASE_STARTS = ("the ", "a ", "an ", "your ", "any ", "each ", "one ", "some ", "what ", "who ",
                 "how ", "why ", "which ", "when ", "where ", "whether ")


def ordinal(number):
    """``2`` -> ``"second"``: how a message names an item of a repeated group."""
    return ORDINALS[number - 1] if 0 < number <= len(ORDINALS) else f"number {number}"


def in_messages(field, subject):
    """Name ``field`` in its error messages as ``subject`` rather than by its label, e.g.
    ``"the role of the second visitor"`` where six rows share the label "Role". Returns it."""
    field.error_subject = subject
    return field


def subject_of(field, name=""):
    """How messages name the field: "the number of places", "your full name"."""
    subject = getattr(field, "error_subject", None)
    if subject:
        return subject
    label = str(field.label or pretty_name(name) or "this").strip()
    if label.endswith("?") and not label.lower().startswith(PHRASE_STARTS):
        return f"an answer to “{label}”"  # "Did it work?" reads badly after "Select"
    label = label.split(" (")[0].rstrip("?:").strip()  # "Force (kept for editors)" -> "Force"
    # Keep an initialism's capitals ("URL"); otherwise the label continues a sentence.
    words = label if label[1:2].isupper() else label[:1].lower() + label[1:]
    return words if words.lower().startswith(PHRASE_STARTS) else f"the {words}"


def _capital(text):
    return text[:1].upper() + text[1:]


def _invalid(field, subject):
    kinds = [
        (forms.IntegerField, f"Enter {subject} as a whole number, like 12"),
        ((forms.DecimalField, forms.FloatField), f"Enter {subject} as a number, like 12.5"),
        (forms.DateTimeField, f"Enter {subject} as a real date and time"),
        (forms.DateField, f"Enter {subject} as a real date"),
        (forms.TimeField, f"Enter {subject} as a time, like 14:30"),
        (forms.EmailField, f"Enter {subject} in the correct format, like name@example.org"),
        (forms.URLField, f"Enter {subject} as a web address, like https://www.example.org"),
        (forms.FileField, "Select the file again: it did not arrive"),
        ((forms.UUIDField, forms.SlugField, forms.DurationField, forms.JSONField,
          forms.GenericIPAddressField, forms.RegexField), f"Enter {subject} in the correct format"),
    ]
    return next((text for kind, text in kinds if isinstance(field, kind)), None)


def _limits(field):
    """The words after a limit: "12 or fewer", "2026-01-01 or later"."""
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return "earlier", "later"
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return "less", "more"
    return "fewer", "more"


def worded_messages(field, name=""):
    """Every message ``field`` can show, in its own words: required, invalid, the limits, a bad
    choice, and the model's blank, null and unique. Django fills in ``%(name)s`` parameters of
    any message raised with them, so a ``%`` in the label is escaped there."""
    subject = subject_of(field, name)
    escaped = subject.replace("%", "%%")
    choosing = isinstance(field, forms.ChoiceField | forms.BooleanField | forms.FileField)
    required = f"{'Select' if choosing else 'Enter'} {subject}"
    below, above = _limits(field)
    messages = {
        "required": required, "blank": required, "null": required,
        "invalid_choice": f"Select one of the options shown for {escaped}",
        "invalid_list": f"Select one of the options shown for {escaped}",
        "invalid_pk_value": f"Select one of the options shown for {escaped}",
        "unique": f"{_capital(escaped)} is already in use: enter a different one",
        "max_length": f"{_capital(escaped)} must be %(limit_value)d characters or fewer",
        "min_length": f"{_capital(escaped)} must be %(limit_value)d characters or more",
        "max_value": f"Enter {escaped}, %(limit_value)s or {below}",
        "min_value": f"Enter {escaped}, %(limit_value)s or {above}",
        "step_size": f"Enter {escaped} in steps of %(limit_value)s",
        "max_digits": f"Enter {escaped} in %(max)s digits or fewer",
        "max_decimal_places": f"Enter {escaped} with %(max)s decimal places or fewer",
        "max_whole_digits": f"Enter {escaped} with %(max)s digits or fewer before the point",
        "incomplete": f"Enter {subject} in full",
    }
    if isinstance(field, forms.FileField):
        messages.update({
            "max_length": "Rename the file to %(max)d characters or fewer",
            "missing": "Select the file again: it did not arrive",
            "empty": "The selected file is empty: select one with something in it",
            "contradiction": "Select a new file or remove the old one, not both",
            "invalid_image": "Select an image file, like a JPG or PNG"})
    invalid = _invalid(field, escaped)
    if invalid:
        messages["invalid"] = invalid
        messages.update({"invalid_date": invalid, "invalid_datetime": invalid,
                         "invalid_time": invalid})
    return messages


def _django_defaults():
    """Django's own messages, to tell them from those a form wrote for itself."""
    from django.core import validators

    texts = set()
    for module in (forms.fields, forms.models, models.fields, models.fields.files,
                   models.fields.related):
        for value in vars(module).values():
            if isinstance(value, type):
                texts.update(str(m) for m in getattr(value, "default_error_messages", {}).values())
    for value in vars(validators).values():
        if isinstance(getattr(value, "message", None), str | Promise):
            texts.update(_texts_of(value.message))
    return texts - {""}


def _texts_of(message):
    # A message that depends on a number ("at most 1 character", "at most 200 characters")
    # keeps both of its forms aside; as text it is empty until it has the number.
    return {str(message), *getattr(message, "_kw", {}).values()}


_DEFAULTS = []


def is_django_default(message):
    if not _DEFAULTS:
        _DEFAULTS.append(_django_defaults())
    return str(message) in _DEFAULTS[0]


def word_field_messages(field, name=""):
    """Replace the Django defaults among ``field``'s messages; keep those a form wrote."""
    for code, text in worded_messages(field, name).items():
        current = field.error_messages.get(code)
        if current is None or is_django_default(current):
            field.error_messages[code] = text


def posted(request):
    """The submitted data for a form, or None on a GET.

    ``request.POST or None`` treats an empty POST as no submission: a form whose fields are all
    optional (a note) would do nothing when sent empty, and a form of required fields would show
    no "Enter …" errors. A POST is a submission, however empty.
    """
    return request.POST if request.method == "POST" else None


@dataclass(frozen=True)
class RepeatedGroup:
    """How a domain refusal keyed ``<group>.<index>.<part>`` (the index into the items the
    domain was given) finds the form's field ``pattern.format(number=…, part=…)``.

    ``numbers[index]`` is the form's number for that item (empty rows are not sent). An error
    about the whole group goes to ``first_part`` of the first row left empty, where the person
    adds what is missing.
    """

    pattern: str
    numbers: tuple
    first_part: str
    rows: int

    def field_for(self, index=None, part=None):
        if index is None:
            spare = [n for n in range(1, self.rows + 1) if n not in self.numbers]
            number = spare[0] if spare else (self.numbers[0] if self.numbers else 1)
            return self.pattern.format(number=number, part=self.first_part)
        return self.pattern.format(number=self.numbers[index], part=part)


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "common/forms/form.html"
    field_template_name = "common/forms/field.html"


class GovukFormMixin:
    """Adds the GOV.UK classes to widgets and the error class to fields that have errors, words
    every message from the field's label, and places a domain's refusal on its fields."""

    template_name_div = "common/forms/form.html"
    default_renderer = GovukFormRenderer()
    # A domain key that is not a field's name -> the field it is shown on ("start_date" ->
    # "start_day" for a date typed in three boxes).
    domain_error_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next((c for kind, c in WIDGET_CLASSES.items() if type(widget) is kind), None)
            if css is None:
                css = "govuk-input"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        # Worded now rather than in __init__: forms add fields and change labels after it.
        for name, field in self.fields.items():
            word_field_messages(field, name)
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "govuk-checkboxes__input" in widget.attrs.get("class", ""):
                    continue
                if "govuk-radios__input" in widget.attrs.get("class", ""):
                    continue
                base = widget.attrs.get("class", "").split(" ")[0]
                if f"{base}--error" not in widget.attrs["class"]:
                    widget.attrs["class"] += f" {base}--error"
                # Django points aria-describedby at the hint; the error message joins it.
                bound = self[name]
                described = [f"{bound.auto_id}_helptext"] if self.fields[name].help_text else []
                widget.attrs["aria-describedby"] = " ".join([*described, f"{bound.auto_id}-error"])

    def repeated_groups(self):
        """``{group key: RepeatedGroup}`` for forms with rows of the same fields."""
        return {}

    def carry_out(self, action):
        """Run ``action()`` if the form is valid. Returns ``(done, result)``: ``(True, what
        action returned)``, or ``(False, None)`` when the form is invalid (the action never
        runs) or the domain refused with a ``ValidationError``, which goes onto the fields it
        names as :meth:`add_domain_errors` puts it.

        The one path from a form to a domain function, so every form page checks, runs and
        shows a refusal the same way, keeping what was typed.
        """
        if not self.is_valid():
            return False, None
        try:
            result = action()
        except ValidationError as error:
            self.add_domain_errors(error)
            return False, None
        return True, result

    def add_domain_errors(self, error):
        """Show a domain function's ``ValidationError`` on the fields it names, so nothing typed
        is lost and the error summary links to each field; the rest above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for key, problems in error.message_dict.items():
            self.add_error(self._field_for_domain_key(key), problems)

    def _field_for_domain_key(self, key):
        key = self.domain_error_fields.get(key, key)
        if key in self.fields:
            return key
        group, _, rest = key.partition(".")
        repeated = self.repeated_groups().get(group)
        if repeated is not None:
            index, _, part = rest.partition(".")
            try:
                name = repeated.field_for(int(index), part) if index else repeated.field_for()
            except (ValueError, IndexError):
                name = None
            if name in self.fields:
                return name
        return None


class GovukForm(GovukFormMixin, forms.Form):
    pass


def _fields_in(expression):
    """The model fields a constraint's condition names, in the order it names them."""
    if isinstance(expression, models.Q):
        names = []
        for child in expression.children:
            if isinstance(child, tuple):
                names.append(child[0].split("__")[0])
                names.extend(_fields_in(child[1]))
            else:
                names.extend(_fields_in(child))
        return names
    if isinstance(expression, models.F):
        return [expression.name.split("__")[0]]
    return []


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    def _update_errors(self, errors):
        # A broken constraint reaches the form as an error on no field. It belongs on the field
        # its condition names first (capacity for "capacity >= 1", the closing date for "closes
        # after it opens"), so the summary links to what needs changing.
        if not hasattr(errors, "error_dict"):
            errors = forms.ValidationError({NON_FIELD_ERRORS: errors.error_list})
        moved = {}
        for problem in errors.error_dict.get(NON_FIELD_ERRORS, []):
            field = self._constraint_field(problem.message)
            moved.setdefault(field or NON_FIELD_ERRORS, []).append(problem)
        rest = {key: value for key, value in errors.error_dict.items() if key != NON_FIELD_ERRORS}
        for key, problems in moved.items():
            rest.setdefault(key, []).extend(problems)
        super()._update_errors(forms.ValidationError(rest))

    def _constraint_field(self, message):
        for constraint in self._meta.model._meta.constraints:
            if str(constraint.get_violation_error_message()) != str(message):
                continue
            names = list(getattr(constraint, "fields", ()) or ())
            names += _fields_in(getattr(constraint, "condition", None))
            return next((name for name in names if name in self.fields), None)
        return None
