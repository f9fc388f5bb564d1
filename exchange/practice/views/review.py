"""Reviewing practice: the queue, the review page and the decisions a reviewer takes."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from exchange.common.models import Activity
from exchange.common.permissions import permission_required

from .. import domain
from ..enums import PracticeStatus
from ..forms import (
    QUEUE_STATES,
    SECTIONS_BY_SLUG,
    AcceptNamesForm,
    CommentForm,
    ConfirmForm,
    PublishForm,
    QueueFilterForm,
    ReasonForm,
    RequestChangesForm,
    changed_rows,
)
from ..models import Practice
from .submit import answers_of, page_of

NOT_FOR_COMMENT = {PracticeStatus.DRAFT, PracticeStatus.MERGED}
ONLY_REVIEWERS = ("Only reviewers can see this page. If you review practice, ask an "
                  "administrator to add you to the reviewers.")


@dataclass(frozen=True)
class ReviewAction:
    """One decision on the review page: what it is called, what it asks for, what it does."""

    slug: str
    transition: str | None  # the state-machine action; None for a plain comment
    title: str
    button: str
    form_class: type
    perform: object
    done: str
    explanation: str = ""
    warning: bool = False
    form_kwargs: dict = field(default_factory=dict)
    # For an action that is not a transition: when it may be taken, and whether its form
    # is built from the entry.
    condition: object = None
    form_needs_practice: bool = False

    def allowed(self, practice):
        if self.condition is not None:
            return self.condition(practice)
        if self.transition is None:
            return practice.status not in NOT_FOR_COMMENT
        return self.transition in domain.STATES.allowed_actions(practice)


ACTIONS = {action.slug: action for action in [
    ReviewAction(
        "start-review", "start_review", "Assign this entry to yourself", "Assign to me",
        ConfirmForm, lambda p, user, data: domain.start_review(practice=p, reviewer=user),
        "You are now reviewing “{title}”.",
        "Other reviewers will see that you are reviewing it."),
    ReviewAction(
        "comment", None, "Add a comment", "Add comment", CommentForm,
        lambda p, user, data: domain.add_comment(
            practice=p, author=user, body=data["body"],
            to_submitter=data["audience"] == "submitter"),
        "Your comment has been added."),
    ReviewAction(
        "request-changes", "request_changes", "Ask for changes", "Ask for changes",
        RequestChangesForm,
        lambda p, user, data: domain.request_changes(practice=p, actor=user,
                                                     comment=data["comment"]),
        "You have asked for changes to “{title}”. We have emailed the submitter to make them.",
        "The entry goes back to its submitter, who can change it and send it again."),
    ReviewAction(
        "publish", "publish", "Publish this entry", "Publish", PublishForm,
        lambda p, user, data: domain.publish(practice=p, actor=user, note=data["note"],
                                             label=data["label"],
                                             label_reason=data["label_reason"]),
        "“{title}” is published. We have emailed the submitter.",
        "It will appear in the practice bank straight away, and the submitter is emailed.",
        form_needs_practice=True),
    ReviewAction(
        "decline", "decline", "Decline this entry", "Decline", ReasonForm,
        lambda p, user, data: domain.decline(practice=p, actor=user, reason=data["reason"]),
        "“{title}” has been declined. We have emailed the submitter the reason.",
        "It will not be published. The submitter is emailed your reason.", warning=True,
        form_kwargs={"reason_help": "The submitter is emailed this.",
                     "reason_required_message": "Give the reason for declining"}),
    ReviewAction(
        "accept-names", None, "Add names this submission proposed", "Add the names ticked",
        AcceptNamesForm,
        lambda p, user, data: domain.accept_proposed_names(
            practice=p, actor=user, organisation="organisation" in data["names"],
            topics=[n.removeprefix("topic:") for n in data["names"] if n.startswith("topic:")]),
        "The names you chose are now on the Exchange and linked to “{title}”.",
        "The submitter named these, and the Exchange does not know them yet. Check each is "
        "real and spelt as its owners spell it: once added, an organisation can be chosen when "
        "signing up and a topic can appear in public lists.",
        condition=lambda p: p.status in domain.ACCEPTING_STATES and bool(
            p.proposed_organisation or p.proposed_topics),
        form_needs_practice=True),
    ReviewAction(
        "withdraw", "withdraw", "Withdraw this entry", "Withdraw", ReasonForm,
        lambda p, user, data: domain.withdraw(practice=p, actor=user, reason=data["reason"]),
        "“{title}” has been withdrawn from the practice bank.",
        "It is taken off the practice bank at once. The submitter is emailed your reason.",
        warning=True,
        form_kwargs={"reason_help": "The submitter is emailed this.",
                     "reason_required_message": "Give the reason for withdrawing"}),
]}


def _entry(pk):
    return get_object_or_404(
        Practice.objects.select_related("organisation", "submitted_by", "reviewer",
                                        "revision_of"), pk=pk)


@permission_required("practice.review_practice", message=ONLY_REVIEWERS)
@require_http_methods(["GET"])
def queue(request):
    form = QueueFilterForm(request.GET or None)
    entries = (Practice.objects.for_user(request.user).filter(status__in=QUEUE_STATES)
               .select_related("submitted_by", "organisation", "reviewer", "revision_of")
               .order_by(*form.ordering()))
    if form.is_bound and form.is_valid():
        entries = form.filter(entries, request.user)
    listing = page_of(request, entries)
    now = timezone.now()
    for practice in listing["page"].object_list:
        practice.waiting_days = domain.waiting_days(practice.submitted_at, now=now)
    return render(request, "practice/review/queue.html",
                  {"form": form, "newest_first": form.ordering()[0].startswith("-"), **listing})


@permission_required("practice.review_practice", message=ONLY_REVIEWERS)
@require_http_methods(["GET"])
def review(request, pk):
    practice = _entry(pk)
    changes = None
    if practice.revision_of_id:
        changes = changed_rows(domain.content_of(practice),
                               domain.content_of(practice.revision_of))
    return render(request, "practice/review/review.html", {
        "practice": practice,
        "answers": answers_of(practice),
        "changes": changes,
        "comments": practice.comments.select_related("author"),
        "activity": _activity_rows(practice),
        "actions": [slug for slug, action in ACTIONS.items() if action.allowed(practice)],
        "comment_form": CommentForm(),
        "request_changes_form": RequestChangesForm(),
    })


def _activity_rows(practice):
    """The log, with an edit's note (the section's slug) shown as the section's title."""
    entries = list(Activity.objects.for_object(practice).select_related("actor"))
    for entry in entries:
        if entry.verb == "edit" and entry.note in SECTIONS_BY_SLUG:
            entry.note = SECTIONS_BY_SLUG[entry.note].title
    return entries


@permission_required("practice.review_practice", message=ONLY_REVIEWERS)
@require_http_methods(["GET", "POST"])
def decide(request, pk, action):
    practice = _entry(pk)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    if not spec.allowed(practice):
        messages.error(request, f"You cannot do that now: the entry is "
                                f"{practice.get_status_display().lower()}.")
        return redirect("practice:review", pk=practice.pk)
    form_kwargs = {**spec.form_kwargs, **({"practice": practice} if spec.form_needs_practice
                                          else {})}
    form = spec.form_class(request.POST if request.method == "POST" else None, **form_kwargs)
    if form.is_bound:
        done, result = form.carry_out(
            lambda: spec.perform(practice, request.user, form.cleaned_data))
        if done:
            messages.success(request, spec.done.format(title=practice.title))
            target = result if isinstance(result, Practice) else practice
            return redirect("practice:review", pk=target.pk)
    return render(request, "practice/review/action.html",
                  {"practice": practice, "action": spec, "form": form})
