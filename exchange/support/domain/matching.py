"""Peer matching: forces ask to join a topic's next group, organisers form groups (helped by
suggestions from the forces' self-assessments), the group writes a topic guide, each force
answers it, each force hosts a day, and the reports close the group.

A group's material is confidential to organisers and the leads of the group's forces: every
email here goes to those people only. Another force's submission is shown inside the group only
once every force has submitted or organisers release the submissions.
"""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.calendar import CalendarEvent, calendar_bytes
from exchange.common.domain import log_activity
from exchange.mail.domain import Email, queue_emails
from exchange.people.recipients import leads_of, organisers
from exchange.people.rules import led_organisation_ids

from ..enums import GroupStatus, QuestionStatus
from ..models import (
    Answer,
    GroupForce,
    GuideQuestion,
    HostDay,
    MatchingGroup,
    MatchingInterest,
    QuestionComment,
    Submission,
)
from ..rules import can_run_support
from .states import GROUPS

OPEN_STATES = frozenset(GROUPS.transitions["cancel"][0])
MAX_FORCES = 8

# What the group page calls each action, and what it says once done.
GROUP_ACTION_LABELS = {
    "start_guide": "Start the topic guide",
    "finalise_guide": "Finalise the topic guide",
    "release_submissions": "Share the submissions now",
    "start_reporting": "Start reporting",
    "share_report": "Share the overall report",
    "cancel": "Cancel the group",
}
NEXT_STEPS = {
    GroupStatus.FORMING: "Organisers start the topic guide when the forces are settled.",
    GroupStatus.GUIDE: "Every force proposes and comments on questions; organisers finalise "
                       "the guide.",
    GroupStatus.SUBMISSIONS: "Each force writes its submission. They are shared when the last "
                             "force submits.",
    GroupStatus.HOST_DAYS: "Each force hosts the others for a workshop.",
    GroupStatus.REPORTING: "Organisers write each force's report and the overall report.",
    GroupStatus.CLOSED: "The overall report is shared. The group has finished.",
    GroupStatus.CANCELLED: "The group was cancelled.",
}


# --- Who ---------------------------------------------------------------------------------


def group_force_ids(group):
    return set(GroupForce.objects.filter(group=group).values_list("organisation_id", flat=True))


def group_people(group):
    """Everyone a group's email goes to: the leads of its forces and the organisers."""
    people = {user.pk: user for user in [*leads_of(group_force_ids(group)), *organisers()]}
    return sorted(people.values(), key=lambda user: user.email)


def lead_force(group, user):
    """The group's force that ``user`` leads (the first by name), or None."""
    led = led_organisation_ids(user)
    if not led:
        return None
    place = (GroupForce.objects.filter(group=group, organisation_id__in=led)
             .select_related("organisation").order_by("organisation__name").first())
    return place.organisation if place else None


def email_group(group, template, context, *, people=None, attachments=()):
    people = group_people(group) if people is None else people
    return queue_emails(Email(to=user.email, template=template, attachments=attachments,
                              context={"group": group, "person": user, **context})
                        for user in people)


# --- Asking to join ----------------------------------------------------------------------


@transaction.atomic
def ask_to_join(*, organisation, topic, actor, note=""):
    """Record that ``organisation`` wants a place in the next group on ``topic``.

    One open interest (not yet placed in a group) per force and topic. Side effects: one
    ``MatchingInterest`` row; an email to each organiser.
    """
    if MatchingInterest.objects.filter(organisation=organisation, topic=topic,
                                       group__isnull=True).exists():
        raise ValidationError({"topic": f"{organisation} has already asked to join the next "
                                        f"group on {topic}."})
    interest = MatchingInterest.objects.create(organisation=organisation, topic=topic,
                                               note=note.strip(), requested_by=actor)
    queue_emails(Email(to=user.email, template="matching_interest_received",
                       context={"interest": interest, "person": user})
                 for user in organisers())
    return interest


def waiting_interests():
    """Interests not yet placed in a group, by topic: ``[(topic, [interest, …]), …]``."""
    by_topic = {}
    for interest in (MatchingInterest.objects.filter(group__isnull=True)
                     .select_related("organisation", "topic").order_by("topic__name", "created_at")):
        by_topic.setdefault(interest.topic, []).append(interest)
    return list(by_topic.items())


