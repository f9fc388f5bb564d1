"""GOV.UK Design System rendering for every Django form in the Exchange."""

from django import forms
from django.forms.renderers import DjangoTemplates

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


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "common/forms/form.html"
    field_template_name = "common/forms/field.html"


class GovukFormMixin:
    """Adds the GOV.UK classes to widgets and the error class to fields that have errors."""

    template_name_div = "common/forms/form.html"
    default_renderer = GovukFormRenderer()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next((c for kind, c in WIDGET_CLASSES.items() if type(widget) is kind), None)
            if css is None:
                css = "govuk-input"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self):
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


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass
