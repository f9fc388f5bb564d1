"""Peer matching's pages: the home page (asking to join; organisers' list), forming a group,
the group, its topic guide, submissions, host days and reports.

A group is fetched through ``MatchingGroup.objects.for_user``: anyone who is neither an
organiser nor a lead of one of its forces gets 404, whatever they ask for.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from exchange.common.actions import attempt
from exchange.common.forms import posted
from exchange.common.models import Activity, Topic
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..domain import group_suggestions as suggestions
from ..domain import matching as domain
from ..domain import matching_reports as reports
from ..enums import GroupStatus, QuestionStatus
from ..forms.matching import (
    CommentForm,
    GroupForm,
    HostDayForm,
    HostReportForm,
    JoinForm,
    NoteForm,
    OverallReportForm,
    QuestionForm,
    SubmissionForm,
)
from ..matching_exporters import host_day_report_document, overall_report_document, report_download
from ..models import GuideQuestion, HostDay, MatchingGroup, MatchingInterest

ONLY_ORGANISERS = "Only peer support's organisers can do that."
ONLY_LEADS = "Only the organisation lead of a force in the group can write its submission."


def _group(request, pk, perm="support.view_group", message=ONLY_ORGANISERS):
    group = get_object_or_404(MatchingGroup.objects.for_user(request.user)
                              .select_related("topic"), pk=pk)
    require(request.user, perm, group, message=message)
    return group


def _groups_list(request, groups):
    return (groups.select_related("topic")
            .prefetch_related("forces__organisation")
            .annotate(sent=Count("submissions", filter=Q(submissions__submitted_at__isnull=False),
                                 distinct=True))
            .order_by("-created_at", "-id"))


# --- Home and asking to join -------------------------------------------------------------


@require_GET
def home(request):
    """What peer matching is, for everyone; a lead's groups and the form to ask to join; the
    organisers' list of every group and the forces waiting."""
    return _home(request)


def _home(request, join_form=None):
    user = request.user
    organiser = allows(user, "support.run_matching")
    groups = _groups_list(request, MatchingGroup.objects.for_user(user))
    filters = {"status": request.GET.get("status", ""), "topic": request.GET.get("topic", "")}
    if organiser and filters["status"] in GroupStatus.values:
        groups = groups.filter(status=filters["status"])
    if organiser and filters["topic"].isdigit():
        groups = groups.filter(topic_id=int(filters["topic"]))
    page, pages = paginate(request, groups)
    lead = allows(user, "support.ask_to_join_group")
    context = {
        "organiser": organiser, "lead": lead, "page": page, "pages": pages, "filters": filters,
        "statuses": GroupStatus.choices,
        "topics": Topic.objects.order_by("name") if organiser else [],
        "waiting": domain.waiting_interests() if organiser else [],
        "join_form": join_form or (JoinForm() if lead else None),
        "asked": (MatchingInterest.objects.filter(
            organisation_id__in=led_organisation_ids(user), group__isnull=True)
            .select_related("topic", "organisation") if lead else []),
    }
    return render(request, "support/matching/home.html", context)


@permission_required("support.ask_to_join_group",
                     message="Only an organisation lead can ask for their force to join a group.")
@require_POST
def join(request):
    form = JoinForm(posted(request))
    organisation = Organisation.objects.filter(
        pk__in=led_organisation_ids(request.user)).order_by("name").first()
    done, interest = form.carry_out(lambda: domain.ask_to_join(
        organisation=organisation, topic=form.cleaned_data["topic"], actor=request.user,
        note=form.cleaned_data["note"]))
    if not done:
        return _home(request, join_form=form)
    messages.success(request, f"{interest.organisation} has asked to join the next group on "
                              f"{interest.topic}. We have told the organisers.")
    return redirect("support:matching")


# --- Forming a group ---------------------------------------------------------------------