# --- Forming a group ---------------------------------------------------------------------


@transaction.atomic
def form_group(*, title, topic, organisations, actor):
    """Form a group of ``organisations`` on ``topic``.

    Side effects: the group and a ``GroupForce`` per force; the forces' open interests in the
    topic are placed in the group; an activity-log row; an email to the leads of the forces.
    """
    organisations = list(dict.fromkeys(organisations))
    if len(organisations) < 2:
        raise ValidationError({"organisations": "Select at least two forces for the group."})
    if len(organisations) > MAX_FORCES:
        raise ValidationError({"organisations": f"Select {MAX_FORCES} forces or fewer: each "
                                                "force hosts all the others."})
    group = MatchingGroup.objects.create(title=title.strip(), topic=topic, created_by=actor)
    GroupForce.objects.bulk_create(GroupForce(group=group, organisation=organisation)
                                   for organisation in organisations)
    MatchingInterest.objects.filter(topic=topic, group__isnull=True,
                                    organisation__in=organisations).update(group=group)
    log_activity(subject=group, actor=actor, verb="form_group", to_state=group.status,
                 note=", ".join(sorted(o.name for o in organisations)))
    email_group(group, "matching_group_formed", {"forces": sorted(o.name for o in organisations)},
                 people=leads_of(o.pk for o in organisations))
    return group


# --- Moving a group on -------------------------------------------------------------------


def allowed_actions(group):
    return GROUPS.allowed_actions(group)


@transaction.atomic
def change_group_state(*, group, action, actor, note=""):
    """Move ``group`` on by ``action`` (``GROUP_TRANSITIONS``), with each action's own checks.

    Side effects: the state and an activity-log row (``GROUPS``); and by action:
    ``finalise_guide`` drops the questions still proposed, stamps ``guide_finalised_at`` and
    emails the leads "Action needed: write your submission"; ``release_submissions`` stamps
    ``submissions_released_at`` and emails the group; ``share_report`` stamps
    ``overall_report_shared_at`` and emails the group; ``cancel`` (a reason is required)
    emails the group.
    """
    group = MatchingGroup.objects.select_for_update().get(pk=group.pk)
    check = _CHECKS.get(action)
    if check:
        check(group, note)
    fields = _STAMPS.get(action, ())
    for field in fields:
        setattr(group, field, timezone.now())
    GROUPS.change(group, action=action, actor=actor, note=note.strip(), extra_fields=fields)
    if action == "finalise_guide":
        GuideQuestion.objects.filter(group=group, status=QuestionStatus.PROPOSED).update(
            status=QuestionStatus.DROPPED)
        email_group(group, "matching_guide_finalised", {}, people=leads_of(group_force_ids(group)))
    elif action in _EMAILS:
        email_group(group, _EMAILS[action], {"note": note.strip()})
    return group


def _check_finalise(group, note):
    if not GuideQuestion.objects.filter(group=group, status=QuestionStatus.INCLUDED).exists():
        raise ValidationError("Include at least one question in the guide before finalising it.")


def _check_cancel(group, note):
    if not note.strip():
        raise ValidationError({"note": "Enter why the group is cancelled."})


def _check_share(group, note):
    if not group.overall_report.strip():
        raise ValidationError("Write the overall report before sharing it.")


def _check_start_guide(group, note):
    if GroupForce.objects.filter(group=group).count() < 2:
        raise ValidationError("A group needs at least two forces before the guide starts.")


_CHECKS = {"start_guide": _check_start_guide, "finalise_guide": _check_finalise,
           "cancel": _check_cancel, "share_report": _check_share}
_STAMPS = {"finalise_guide": ("guide_finalised_at",),
           "release_submissions": ("submissions_released_at",),
           "share_report": ("overall_report_shared_at",)}
_EMAILS = {"release_submissions": "matching_submissions_released",
           "share_report": "matching_report_shared", "cancel": "matching_group_cancelled"}


# --- The topic guide ---------------------------------------------------------------------


