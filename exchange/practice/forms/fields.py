"""Form fields the practice forms share: radios with a hint per option, and one-per-line lists."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.boundfield import BoundField


class HintedBoundField(BoundField):
    @property
    def hinted_options(self):
        return [(option, self.field.hints.get(option.data["value"], ""))
                for option in self.subwidgets]


class HintedChoiceField(forms.ChoiceField):
    """Radios where each option carries a plain-words hint."""

    bound_field_class = HintedBoundField

    def __init__(self, *, hints, **kwargs):
        self.hints = {str(key): value for key, value in hints.items()}
        kwargs.setdefault("widget", forms.RadioSelect)
        kwargs.setdefault("template_name", "practice/submit/fields/hinted_radios.html")
        super().__init__(**kwargs)


class LinesField(forms.CharField):
    """A textarea where each non-empty line is one item of a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class LinksField(LinesField):
    def validate(self, value):
        super().validate(value)
        check = URLValidator(schemes=["http", "https"])
        for number, link in enumerate(value, start=1):
            try:
                check(link)
            except ValidationError:
                raise ValidationError(
                    f"Line {number} is not a web address: enter it like https://www.example.org"
                ) from None