@permission_required("support.run_matching", message=ONLY_ORGANISERS)
def group_new(request):
    topic = Topic.objects.filter(pk=request.GET.get("topic") or None).first()
    initial = {"topic": topic, "organisations": request.GET.getlist("forces")}
    form = GroupForm(posted(request), initial=initial)
    if request.method == "POST":
        done, group = form.carry_out(lambda: domain.form_group(
            title=form.cleaned_data["title"], topic=form.cleaned_data["topic"],
            organisations=list(form.cleaned_data["organisations"]), actor=request.user))
        if done:
            messages.success(request, f"The group {group.title} is formed. We have emailed the "
                                      "forces' leads.")
            return redirect("support:group", group.pk)
    interested = (list(MatchingInterest.objects.filter(topic=topic, group__isnull=True)
                       .select_related("organisation")) if topic else [])
    return render(request, "support/matching/group_new.html", {
        "form": form, "topic": topic, "topics": Topic.objects.order_by("name"),
        "interested": interested,
        "suggestions": suggestions.suggestions_for_topic(topic) if topic else []})


# --- The group ---------------------------------------------------------------------------


@require_GET
def group(request, pk):
    group = _group(request, pk)
    organiser = allows(request.user, "support.run_matching")
    actions = [(a, domain.GROUP_ACTION_LABELS[a]) for a in domain.allowed_actions(group)]
    return render(request, "support/matching/group.html", {
        "group": group, "organiser": organiser,
        "places": group.forces.select_related("organisation"),
        "sent": set(group.submissions.filter(submitted_at__isnull=False)
                    .values_list("organisation_id", flat=True)),
        "next_step": domain.NEXT_STEPS[group.status],
        "actions": [(a, label) for a, label in actions if a != "cancel"] if organiser else [],
        "can_cancel": organiser and "cancel" in dict(actions),
        "can_write": allows(request.user, "support.write_submission", group),
        "activities": Activity.objects.for_object(group).select_related("actor")[:30]})


def group_state(request, pk, action):
    group = _group(request, pk, "support.run_matching")
    if action not in domain.GROUP_ACTION_LABELS:
        raise Http404
    form = NoteForm(posted(request))
    if action == "cancel":
        form.fields["note"].required = True
        form.fields["note"].label = "Why the group is cancelled"
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.change_group_state(
            group=group, action=action, actor=request.user, note=form.cleaned_data["note"]))
        if done:
            messages.success(request, f"{domain.GROUP_ACTION_LABELS[action]}: done.")
            return redirect("support:group", group.pk)
    return render(request, "support/matching/state.html", {
        "group": group, "form": form, "action": action,
        "label": domain.GROUP_ACTION_LABELS[action]})


# --- The topic guide ---------------------------------------------------------------------


def guide(request, pk):
    # Everyone in the group reads the guide, also once the group has finished (the group's
    # pages link to it); contributing is for while the group is open.
    group = _group(request, pk)
    forms = {"propose": QuestionForm(prefix="propose"), "comment": CommentForm(prefix="comment")}
    if request.method == "POST":
        require(request.user, "support.contribute_to_guide", group,
                message="The guide is closed: the group has finished.")
        saved = _guide_action(request, group, forms)
        if saved:
            return redirect("support:guide", group.pk)
    questions = list(domain.guide_questions(group))
    return render(request, "support/matching/guide.html", {
        "group": group, "questions": questions, "open": group.status == GroupStatus.GUIDE,
        "organiser": allows(request.user, "support.run_matching"),
        "included": sum(q.status == QuestionStatus.INCLUDED for q in questions),
        "propose_form": forms["propose"], "comment_form": forms["comment"],
        "comment_on": request.POST.get("question", "")})


def _guide_action(request, group, forms):
    """Runs the guide form that was sent; True when it is done and the page should reload."""
    which = request.POST.get("form")
    if which == "propose":
        form = forms["propose"] = QuestionForm(request.POST, prefix="propose")
        return _done(request, form.carry_out(lambda: domain.propose_question(
            group=group, text=form.cleaned_data["text"], actor=request.user)),
            "Your question is proposed.")
    question = get_object_or_404(GuideQuestion, group=group, pk=request.POST.get("question") or 0)
    if which == "comment":
        form = forms["comment"] = CommentForm(request.POST, prefix="comment")
        return _done(request, form.carry_out(lambda: domain.comment_on_question(
            question=question, text=form.cleaned_data["text"], actor=request.user)),
            "Your comment is added.")
    require(request.user, "support.run_matching", message=ONLY_ORGANISERS)
    if which in {"include", "drop"}:
        status = QuestionStatus.INCLUDED if which == "include" else QuestionStatus.DROPPED
        return attempt(request, lambda: domain.set_question_status(
            question=question, status=status, actor=request.user),
            "The question is in the guide." if which == "include" else "The question is dropped.")
    if which in {"up", "down"}:
        return attempt(request, lambda: domain.move_question(
            question=question, direction=which, actor=request.user), "The question has moved.")
    raise Http404


