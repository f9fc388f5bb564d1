"""Writing practice: the start page, the task list and its sections, checking and sending,
the submitter's own list, revising a published entry and deleting a draft."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require
from exchange.people.enums import MembershipStatus

from .. import domain
from ..enums import PracticeStatus
from ..forms import (
    COMPLETED,
    SECTION_OF_FIELD,
    SECTIONS,
    SECTIONS_BY_SLUG,
    AboutForm,
    answer_rows,
    section_status,
)
from ..models import Practice

OPEN_REVISION_STATES = [PracticeStatus.DRAFT, PracticeStatus.SUBMITTED,
                        PracticeStatus.IN_REVIEW, PracticeStatus.CHANGES_REQUESTED]


def page_of(request, queryset):
    """One page of ``queryset`` and its pagination links, as the list templates expect."""
    page, pages = paginate(request, queryset)
    return {"page": page, "pages": pages}


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def start(request):
    """Guidance, then the first section; the draft is created when that section is saved."""
    if not allows(request.user, "practice.share_practice"):
        return _membership_needed(request)
    if request.GET.get("step") != "about":
        return render(request, "practice/submit/start.html")
    section = SECTIONS_BY_SLUG["about"]
    form = AboutForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        practice = domain.create_draft(submitted_by=request.user, data=form.content(),
                                       allow_incomplete=True)
        messages.success(request, "Your draft is saved. Fill in the other sections next.")
        return redirect("practice:task-list", pk=practice.pk)
    return render(request, "practice/submit/section.html",
                  {"form": form, "section": section, "practice": None})


def _membership_needed(request):
    memberships = {m.status: m for m in request.user.memberships.select_related("organisation")}
    return render(request, "practice/submit/membership_needed.html", {
        "pending": memberships.get(MembershipStatus.PENDING),
        "declined": MembershipStatus.DECLINED in memberships,
    }, status=403)


class NotEditableNow(Exception):
    """The submitter's own entry, but it is with a reviewer (or published) just now."""


class LiveEntry(Exception):
    """A published entry, which changes only through a revision (reviewers' included)."""


def _entry_to_edit(request, pk):
    """The entry ``request.user`` may change now. Anyone who may not learns nothing: 404."""
    practice = get_object_or_404(
        Practice.objects.for_user(request.user).select_related("organisation", "revision_of"),
        pk=pk)
    if allows(request.user, "practice.change_practice", practice):
        return practice
    if allows(request.user, "practice.revise_practice", practice):
        raise LiveEntry
    if practice.submitted_by_id == request.user.pk:
        raise NotEditableNow
    raise Http404


def editing(view):
    """Load the entry being edited; send its submitter to their list when it is not theirs to
    change at the moment."""
    @permission_required("people.use_account")
    @wraps(view)
    def wrapped(request, pk, **kwargs):
        try:
            practice = _entry_to_edit(request, pk)
        except LiveEntry:
            messages.info(request, "This entry is published. Changes to it are reviewed before "
                                   "readers see them: start them here.")
            return redirect("practice:revise", pk=pk)
        except NotEditableNow:
            messages.info(request, "That entry is with a reviewer or already published, so it "
                                   "cannot be changed now.")
            return redirect("practice:mine")
        return view(request, practice, **kwargs)

    return wrapped


@editing
@require_http_methods(["GET"])
def task_list(request, practice):
    content = domain.content_of(practice)
    edited = set(Activity.objects.for_object(practice).filter(verb="edit")
                 .values_list("note", flat=True))
    sections = [{"section": section,
                 "status": section_status(section, content, edited=edited,
                                          is_revision=bool(practice.revision_of_id))}
                for section in SECTIONS]
    requested = []
    if practice.status == PracticeStatus.CHANGES_REQUESTED:
        requested = practice.comments.filter(to_submitter=True).select_related("author") \
            .order_by("-created_at", "-id")
    return render(request, "practice/submit/task_list.html", {
        "practice": practice, "sections": sections,
        "completed_count": sum(1 for item in sections if item["status"] == COMPLETED),
        "missing": missing_items(practice),
        "requested_changes": requested,
    })


