"""Forms for accounts: sign-up, sign-in, passwords, profile, tokens and membership decisions."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from exchange.common.forms import GovukForm, GovukFormMixin, GovukModelForm, in_messages

from .domain import organisation_for_email, request_password_reset
from .enums import StaffRole
from .models import Organisation, User
from .rules import held_staff_roles


class SignUpForm(GovukForm):
    full_name = forms.CharField(label="Full name", max_length=150,
                                error_messages={"required": "Enter your full name"},
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label="Work email address",
        error_messages={"required": "Enter your work email address",
                        "invalid": "Enter an email address in the correct format, like "
                                   "name@kent.police.uk"},
        help_text="Use your work address: on a force's own domain you become a member straight "
                  "away.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    job_title = forms.CharField(label="Job title", max_length=150, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))
    organisation = forms.ModelChoiceField(
        label="Organisation", required=False, queryset=Organisation.objects.reviewed().order_by("name"),
        empty_label="Choose your organisation",
        help_text="Only needed if we do not recognise your email address. Staff will check "
                  "that you work there before you become a member.")
    password1 = forms.CharField(
        label="Password", strip=False, error_messages={"required": "Enter a password"},
        help_text="At least 10 characters. Avoid common words and your name.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label="Confirm password", strip=False,
        error_messages={"required": "Enter the password again"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and organisation_for_email(email) is None and not cleaned.get("organisation"):
            self.add_error("organisation", "We do not recognise your email address: select your "
                                           "organisation")
        self._check_passwords(cleaned)
        return cleaned

    def _check_passwords(self, cleaned):
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if not password1 or not password2:
            return
        if password1 != password2:
            self.add_error("password2", "The passwords do not match")
            return
        candidate = User(email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or "")
        try:
            password_validation.validate_password(password1, user=candidate)
        except ValidationError as error:
            self.add_error("password1", error)


class SignInForm(GovukFormMixin, auth_forms.AuthenticationForm):
    """Email and password. The email field is called ``username`` because django-axes reads it."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account is closed: ask the Exchange's team to reopen it",
        "unverified": "You need to confirm your email address before you can sign in. Use the "
                      "link we emailed you. If it has expired, sign up again with the same "
                      "address and we will send a new one.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.email_verified_at is None:
            raise ValidationError(self.error_messages["unverified"], code="unverified")


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address in the correct "
                                                        "format, like name@kent.police.uk"},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def save(self, **kwargs):
        # The account lookup and the email happen in a background task, so the answer takes the
        # same time whether or not the address has an account. The link leaves through the outbox.
        request_password_reset(email=self.cleaned_data["email"])


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": "The passwords do not match: enter the same new "
                                           "password twice"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_messages(self.fields["new_password2"], "the new password again")


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    error_messages = {
        **SetPasswordForm.error_messages,
        "password_incorrect": "Your current password is not right: enter it again",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_messages(self.fields["old_password"], "your current password")
        in_messages(self.fields["new_password2"], "the new password again")


class ProfileForm(GovukModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title", "review_emails"]
        labels = {"full_name": "Full name", "job_title": "Job title",
                  "review_emails": "How should we tell you about entries sent for review?"}
        widgets = {"review_emails": forms.RadioSelect}
        error_messages = {"full_name": {"required": "Enter your full name"},
                          "review_emails": {"required": "Choose how we tell you about entries "
                                                        "sent for review"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only those holding the reviewer role are emailed about submissions, so only they
        # are asked how.
        if self.instance.pk is None or (
                StaffRole.REVIEWER.label not in held_staff_roles(self.instance)):
            del self.fields["review_emails"]
            return
        # One option is always ticked on the page; a post without it keeps the choice made.
        self.fields["review_emails"].required = False
        self.fields["review_emails"].needed_in_group = True


class ApiTokenForm(GovukForm):
    name = forms.CharField(label="Token name", max_length=100,
                           error_messages={"required": "Enter a name for the token"},
                           help_text="Say what will use it, for example 'Force intranet feed'.")


class MembershipDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision", widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or decline"},
        choices=[("approve", "Approve: they work there"), ("decline", "Decline")])
    reason = forms.CharField(
        label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="We include this in the email to the person. Give one if you decline.")