def _require_guide_open(group):
    if group.status != GroupStatus.GUIDE:
        raise ValidationError("The topic guide can only change while the group is writing it.")


def propose_question(*, group, text, actor):
    """A question for the guide, from a force's lead or an organiser. Side effects: the
    question (proposed, last in order); an activity-log row."""
    _require_guide_open(group)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the question."})
    last = GuideQuestion.objects.filter(group=group).order_by("-order").first()
    question = GuideQuestion.objects.create(
        group=group, text=text, proposed_by=actor, organisation=lead_force(group, actor),
        order=(last.order + 1) if last else 0)
    log_activity(subject=group, actor=actor, verb="propose_question", note=text[:200])
    return question


def comment_on_question(*, question, text, actor):
    """Side effect: a comment row on the question."""
    _require_guide_open(question.group)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your comment."})
    return QuestionComment.objects.create(question=question, author=actor, text=text,
                                          organisation=lead_force(question.group, actor))


def set_question_status(*, question, status, actor):
    """Include or drop a question (organisers). Side effect: its status; an activity-log row."""
    _require_guide_open(question.group)
    if status not in QuestionStatus.values:
        raise ValidationError("Choose whether the question is in the guide.")
    question.status = status
    question.save(update_fields=["status"])
    log_activity(subject=question.group, actor=actor, verb=f"question_{status}",
                 note=question.text[:200])
    return question


@transaction.atomic
def move_question(*, question, direction, actor):
    """Swap the question with its neighbour above (``up``) or below (``down``). Side effect:
    every question of the guide renumbered in its order."""
    _require_guide_open(question.group)
    questions = list(GuideQuestion.objects.select_for_update().filter(group=question.group))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for order, item in enumerate(questions):
        item.order = order
    GuideQuestion.objects.bulk_update(questions, ["order"])
    return question


def guide_questions(group, *, included_only=False):
    questions = GuideQuestion.objects.filter(group=group).select_related("organisation")
    if included_only:
        questions = questions.filter(status=QuestionStatus.INCLUDED)
    return questions.prefetch_related("comments__author", "comments__organisation")


# --- Submissions -------------------------------------------------------------------------


def submission_of(group, organisation):
    return (Submission.objects.filter(group=group, organisation=organisation)
            .prefetch_related("answers").first())


