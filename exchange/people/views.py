"""Account pages: sign-up and verification, sign-in and passwords, profile, tokens, memberships."""

import csv
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db.models import Count, Min
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.common.forms import posted
from exchange.common.pagination import paginate
from exchange.common.permissions import permission_required
from exchange.common.programmes import dashboards, learning_records
from exchange.common.spreadsheets import spreadsheet_safe_row

from . import domain
from .enums import MembershipStatus
from .forms import (
    ApiTokenForm,
    MembershipDecisionForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
    SignInForm,
    SignUpForm,
)
from .models import ApiToken, Membership
from .rules import held_staff_roles

# The raw token lives in the session only until the profile page has shown it once.
SHOW_ONCE_SESSION_KEY = "exchange_new_api_token"


# --- Sign-up and verification ---------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("people:profile")
    form = SignUpForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: _sign_up(form.cleaned_data))
        if done:
            request.session["exchange_sign_up_email"] = form.cleaned_data["email"]
            return redirect("people:sign-up-sent")
    return render(request, "people/sign_up.html", {"form": form})


def _sign_up(data):
    return domain.sign_up(full_name=data["full_name"], email=data["email"],
                          password=data["password1"], job_title=data["job_title"],
                          organisation=data["organisation"])


@require_GET
def sign_up_sent(request):
    email = request.session.get("exchange_sign_up_email", "")
    return render(request, "people/sign_up_sent.html", {"email": email})


@require_http_methods(["GET", "POST"])
def verify_email(request, token):
    # GET only shows a button: link checkers in mail systems open links without a person.
    try:
        domain.read_verification_token(token)
    except ValidationError as error:
        return render(request, "people/verify_email_failed.html",
                      {"reason": error.messages[0]}, status=400)
    if request.method == "GET":
        return render(request, "people/verify_email.html", {"token": token})
    try:
        user, membership = domain.verify_email(token=token)
    except ValidationError as error:
        return render(request, "people/verify_email_failed.html",
                      {"reason": error.messages[0]}, status=400)
    return render(request, "people/verify_email_done.html",
                  {"verified_user": user, "membership": membership})


# --- Sign-in, sign-out and passwords --------------------------------------------------------

class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "people/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "people/password_reset.html"
    success_url = reverse_lazy("people:password-reset-sent")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:profile")

    def form_valid(self, form):
        revoked = ApiToken.objects.for_user(self.request.user).live().count()
        messages.success(self.request, password_changed_message(revoked))
        return super().form_valid(form)


def password_changed_message(revoked_tokens):
    if not revoked_tokens:
        return "Your password has been changed."
    tokens = "API token" if revoked_tokens == 1 else f"{revoked_tokens} API tokens"
    return f"Your password has been changed. We revoked your {tokens}: create a new one " \
           "for anything that still needs one."


# --- Your Exchange: a person's own page, where signing in lands --------------------------------

@permission_required("people.use_account")
@require_GET
def your_exchange(request):
    # Each programme's panel brings its own template and context (programme.py's dashboard),
    # so this app names none of them.
    panels = [{"template": candidate.dashboard.template,
               "context": candidate.dashboard.context(request.user)}
              for candidate in dashboards()]
    return render(request, "people/home.html", {
        "panels": panels, "membership_queue": membership_queue_summary(request.user),
        "pending_memberships": request.user.memberships.filter(status=MembershipStatus.PENDING)
                                                       .select_related("organisation")})


# --- The learning record: what every programme adds, in one place ------------------------------

@dataclass(frozen=True)
class LearningLine:
    """One entry of a person's learning record with the programme it came from."""

    programme: str
    entry: object


def learning_record_of(user):
    """``(lines, total_hours)``: every programme's entries for ``user`` (each programme's
    ``learning_record`` through the registry), newest first, and their CPD hours added up. Each
    programme answers in a fixed number of queries, so the page does too."""
    lines = [LearningLine(programme=record.label, entry=entry)
             for record in learning_records() for entry in record.entries(user)]
    # Stable: entries of the same day keep the programmes' order and their own.
    lines.sort(key=lambda line: line.entry.date, reverse=True)
    total = sum(line.entry.cpd_hours or 0 for line in lines)
    return lines, round(total, 1)


