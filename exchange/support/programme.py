"""Peer support and peer matching as the rest of the site shows them (found by
exchange/common/programmes.py). Declaring the key ``support`` retires its "coming soon" page."""

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from exchange.common.permissions import allows
from exchange.common.programmes import Dashboard, LearningEntry, LearningRecord, Programme, StaffPage
from exchange.people.rules import led_organisation_ids

from .domain.cpd_record import cpd_record
from .enums import (
    OPEN_REQUEST_STATES,
    PAIRING_TYPES,
    GroupStatus,
    PeerStatus,
    RequestStatus,
    TeamStatus,
)
from .models import (
    GroupForce,
    Pairing,
    Peer,
    ProgressReview,
    Recommendation,
    SelfAssessment,
    Submission,
    SupportRequest,
    TeamMember,
    TermsVersion,
)
from .rules import user_peer

SHOWN_ON_DASHBOARD = 10
# A progress review shows in the organisers' queue this long before it is due.
REVIEWS_DUE_WITHIN = datetime.timedelta(days=30)


def support_dashboard(user):
    """The person's part in peer support with the next thing to do: as a peer (invitations to
    answer, engagements, pairings), as a lead (their force's open requests with the step that
    waits on them, their groups that need a contribution) and, for organisers, the queues. A
    fixed number of queries however many rows there are."""
    context = {"peer": user_peer(user), "is_lead": bool(led_organisation_ids(user))}
    if context["peer"] is not None and context["peer"].status == PeerStatus.APPROVED:
        context.update(peer_work(user))
    if context["is_lead"]:
        led = led_organisation_ids(user)
        context["requests"] = [(request, request_steps(request)) for request in lead_requests(led)]
        context["groups"] = [(place, group_step(place)) for place in groups_waiting(led)]
    if allows(user, "support.run_support"):
        context["organiser_queues"] = organiser_queues(timezone.localdate())
    return context


def peer_work(user):
    """Invitations waiting for the peer's answer, the teams they are on and their pairings on
    open requests. Two queries."""
    places = list(TeamMember.objects.filter(
        peer__user=user, status__in=[TeamStatus.INVITED, TeamStatus.ACCEPTED],
        request__status__in=OPEN_REQUEST_STATES).select_related("request__organisation")
        .order_by("-invited_at", "-id")[:SHOWN_ON_DASHBOARD * 2])
    return {
        "invitations": [place for place in places if place.status == TeamStatus.INVITED],
        "engagements": [place for place in places if place.status == TeamStatus.ACCEPTED],
        "pairings": list(Pairing.objects.filter(
            peer__user=user, ended_on__isnull=True, request__status__in=OPEN_REQUEST_STATES)
            .select_related("request__organisation")
            .order_by("-created_at", "-id")[:SHOWN_ON_DASHBOARD]),
    }


def lead_requests(led):
    """The open requests of the forces ``led``, each annotated with what its next step needs
    to know. One query."""
    latest_terms = TermsVersion.objects.filter(request=OuterRef("pk")).order_by("-number")
    return list(SupportRequest.objects.filter(
        organisation_id__in=led, status__in=OPEN_REQUEST_STATES)
        .select_related("organisation")
        .annotate(
            latest_terms=Subquery(latest_terms.values("number")[:1]),
            latest_terms_accepted=Subquery(latest_terms.values("accepted_by_force_at")[:1]),
            assessed=Exists(SelfAssessment.objects.filter(request=OuterRef("pk"),
                                                          submitted_at__isnull=False)),
            unanswered=Exists(Recommendation.objects.filter(request=OuterRef("pk"),
                                                            action__isnull=True)))
        .order_by("-created_at", "-id")[:SHOWN_ON_DASHBOARD])


