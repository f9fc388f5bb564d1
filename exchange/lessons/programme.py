"""Learning the Lessons as the rest of the site shows it (found by exchange/common/programmes.py)."""

from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from exchange.common.programmes import (
    HOME_LESSONS,
    Dashboard,
    LearningEntry,
    LearningRecord,
    Programme,
    StaffPage,
    Teaser,
)

from .enums import EditorialStatus, ProposalStatus
from .models import CaseStudy, LessonsIssue, Reflection, Subscriber

SHOWN_ON_DASHBOARD = 3


def lessons_dashboard(user):
    """The person's latest reflections, their subscription to the magazine and, for an editor,
    the work another editor sent for review. Five queries however many rows there are."""
    reflections = Reflection.objects.for_user(user)
    context = {
        "reflection_count": reflections.count(),
        "latest_reflections": list(reflections.select_related("question__case_study")
                                   .order_by("-updated_at", "-id")[:SHOWN_ON_DASHBOARD]),
        "subscription": Subscriber.objects.filter(email=user.email.strip().lower())
                                          .prefetch_related("themes").first(),
    }
    if user.has_perm("lessons.edit_lessons"):
        context["review_queues"] = [
            {"kind": kind, "kinds": kinds, **model.objects.filter(status=EditorialStatus.IN_REVIEW, **only)
             .exclude(created_by=user).aggregate(count=Count("id"), oldest=Min("updated_at"))}
            for kind, kinds, model, only in (
                ("issue", "issues", LessonsIssue, {}),
                ("case study", "case studies", CaseStudy, {"issue__isnull": True}))]
    return context


def latest_issue(request):
    """The home page's latest published Learning the Lessons issue. One query."""
    return {"latest_issue": LessonsIssue.objects.for_user(request.user).published().originals()
            .select_related("theme").order_by("-number").first()}


def reflections_record(user):
    """The person's learning record from the Lessons: a line per case study they reflected on,
    dated by their latest answer. One query however many answers there are; no CPD hours."""
    cases = (Reflection.objects.for_user(user)
             .values("question__case_study_id", "question__case_study__title")
             .annotate(updated=Max("updated_at"), answers=Count("id"))
             .order_by("-updated", "-question__case_study_id"))
    return [LearningEntry(
        date=timezone.localdate(case["updated"]), kind="Case study reflection",
        title=f"Reflected on “{case['question__case_study__title']}” ({case['answers']} "
              f"question{'s' if case['answers'] != 1 else ''} answered)",
        url=reverse("lessons:case", kwargs={"pk": case["question__case_study_id"]}) + "#reflect")
        for case in cases]


PROGRAMME = Programme(
    key="lessons", label="Learning the Lessons", title="Learning the Lessons",
    url_name="lessons:archive", order=50,
    summary="Anonymised case studies from investigations, with key learning and questions for "
            "reflection.",
    staff_pages=(StaffPage("Edit the Lessons", "lessons:editor", "lessons.edit_lessons"),),
    dashboard=Dashboard(template="lessons/dashboard.html", context=lessons_dashboard),
    teaser=Teaser(template="lessons/home_teaser.html", context=latest_issue, order=HOME_LESSONS),
    learning_record=LearningRecord(label="Learning the Lessons", entries=reflections_record),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "create": "Created", "edit": "Edited", "import": "Imported",
    "submit_for_review": "Sent for review", "return_to_draft": "Returned to draft",
    "publish": "Published", "withdraw": "Withdrawn",
    "merge": "Changes merged into the published version",
    "add_article": "Article added", "edit_article": "Article edited",
    "create_revision": "Revision started", "discard_revision": "Revision discarded",
    "publish_revision": "Revision published", "override_finding": "Anonymisation check overridden",
    "propose_theme": "Theme proposed", "approve_theme": "Theme approved",
    "decline_theme": "Theme declined",
}
STATE_LABELS = {**dict(EditorialStatus.choices), **dict(ProposalStatus.choices)}