@permission_required("people.use_account")
@require_GET
def learning_record(request):
    lines, total_hours = learning_record_of(request.user)
    page, pages = paginate(request, lines)
    return render(request, "people/learning_record.html", {
        "page": page, "pages": pages, "count": len(lines), "total_hours": total_hours,
        "programmes": [record.label for record in learning_records()]})


@permission_required("people.use_account")
@require_GET
def learning_record_csv(request):
    lines, total_hours = learning_record_of(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="learning-record.csv"'
    writer = csv.writer(response)
    writer.writerow(["Date", "Programme", "Kind", "Title", "CPD hours", "Link"])
    for line in lines:
        entry = line.entry
        writer.writerow(spreadsheet_safe_row([
            entry.date.isoformat(), line.programme, entry.kind, entry.title,
            "" if entry.cpd_hours is None else f"{entry.cpd_hours:g}",
            request.build_absolute_uri(entry.url)]))
    writer.writerow(["Total", "", "", "", f"{total_hours:g}", ""])
    return response


def membership_queue_summary(user):
    """For programme staff: how many memberships wait for a decision, and the oldest's date."""
    if not user.has_perm("people.approve_membership"):
        return None
    return Membership.objects.filter(status=MembershipStatus.PENDING).aggregate(
        count=Count("id"), oldest=Min("created_at"))


# --- Profile and API tokens -----------------------------------------------------------------

@permission_required("people.use_account")
@require_GET
def profile(request):
    return render(request, "people/profile.html", profile_context(request, ApiTokenForm()))


def profile_context(request, token_form):
    user = request.user
    return {
        "memberships": user.memberships.select_related("organisation").order_by("created_at"),
        "staff_roles": held_staff_roles(user),
        "can_approve_memberships": user.has_perm("people.approve_membership"),
        "tokens": ApiToken.objects.for_user(user).live(),
        "token_form": token_form,
        "new_token": request.session.pop(SHOW_ONCE_SESSION_KEY, None),
    }


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    form = ProfileForm(posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        domain.update_profile(user=request.user, full_name=form.cleaned_data["full_name"],
                              job_title=form.cleaned_data["job_title"],
                              review_emails=form.cleaned_data.get("review_emails"))
        messages.success(request, "Your details have been updated.")
        return redirect("people:profile")
    return render(request, "people/profile_edit.html", {"form": form})


@permission_required("people.use_account")
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return render(request, "people/profile.html", profile_context(request, form), status=400)
    _, raw = domain.create_api_token(user=request.user, name=form.cleaned_data["name"])
    request.session[SHOW_ONCE_SESSION_KEY] = raw
    return redirect("people:profile")


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.for_user(request.user).live(), pk=pk)
    if request.method == "POST":
        domain.revoke_api_token(token=token)
        messages.success(request, f"The token '{token.name}' has been revoked.")
        return redirect("people:profile")
    return render(request, "people/token_revoke.html", {"token": token})


# --- Staff: the membership queue ------------------------------------------------------------

ONLY_PROGRAMME_STAFF = ("Only programme staff can decide memberships. If you work for the "
                        "programme, ask an administrator to give you a staff role.")


@permission_required("people.approve_membership", message=ONLY_PROGRAMME_STAFF)
@require_GET
def membership_queue(request):
    pending = (Membership.objects.for_user(request.user)
               .filter(status=MembershipStatus.PENDING)
               .select_related("user", "organisation").order_by("created_at", "id"))
    page, pages = paginate(request, pending)
    return render(request, "people/membership_queue.html", {"page": page, "pages": pages})


@permission_required("people.approve_membership", message=ONLY_PROGRAMME_STAFF)
@require_http_methods(["GET", "POST"])
def membership_decide(request, pk):
    membership = get_object_or_404(
        Membership.objects.for_user(request.user).select_related("user", "organisation"), pk=pk)
    form = MembershipDecisionForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.decide_membership(
            membership=membership, decision=form.cleaned_data["decision"], actor=request.user,
            reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, decision_message(membership, form.cleaned_data["decision"]))
            return redirect("people:membership-queue")
    return render(request, "people/membership_decide.html",
                  {"membership": membership, "form": form})


def decision_message(membership, decision):
    if decision == "approve":
        return f"{membership.user} is now a member of {membership.organisation}. We have emailed them."
    return f"You declined {membership.user}'s membership of {membership.organisation}. " \
           "We have emailed them."