def request_steps(request):
    """What waits on the force's lead for ``request`` (annotated by :func:`lead_requests`), as
    ``[{"text", "url", "link_text"}]``; a single step without a link when it waits on others."""
    pk, status = request.pk, request.status
    steps = []
    if status == RequestStatus.SCOPING and request.latest_terms and not \
            request.latest_terms_accepted:
        steps.append(step(f"Read and accept version {request.latest_terms} of the terms of "
                          "reference.", "support:terms", pk, "Accept the terms of reference"))
    if status in {RequestStatus.SCOPING, RequestStatus.AGREED} and not request.assessed and \
            request.support_type not in PAIRING_TYPES:
        steps.append(step("Fill in your self-assessment, so the peers know where you stand.",
                          "support:self-assessment", pk, "Fill in the self-assessment"))
    if status == RequestStatus.FOLLOW_UP:
        steps.append(step("Write what you will do about each recommendation." if
                          request.unanswered else "Keep your action plan up to date before "
                          "the progress review.", "support:action-plan", pk,
                          "Update the action plan"))
    return steps or [step(WAITING_ON_OTHERS.get(status, ""))]


WAITING_ON_OTHERS = {
    RequestStatus.SUBMITTED: "Programme staff will contact you to agree the terms of reference.",
    RequestStatus.SCOPING: "Programme staff are writing the terms of reference.",
    RequestStatus.AGREED: "Terms agreed. Programme staff are putting the team together.",
    RequestStatus.UNDER_WAY: "Under way. The team will share its findings with you.",
}


def step(text, url_name=None, pk=None, link_text=""):
    return {"text": text, "url": reverse(url_name, args=[pk]) if url_name else "",
            "link_text": link_text}


def groups_waiting(led):
    """The led forces' places in peer-matching groups that wait on them: a guide to write
    questions for, or a submission not yet sent. One query."""
    sent = Submission.objects.filter(group=OuterRef("group_id"),
                                     organisation=OuterRef("organisation_id"),
                                     submitted_at__isnull=False)
    return list(GroupForce.objects.filter(organisation_id__in=led)
                .annotate(sent=Exists(sent))
                .filter(Q(group__status=GroupStatus.GUIDE)
                        | Q(group__status=GroupStatus.SUBMISSIONS, sent=False))
                .select_related("group", "organisation")
                .order_by("-group__created_at", "group_id", "organisation__name")
                [:SHOWN_ON_DASHBOARD])


def group_step(place):
    if place.group.status == GroupStatus.GUIDE:
        return step("Propose and comment on questions for the topic guide.", "support:guide",
                    place.group_id, "Work on the topic guide")
    return step(f"Write and send {place.organisation}'s submission.", "support:submission",
                place.group_id, "Write the submission")


def organiser_queues(today):
    """What waits on programme staff: how many, and since when (or, for progress reviews, the
    earliest due date). Four queries."""
    applications = Peer.objects.filter(status=PeerStatus.APPLIED).aggregate(
        count=Count("id"), since=Min("created_at"))
    submitted = SupportRequest.objects.filter(status=RequestStatus.SUBMITTED).aggregate(
        count=Count("id"), since=Min("created_at"))
    newer = TermsVersion.objects.filter(request=OuterRef("request"), number__gt=OuterRef("number"))
    terms = TermsVersion.objects.filter(
        request__status=RequestStatus.SCOPING, accepted_by_staff_at__isnull=True).exclude(
        Exists(newer)).aggregate(count=Count("id"), since=Min("created_at"))
    reviews = ProgressReview.objects.filter(
        request__status=RequestStatus.FOLLOW_UP, held_on__isnull=True,
        due_on__lte=today + REVIEWS_DUE_WITHIN).aggregate(count=Count("id"), due=Min("due_on"))
    return [
        {"one": "peer application", "many": "peer applications", "label": "to decide",
         **applications, "url": reverse("support:peer-applications"),
         "link_text": "Decide applications"},
        {"one": "request", "many": "requests", "label": "submitted and waiting for scoping",
         **submitted, "url": reverse("support:requests"), "link_text": "See requests"},
        {"one": "terms of reference", "many": "terms of reference",
         "label": "waiting for staff to accept", **terms, "url": reverse("support:requests"),
         "link_text": "See requests"},
        {"one": "progress review", "many": "progress reviews",
         "label": "due in the next 30 days or overdue", **reviews,
         "url": reverse("support:requests"), "link_text": "See requests"},
    ]