@transaction.atomic
def save_submission(*, group, organisation, answers, actor, interests="", submit=False):
    """Save ``organisation``'s answers (``{question id: text}``) to the guide; with ``submit``,
    send it. When the last force submits, the submissions are shared with the group.

    Refuses an answer to a question that is not in the guide, any change once sent, and a
    submission without an answer to every question (naming the first one missing, keyed
    ``question_<id>``). Side effects: the submission and its answers; on submit an
    activity-log row, and possibly ``release_submissions`` (see :func:`change_group_state`).
    """
    group = MatchingGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != GroupStatus.SUBMISSIONS:
        raise ValidationError("Submissions can only be written once the guide is finalised and "
                              "before they are shared.")
    questions = {q.pk: q for q in GuideQuestion.objects.filter(
        group=group, status=QuestionStatus.INCLUDED)}
    answers = {int(pk): (text or "").strip() for pk, text in answers.items()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise ValidationError({f"question_{unknown[0]}": f"Question {unknown[0]} is not in this "
                                                         "group's guide."})
    submission, _ = Submission.objects.get_or_create(group=group, organisation=organisation,
                                                     defaults={"written_by": actor})
    if submission.submitted_at:
        raise ValidationError(f"{organisation}'s submission has already been sent.")
    if submit:
        _check_complete(questions, answers, submission)
    _write_answers(submission, answers)
    submission.interests = interests.strip()
    submission.written_by = actor
    submission.submitted_at = timezone.now() if submit else None
    submission.save()
    if submit:
        log_activity(subject=group, actor=actor, verb="submit", note=str(organisation))
        _release_when_all_submitted(group, actor)
    return submission


def _check_complete(questions, answers, submission):
    saved = dict(submission.answers.values_list("question_id", "text"))
    for pk, question in questions.items():
        if not answers.get(pk, saved.get(pk, "")).strip():
            raise ValidationError({f"question_{pk}": f"Answer the question “{question.text}” "
                                                     "before sending your submission."})


def _write_answers(submission, answers):
    existing = {a.question_id: a for a in submission.answers.all()}
    changed, new = [], []
    for pk, text in answers.items():
        if pk in existing:
            existing[pk].text = text
            changed.append(existing[pk])
        elif text:
            new.append(Answer(submission=submission, question_id=pk, text=text))
    Answer.objects.bulk_update(changed, ["text"])
    Answer.objects.bulk_create(new)


def _release_when_all_submitted(group, actor):
    waiting = (GroupForce.objects.filter(group=group)
               .exclude(organisation_id__in=Submission.objects.filter(
                   group=group, submitted_at__isnull=False).values("organisation_id")))
    if not waiting.exists():
        change_group_state(group=group, action="release_submissions", actor=actor,
                           note="Every force has submitted.")


def submissions_released(group):
    return group.submissions_released_at is not None


def visible_submissions(group, user):
    """The submissions ``user`` may read: all sent ones once released (organisers: all, sent
    or not, at any time); before that, a lead only their own force's."""
    submissions = (Submission.objects.filter(group=group).select_related("organisation")
                   .prefetch_related("answers"))
    if can_run_support(user):
        return list(submissions)
    if submissions_released(group):
        return list(submissions.filter(submitted_at__isnull=False))
    return list(submissions.filter(organisation_id__in=led_organisation_ids(user)))


def side_by_side(questions, submissions):
    """``[(question, [(submission, answer text), …]), …]`` for the page that compares them."""
    answers = {(a.submission_id, a.question_id): a.text
               for s in submissions for a in s.answers.all()}
    return [(q, [(s, answers.get((s.pk, q.pk), "")) for s in submissions]) for q in questions]


# --- Host days ---------------------------------------------------------------------------


@transaction.atomic
def schedule_host_day(*, group, host, starts_at, ends_at, actor, online=False, venue="",
                      joining_details="", attendees=""):
    """Schedule (or move) the day ``host`` hosts the rest of the group, and email everyone in
    the group an invitation with the day's ``.ics`` attached.

    Side effects: the ``HostDay`` row (one per host); an activity-log row; emails.
    """
    if group.status not in OPEN_STATES:
        raise ValidationError("Host days can only be scheduled for a group that is running.")
    if host.pk not in group_force_ids(group):
        raise ValidationError({"host": f"{host} is not in this group."})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The workshop must end after it starts."})
    if online and not joining_details.strip():
        raise ValidationError({"joining_details": "Enter how to join the online workshop."})
    if not online and not venue.strip():
        raise ValidationError({"venue": "Enter the venue, or say the workshop is online."})
    day, _ = HostDay.objects.update_or_create(group=group, host=host, defaults={
        "starts_at": starts_at, "ends_at": ends_at, "online": online, "venue": venue.strip(),
        "joining_details": joining_details.strip(), "attendees": attendees.strip()})
    log_activity(subject=group, actor=actor, verb="schedule_host_day",
                 note=f"{host}: {timezone.localtime(starts_at):%-d %B %Y %H:%M}")
    email_group(group, "matching_host_day", {"day": day},
                 attachments=[(f"host-day-{day.pk}.ics", host_day_ics(day), "text/calendar")])
    return day


def host_day_event(day):
    where = "Online" if day.online else day.venue
    description = f"{day.host} hosts the peer-matching group {day.group.title}."
    if day.joining_details:
        description += f"\n\nHow to join:\n{day.joining_details}"
    if day.attendees:
        description += f"\n\nWho attends:\n{day.attendees}"
    return CalendarEvent(
        uid=f"matching-host-day-{day.pk}@learning-exchange",
        summary=f"Host day at {day.host}: {day.group.title}", starts=day.starts_at,
        ends=day.ends_at, description=description, location=where,
        url=settings.SITE_URL + day.group.get_absolute_url())


def host_day_ics(day):
    return calendar_bytes([host_day_event(day)], name=f"Host day: {day.group.title}")


def host_days(group):
    return list(HostDay.objects.filter(group=group).select_related("host", "group"))
