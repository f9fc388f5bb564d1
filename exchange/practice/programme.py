"""The practice bank as the rest of the site shows it (found by exchange/common/programmes.py)."""

from django.db.models import Count, Min, Q

from exchange.common.programmes import HOME_PRACTICE, Dashboard, Programme, StaffPage, Teaser

from .enums import EvidenceLabel, PracticeStatus
from .models import Practice


def latest_practice(request):
    """The home page's three most recently published entries this person may see."""
    latest = (Practice.objects.public_listing(request.user)
              .select_related("organisation").order_by("-published_at")[:3])
    return {"latest": latest}


# Entries still on their way: the person's own page lists these, newest change first.
UNFINISHED_STATES = [PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED,
                     PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW]
# Entries that wait for a reviewer (changes requested waits for the submitter instead).
AWAITING_REVIEW = [PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW]
SHOWN_ON_DASHBOARD = 5


def practice_dashboard(user):
    """The person's own practice (unfinished entries first) and, for a reviewer, the review
    queue's size and its oldest entry. Three queries however many entries there are."""
    own = Practice.objects.filter(submitted_by=user)
    context = {
        "unfinished": list(own.filter(status__in=UNFINISHED_STATES)
                           .order_by("-updated_at", "-id")[:SHOWN_ON_DASHBOARD]),
        "own_counts": own.aggregate(
            total=Count("id"), published=Count("id", filter=Q(status=PracticeStatus.PUBLISHED)),
            unfinished=Count("id", filter=Q(status__in=UNFINISHED_STATES))),
    }
    if user.has_perm("practice.review_practice"):
        context["review_queue"] = Practice.objects.filter(status__in=AWAITING_REVIEW).aggregate(
            count=Count("id"), oldest=Min("submitted_at"))
    return context


PROGRAMME = Programme(
    key="practice", label="Practice bank", title="Practice bank", url_name="practice:list",
    order=10,
    summary="Search practice from forces and partners, each labelled by whether it worked, is "
            "promising, is new or innovative, or did not work.",
    staff_pages=(StaffPage("Review queue", "practice:review-queue", "practice.review_practice"),),
    teaser=Teaser(template="practice/home_teaser.html", context=latest_practice,
                  order=HOME_PRACTICE),
    dashboard=Dashboard(template="practice/dashboard.html", context=practice_dashboard),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "create": "Draft started", "edit": "Edited", "submit": "Submitted for review",
    "resubmit": "Submitted again", "start_review": "Review started", "comment": "Commented",
    "request_changes": "Changes requested", "publish": "Published", "decline": "Declined",
    "withdraw": "Withdrawn", "merge": "Changes published", "import": "Imported",
    "publish_revision": "Changes published to the live entry", "create_revision": "Changes started",
    "accept_names": "Proposed names added", "change_label": "Evidence label changed",
}
# A log row's from and to are a status, or an evidence label for "change_label".
STATE_LABELS = {**dict(PracticeStatus.choices), **dict(EvidenceLabel.choices)}