def peer_support_record(user):
    """The person's learning record from peer support: as a peer, each engagement they took a
    place on (with the hours they recorded) and each pairing (meeting hours), from their CPD
    record. Three queries however many there are; nothing for someone who is no peer."""
    peer = user_peer(user)
    if peer is None:
        return []
    record = cpd_record(peer)
    entries = [LearningEntry(
        date=row.ends_on or row.starts_on or timezone.localdate(row.member.request.created_at),
        kind="Peer support engagement", title=f"{row.support_type} for {row.force}",
        url=reverse("support:request", args=[row.member.request_id]),
        cpd_hours=float(row.hours) if row.hours is not None else None)
        for row in record.engagements]
    entries += [LearningEntry(
        date=row.ended_on or row.started_on or timezone.localdate(row.pairing.created_at),
        kind="Peer support pairing",
        title=f"{row.support_type} with {row.force} ({row.meetings} meeting"
              f"{'s' if row.meetings != 1 else ''})",
        url=reverse("support:peer-record"), cpd_hours=float(row.hours) if row.meetings else None)
        for row in record.pairings]
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


PROGRAMME = Programme(
    key="support", label="Peer support", title="Peer support and peer matching",
    url_name="support:landing", order=30,
    # No apostrophe: the home and about pages' tests find the summary in the escaped HTML.
    summary="Peer reviews, workshops, mentoring and introductions from a pool of peers, and groups "
            "of four forces learning from each other.",
    staff_pages=(StaffPage("Run peer support", "support:requests", "support.run_support"),),
    dashboard=Dashboard(template="support/dashboard.html", context=support_dashboard),
    learning_record=LearningRecord(label="Peer support", entries=peer_support_record),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "apply": "Applied to be a peer", "approve": "Approved as a peer", "decline": "Declined",
    "appoint": "Appointed as a specialist associate", "leave": "Left the pool",
    "rejoin": "Asked to rejoin the pool", "edit_profile": "Profile changed",
    "pause": "Availability paused", "resume": "Availability resumed",
    "request": "Support requested", "start_scoping": "Scoping started",
    "propose_terms": "Terms of reference proposed", "accept_terms": "Terms of reference accepted",
    "agree_terms": "Terms of reference agreed", "start": "Engagement started",
    "issue_report": "Report issued", "close": "Closed", "withdraw": "Withdrawn",
    "assess": "Self-assessment saved", "invite": "Peer invited", "accept_invitation":
    "Invitation accepted", "decline_invitation": "Invitation declined",
    "withdraw_invitation": "Invitation withdrawn", "share_document": "Document shared",
    "remove_document": "Document removed", "edit_report": "Report edited",
    "plan_actions": "Action plan updated", "schedule_review": "Progress review scheduled",
    "hold_review": "Progress review held", "rate": "Support rated",
    "pair": "Peer paired", "record_meeting": "Meeting recorded",
    "consent_summary": "Force consented to publishing a summary",
    "publish_summary": "Summary published",
    "form_group": "Group formed", "start_guide": "Topic guide started",
    "finalise_guide": "Topic guide finalised", "release_submissions": "Submissions shared",
    "start_reporting": "Reporting started", "share_report": "Overall report shared",
    "cancel": "Cancelled", "submit": "Submission sent", "schedule_host_day": "Host day scheduled",
    "propose_question": "Question proposed for the guide",
    "question_included": "Question included in the guide",
    "question_dropped": "Question dropped from the guide",
    "question_proposed": "Question put back to proposed",
    "write_host_report": "Host day report written", "edit_overall_report": "Overall report edited",
    # Found missing when issue 11's activity-log check was widened to peer support.
    "accept": "Place on the team accepted", "invite_again": "Peer invited again",
    "plan_engagement": "Engagement planned", "record_time": "Time recorded",
    "end": "Pairing ended", "edit_summary": "Anonymised summary edited",
    "withhold_summary_consent": "Force withheld consent to publishing a summary",
}
STATE_LABELS = {**dict(TeamStatus.choices), **dict(PeerStatus.choices), **dict(RequestStatus.choices),
                **dict(GroupStatus.choices)}
