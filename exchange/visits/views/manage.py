"""The programme team's pages: visits, allocation, preparation, learning, reports, follow-up,
offers to host and the consortium's membership. Every page needs an organiser."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.common.actions import attempt
from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import permission_required
from exchange.people.models import Organisation

from .. import domain
from ..enums import ACTION_DONE, ACTION_LABELS, Place, VisitStatus
from ..forms import (
    AdjustPlaceForm,
    HostReportForm,
    MaterialForm,
    MemberForm,
    NoteForm,
    PreparationCallForm,
    ProgrammeYearForm,
    ShortReportForm,
    VisitForm,
)
from ..models import (
    Application,
    HostOffer,
    HostReport,
    PlaceOffer,
    PreparationCall,
    ProgrammeYear,
    Visit,
    Visitor,
)
from .taking_part import report_download

ONLY_ORGANISERS = ("Only the programme's organisers can use this page. If you organise visits, "
                   "ask an administrator to add you to the organisers.")


def _visit(pk):
    return get_object_or_404(Visit.objects.select_related("host_organisation", "programme_year"),
                             pk=pk)


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
@require_GET
def dashboard(request):
    visits = (Visit.objects.for_user(request.user).select_related("host_organisation")
              .annotate(applications_count=Count("applications", filter=Q(applications__status="active"),
                                                 distinct=True),
                        placed_count=Count("visitors", filter=Q(visitors__place=Place.PLACED),
                                           distinct=True))
              .order_by("-id"))
    status = request.GET.get("status", "")
    if status in VisitStatus.values:
        visits = visits.filter(status=status)
    page, pages = paginate(request, visits)
    return render(request, "visits/manage/dashboard.html", {
        "page": page, "pages": pages, "status": status, "statuses": VisitStatus.choices,
        "host_offers": HostOffer.objects.count()})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def visit_form(request, pk=None):
    visit = _visit(pk) if pk else None
    form = VisitForm(posted(request), instance=visit)
    if request.method == "POST":
        done, saved = form.carry_out(lambda: _save_visit(request, visit, form))
        if done:
            messages.success(request, f"{saved.title} has been saved.")
            return redirect("visits:manage-visit", saved.pk)
    return render(request, "visits/manage/visit_form.html", {"form": form, "visit": visit})


def _save_visit(request, visit, form):
    data = {name: form.cleaned_data[name] for name in form.Meta.fields}
    if visit:
        return domain.update_visit(actor=request.user, visit=visit, data=data)
    return domain.create_visit(actor=request.user, data=data)


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
@require_GET
def manage_visit(request, pk):
    visit = _visit(pk)
    visitors = list(Visitor.objects.filter(visit=visit)
                    .select_related("user", "application__organisation", "waiting_entry")
                    .order_by("application__applied_at", "position"))
    main = domain.next_action(visit)
    context = {
        "visit": visit,
        "steps": domain.lifecycle(visit),
        "next": main,
        "actions": domain.other_actions(visit, main),
        "can_cancel": "cancel" in domain.STATES.allowed_actions(visit),
        "placed": [v for v in visitors if v.place == Place.PLACED],
        "waiting": sorted([v for v in visitors if v.place in {Place.WAITING, Place.OFFERED}],
                          key=lambda v: (v.waiting_entry.position if v.waiting_entry else 0, v.position)),
        "applied": [v for v in visitors if v.place == Place.APPLIED],
        "withdrawn": [v for v in visitors if v.place == Place.WITHDRAWN],
        "free": domain.free_places(visit),
        "offers": PlaceOffer.objects.filter(visit=visit).select_related("entry__organisation")[:20],
        "report": HostReport.objects.filter(visit=visit).first(),
        "activities": Activity.objects.for_object(visit).select_related("actor")[:30],
    }
    return render(request, "visits/manage/visit.html", context)


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def change_state(request, pk, action):
    visit = _visit(pk)
    if action not in ACTION_LABELS:
        raise Http404
    form = NoteForm(posted(request))
    if action == "cancel":
        form.fields["note"].required = True
        form.fields["note"].label = "Why is the visit cancelled?"
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.change_state(
            visit=visit, action=action, actor=request.user, note=form.cleaned_data["note"]))
        if done:
            messages.success(request, ACTION_DONE[action].format(title=visit.title))
            return redirect("visits:manage-visit", visit.pk)
    return render(request, "visits/manage/state.html", {
        "visit": visit, "form": form, "action": action, "label": ACTION_LABELS[action]})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def allocate(request, pk):
    """Allocate the places. Before applications close, GET (and a POST not yet confirmed) asks
    first, naming the forces that could still have applied and will not be able to."""
    visit = _visit(pk)
    early = domain.allocation_cuts_applications_short(visit)
    if request.method == "GET" or (early and request.POST.get("confirm") != "early"):
        return render(request, "visits/manage/allocate.html", {
            "visit": visit, "early": early,
            "yet_to_apply": domain.members_yet_to_apply(visit) if early else [],
            "applications": Application.objects.active().filter(visit=visit).count()})
    attempt(request, lambda: domain.run_allocation(visit=visit, actor=request.user),
            lambda result: f"Places are allocated: {result.placed_count} "
                           f"visitor{pluralize(result.placed_count)} from {len(result.places)} "
                           f"force{pluralize(len(result.places))} "
                           f"{pluralize(result.placed_count, 'has,have')} a place. We have emailed "
                           "everyone named to say where they stand.")
    return redirect("visits:manage-visit", visit.pk)


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def adjust(request, pk):
    visitor = get_object_or_404(Visitor.objects.select_related("user", "visit",
                                                               "application__organisation"), pk=pk)
    form = AdjustPlaceForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.adjust_place(
            visitor=visitor, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, f"The allocation for {visitor.user.full_name} has changed.")
            return redirect("visits:manage-visit", visitor.visit_id)
    return render(request, "visits/manage/adjust.html", {"visitor": visitor, "visit": visitor.visit,
                                                        "form": form})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def preparation(request, pk):
    visit = _visit(pk)
    call = PreparationCall.objects.filter(visit=visit).first()
    call_form = PreparationCallForm(
        request.POST if request.POST.get("form") == "call" else None,
        initial={"starts_at": call.starts_at, "duration_minutes": call.duration_minutes,
                 "joining_details": call.joining_details} if call else None, prefix="call")
    material_sent = request.POST.get("form") == "material"
    material_form = MaterialForm(request.POST if material_sent else None,
                                 request.FILES if material_sent else None, prefix="material")
    if request.method == "POST":
        saved = _save_preparation(request, visit, call_form, material_form)
        if saved:
            messages.success(request, saved)
            return redirect("visits:preparation", visit.pk)
    return render(request, "visits/manage/preparation.html", {
        "visit": visit, "call": call, "call_form": call_form, "material_form": material_form,
        "materials": visit.materials.all(),
        "placed_count": Visitor.objects.placed().filter(visit=visit).count()})


def _save_preparation(request, visit, call_form, material_form):
    which = request.POST.get("form")
    form = call_form if which == "call" else material_form if which == "material" else None
    if form is None:
        return None
    if which == "call":
        done, _ = form.carry_out(lambda: domain.schedule_preparation_call(
            visit=visit, actor=request.user, **form.cleaned_data))
        return "The preparation call has been saved." if done else None
    done, _ = form.carry_out(lambda: domain.add_material(
        visit=visit, actor=request.user, title=form.cleaned_data["title"],
        upload=form.cleaned_data["file"], link=form.cleaned_data["link"]))
    return "The material has been added." if done else None


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
@require_POST
def send_preparation(request, pk):
    visit = _visit(pk)
    attempt(request, lambda: domain.send_preparation_pack(visit=visit, actor=request.user),
            lambda count: f"The call and material have been emailed to {count} visitors.")
    return redirect("visits:preparation", visit.pk)


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def questions(request, pk):
    visit = _visit(pk)
    if request.method == "POST":
        attempt(request, lambda: domain.send_questions_to_host(visit=visit, actor=request.user),
                f"The questions have been sent to {visit.host_contact_email}.")
        return redirect("visits:questions", visit.pk)
    return render(request, "visits/manage/questions.html", {
        "visit": visit, "questions": domain.gathered_questions(visit)})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
@require_GET
def learning(request, pk):
    visit = _visit(pk)
    return render(request, "visits/manage/learning.html", {
        "visit": visit, "sections": domain.grouped_learning(visit)})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def host_report(request, pk):
    visit = _visit(pk)
    report = HostReport.objects.filter(visit=visit).first()
    form = HostReportForm(posted(request), initial={"body": report.body} if report else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "draft":
            attempt(request, lambda: domain.draft_host_report(visit=visit, actor=request.user),
                    "A draft has been written from the learning points.")
        elif action == "send":
            attempt(request, lambda: domain.send_host_report(visit=visit, actor=request.user),
                    f"The report has been sent to {visit.host_contact_email}.")
        elif form.is_valid() and report:
            attempt(request, lambda: domain.edit_host_report(report=report, actor=request.user,
                                                             body=form.cleaned_data["body"]),
                    "The report has been saved.")
        else:
            messages.error(request, "Draft the report first.")
        return redirect("visits:host-report", visit.pk)
    return render(request, "visits/manage/host_report.html", {
        "visit": visit, "report": report, "form": form,
        "host_link": domain.host_link(visit) if report and report.sent_at else ""})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
@require_GET
def host_report_download(request, pk, fmt):
    report = get_object_or_404(HostReport.objects.select_related("visit"), visit_id=pk)
    return report_download(report, fmt)


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def follow_up(request, pk):
    visit = _visit(pk)
    if request.method == "POST":
        attempt(request, lambda: domain.change_state(visit=visit, action="close", actor=request.user,
                                                     note="Follow-up closed"),
                "Follow-up is closed.")
        return redirect("visits:follow-up", visit.pk)
    visitors = domain.follow_up_dashboard(visit)
    return render(request, "visits/manage/follow_up.html", {
        "visit": visit, "visitors": visitors, "weeks": range(1, 7),
        "help_requests": [c for v in visitors for c in v.check_ins.all() if c.wants_help]})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def short_report(request, pk):
    visit = _visit(pk)
    form = ShortReportForm(posted(request), initial={"short_report": visit.short_report})
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.publish_short_report(
            visit=visit, actor=request.user, body=form.cleaned_data["short_report"]))
        if done:
            messages.success(request, "The short report is published on the visit's page.")
            return redirect("visits:detail", visit.pk)
    return render(request, "visits/manage/short_report.html", {"visit": visit, "form": form})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
@require_GET
def host_offers(request):
    page, pages = paginate(request, HostOffer.objects.for_user(request.user))
    return render(request, "visits/manage/host_offers.html", {"page": page, "pages": pages})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def programme_years(request):
    form = ProgrammeYearForm(posted(request))
    if request.method == "POST":
        done, year = form.carry_out(
            lambda: domain.create_programme_year(actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, f"Programme year {year.name} added.")
            return redirect("visits:programme-year", year.pk)
    years = ProgrammeYear.objects.for_user(request.user).order_by("-starts_on").annotate(
        member_count=Count("memberships", distinct=True), visit_count=Count("visits", distinct=True))
    page, pages = paginate(request, years)
    return render(request, "visits/manage/programme_years.html", {
        "form": form, "page": page, "pages": pages})


@permission_required("visits.run_visits", message=ONLY_ORGANISERS)
def programme_year(request, pk):
    year = get_object_or_404(ProgrammeYear.objects.for_user(request.user), pk=pk)
    form = MemberForm(posted(request))
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            organisation = get_object_or_404(Organisation, pk=remove)
            domain.remove_member(actor=request.user, programme_year=year, organisation=organisation)
            messages.success(request, f"{organisation.name} is no longer a member of {year.name}.")
            return redirect("visits:programme-year", year.pk)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            domain.add_member(actor=request.user, programme_year=year, organisation=organisation)
            messages.success(request, f"{organisation.name} is a member of {year.name}.")
            return redirect("visits:programme-year", year.pk)
    page, pages = paginate(request, year.memberships.select_related("organisation", "added_by"))
    return render(request, "visits/manage/programme_year.html", {
        "year": year, "form": form, "page": page, "pages": pages})