def _done(request, outcome, success):
    """``form.carry_out``'s outcome: on success, queue ``success`` and say so."""
    done, _ = outcome
    if done:
        messages.success(request, success)
    return done


# --- Submissions -------------------------------------------------------------------------


def submission(request, pk):
    group = _group(request, pk, "support.write_submission", ONLY_LEADS)
    organisation = domain.lead_force(group, request.user)
    questions = list(domain.guide_questions(group, included_only=True))
    mine = domain.submission_of(group, organisation)
    initial = {"interests": mine.interests} if mine else {}
    if mine:
        initial.update({f"question_{a.question_id}": a.text for a in mine.answers.all()})
    form = SubmissionForm(posted(request), questions=questions, initial=initial)
    if request.method == "POST":
        submit = "submit" in request.POST
        done, _ = form.carry_out(lambda: domain.save_submission(
            group=group, organisation=organisation, answers=form.answers(),
            interests=form.cleaned_data["interests"], submit=submit, actor=request.user))
        if done:
            messages.success(request, "Your submission is sent." if submit else
                             "Your draft is saved. Send it when every question is answered.")
            return redirect("support:submissions" if submit else "support:submission", group.pk)
    return render(request, "support/matching/submission.html", {
        "group": group, "organisation": organisation, "form": form, "submission": mine,
        "writable": group.status == GroupStatus.SUBMISSIONS and not (mine and mine.submitted_at)})


@require_GET
def submissions(request, pk):
    group = _group(request, pk)
    shown = domain.visible_submissions(group, request.user)
    questions = list(domain.guide_questions(group, included_only=True))
    places = list(group.forces.select_related("organisation"))
    sent = {s.organisation_id for s in shown if s.submitted_at}
    return render(request, "support/matching/submissions.html", {
        "group": group, "released": domain.submissions_released(group),
        "organiser": allows(request.user, "support.run_matching"),
        "rows": domain.side_by_side(questions, shown), "shown": shown,
        "waiting": [p.organisation for p in places if p.organisation_id not in sent]})


# --- Host days ---------------------------------------------------------------------------


def host_days(request, pk):
    group = _group(request, pk)
    organiser = allows(request.user, "support.run_matching")
    form = None
    if organiser:
        form = HostDayForm(posted(request), group=group, initial=_host_day_initial(request, group))
    if request.method == "POST":
        require(request.user, "support.run_matching", group, message=ONLY_ORGANISERS)
        done, day = form.carry_out(lambda: _schedule(request, group, form))
        if done:
            messages.success(request, f"The host day at {day.host} is scheduled. We have emailed "
                                      "the group an invitation.")
            return redirect("support:host-days", group.pk)
    return render(request, "support/matching/host_days.html", {
        "group": group, "days": domain.host_days(group), "form": form, "organiser": organiser,
        "unscheduled": [p.organisation for p in group.forces.select_related("organisation")
                        .exclude(organisation_id__in=group.host_days.values("host_id"))]})


def _host_day_initial(request, group):
    day = HostDay.objects.filter(group=group, pk=request.GET.get("day") or 0).first()
    if day is None:
        return {}
    starts, ends = timezone.localtime(day.starts_at), timezone.localtime(day.ends_at)
    return {"host": day.host_id, "date": starts.date(), "starts": starts.time(),
            "ends": ends.time(), "online": day.online, "venue": day.venue,
            "joining_details": day.joining_details, "attendees": day.attendees}


def _schedule(request, group, form):
    starts_at, ends_at = form.times()
    data = form.cleaned_data
    return domain.schedule_host_day(
        group=group, host=data["host"], starts_at=starts_at, ends_at=ends_at, actor=request.user,
        online=data["online"], venue=data["venue"], joining_details=data["joining_details"],
        attendees=data["attendees"])