def missing_items(practice):
    """What must still be filled in, each with the section (and field) where it goes."""
    # A link goes to the field's input; radios have one input per option, so their first.
    return [{"field": name, "message": message,
             "section": SECTIONS_BY_SLUG[SECTION_OF_FIELD[name]],
             "anchor": f"id_{name}_0" if name == "evidence_label" else f"id_{name}"}
            for name, message in domain.missing_for_submission(practice).items()]


@editing
@require_http_methods(["GET", "POST"])
def edit_section(request, practice, section):
    section = SECTIONS_BY_SLUG.get(section)
    if section is None:
        raise Http404
    return_to_check = request.GET.get("return") == "check"
    if request.method == "POST":
        form = section.form_class(request.POST, user=request.user)
        done, _ = form.carry_out(lambda: domain.edit_content(
            practice=practice, actor=request.user, data=form.content(), part=section.slug))
        if done:
            if return_to_check:
                return redirect("practice:check-answers", pk=practice.pk)
            return redirect("practice:task-list", pk=practice.pk)
    else:
        initial = section.form_class.initial_from(domain.content_of(practice))
        form = section.form_class(initial=initial, user=request.user)
    return render(request, "practice/submit/section.html", {
        "form": form, "section": section, "practice": practice,
        "return_to_check": return_to_check,
    })


def answers_of(practice, missing=None):
    content = domain.content_of(practice)
    return [{"section": section, "rows": answer_rows(section, content, missing or {})}
            for section in SECTIONS]


@editing
@require_http_methods(["GET", "POST"])
def check_answers(request, practice):
    if request.method == "POST":
        try:
            domain.submit(practice=practice, actor=request.user)
        except ValidationError:
            pass  # the page below lists what is missing
        else:
            return render(request, "practice/submit/confirmation.html", {"practice": practice})
    missing = missing_items(practice)
    allowed = domain.STATES.allowed_actions(practice)
    return render(request, "practice/submit/check_answers.html", {
        "practice": practice,
        "answers": answers_of(practice, {item["field"]: item["message"] for item in missing}),
        "missing": missing,
        "can_send": "submit" in allowed or "resubmit" in allowed,
    })


@permission_required("people.use_account")
@require_http_methods(["GET"])
def my_submissions(request):
    entries = (Practice.objects.for_user(request.user).filter(submitted_by=request.user)
               .select_related("revision_of").order_by("-updated_at", "-id"))
    return render(request, "practice/submit/mine.html", page_of(request, entries))


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def revise(request, pk):
    practice = get_object_or_404(Practice.objects.for_user(request.user), pk=pk)
    if not practice.is_live:
        raise Http404
    require(request.user, "practice.revise_practice", practice,
            message="Only the person who submitted this entry, or a reviewer, can suggest "
                    "changes to it.")
    if request.method == "POST":
        revision = domain.create_revision(practice=practice, actor=request.user)
        return redirect("practice:task-list", pk=revision.pk)
    open_revision = practice.revisions.filter(submitted_by=request.user,
                                              status__in=OPEN_REVISION_STATES).first()
    return render(request, "practice/submit/revise.html",
                  {"practice": practice, "open_revision": open_revision})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def delete_draft(request, pk):
    practice = get_object_or_404(Practice.objects.for_user(request.user), pk=pk)
    require(request.user, "practice.delete_practice", practice, hide=True)
    if request.method == "POST":
        title = practice.title
        domain.delete_draft(practice=practice, actor=request.user)
        messages.success(request, f"The draft “{title}” has been deleted.")
        return redirect("practice:mine")
    return render(request, "practice/submit/delete.html", {"practice": practice})
