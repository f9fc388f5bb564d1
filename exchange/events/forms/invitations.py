"""The form for subscribing to invitations to future events."""

from django import forms

from exchange.common.forms import GovukForm
from exchange.common.models import Topic


class InvitationSubscribeForm(GovukForm):
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address like name@example.org"})
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Topics you want to hear about",
        help_text="Choose none to be invited to every event.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