@require_GET
def host_day_ics(request, pk):
    day = get_object_or_404(HostDay.objects.select_related("host", "group"), pk=pk,
                            group__in=MatchingGroup.objects.for_user(request.user))
    require(request.user, "support.view_group", day.group, hide=True)
    response = HttpResponse(domain.host_day_ics(day), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="host-day-{day.pk}.ics"'
    return response


# --- Reports -----------------------------------------------------------------------------


def group_reports(request, pk):
    group = _group(request, pk)
    organiser = allows(request.user, "support.run_matching")
    writable = organiser and group.status in reports.WRITING_STATES
    days = reports.visible_reports(group, request.user)
    sent = request.POST.get("form", "") if request.method == "POST" else ""
    day_forms = {day.pk: HostReportForm(request.POST if sent == f"host-{day.pk}" else None,
                                        prefix=f"host-{day.pk}",
                                        initial={"report": day.report,
                                                 "share": bool(day.report_shared_at)})
                 for day in days} if writable else {}
    overall_form = (OverallReportForm(request.POST if sent == "overall" else None, prefix="overall",
                                      initial={"text": group.overall_report or
                                               reports.draft_overall_report(group)})
                    if writable else None)
    if request.method == "POST":
        require(request.user, "support.run_matching", group, message=ONLY_ORGANISERS)
        if not writable:
            messages.error(request, "Reports are written once the submissions are shared, "
                                    "until the overall report is shared.")
            return redirect("support:group-reports", group.pk)
        if _save_report(request, group, days, sent, day_forms, overall_form):
            return redirect("support:group-reports", group.pk)
    return render(request, "support/matching/reports.html", {
        "group": group, "organiser": organiser, "writable": writable,
        "days": [(day, day_forms.get(day.pk)) for day in days], "overall_form": overall_form,
        "overall_visible": reports.overall_report_visible(group, request.user),
        "can_share": "share_report" in domain.allowed_actions(group) and organiser})


def _save_report(request, group, days, sent, day_forms, overall_form):
    if sent == "overall":
        return _done(request, overall_form.carry_out(lambda: reports.save_overall_report(
            group=group, text=overall_form.cleaned_data["text"], actor=request.user)),
            "The overall report is saved.")
    day = next((d for d in days if sent == f"host-{d.pk}"), None)
    if day is None:
        raise Http404
    form = day_forms[day.pk]
    return _done(request, form.carry_out(lambda: reports.write_host_day_report(
        host_day=day, text=form.cleaned_data["report"], share=form.cleaned_data["share"],
        actor=request.user)), f"The report of the day at {day.host} is saved.")


@require_GET
def group_report_download(request, pk, which, fmt):
    group = _group(request, pk)
    if which == "overall":
        if not reports.overall_report_visible(group, request.user):
            raise Http404
        return report_download(overall_report_document(group), fmt,
                               f"overall-report-group-{group.pk}")
    day_pk = which.removeprefix("host-")
    day = next((d for d in reports.visible_reports(group, request.user)
                if which.startswith("host-") and str(d.pk) == day_pk and d.report), None)
    if day is None:
        raise Http404
    return report_download(host_day_report_document(day), fmt, f"host-day-report-{day.pk}")


urlpatterns = [
    path("matching/", home, name="matching"),
    path("matching/join/", join, name="matching-join"),
    path("matching/new/", group_new, name="group-new"),
    path("matching/<int:pk>/", group, name="group"),
    path("matching/<int:pk>/state/<slug:action>/", group_state, name="group-state"),
    path("matching/<int:pk>/guide/", guide, name="guide"),
    path("matching/<int:pk>/submission/", submission, name="submission"),
    path("matching/<int:pk>/submissions/", submissions, name="submissions"),
    path("matching/<int:pk>/host-days/", host_days, name="host-days"),
    path("host-days/<int:pk>.ics", host_day_ics, name="host-day-ics"),
    path("matching/<int:pk>/reports/", group_reports, name="group-reports"),
    path("matching/<int:pk>/reports/<slug:which>.<slug:fmt>", group_report_download,
         name="group-report-download"),
]
