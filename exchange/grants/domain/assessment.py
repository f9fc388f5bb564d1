"""The panel: organisers assign staff assessors, never one from the applicant's organisation;
each scores every criterion 0 to 5 with a comment; the ranking table weighs the scores.

The weighted score of an application is Σ(weight x mean score) / Σ weight over the criteria
scored; its spread is the largest minus the smallest of its assessors' own weighted totals,
so a wide spread shows the panel disagreed."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from exchange.common.domain import activity, log_activity
from exchange.common.models import Activity
from exchange.people.enums import MembershipStatus, StaffRole
from exchange.people.models import User

from ..enums import ASSESSED_STATES, MAX_SCORE, MIN_SCORE, ApplicationStatus, CallStatus
from ..models import GrantApplication, PanelAssignment, Score
from .calls import require_organiser


def staff_assessors():
    """Active people who hold the organiser or reviewer role (or administer the Exchange)."""
    roles = [StaffRole.ORGANISER, StaffRole.REVIEWER, StaffRole.ADMINISTRATOR]
    return (User.objects.filter(is_active=True).filter(
        Q(groups__name__in=roles) | Q(is_superuser=True)).distinct().order_by("full_name", "email"))


def possible_assessors(application):
    """The staff who may sit on ``application``'s panel: nobody from the applicant."""
    return staff_assessors().exclude(
        memberships__organisation_id=application.organisation_id,
        memberships__status=MembershipStatus.ACTIVE)


def conflicted_ids(assessors, application):
    """The ids among ``assessors`` who belong to the applicant organisation (an active
    membership). One query."""
    return set(User.objects.filter(
        pk__in=[assessor.pk for assessor in assessors],
        memberships__organisation_id=application.organisation_id,
        memberships__status=MembershipStatus.ACTIVE).values_list("pk", flat=True))


@transaction.atomic
def set_panel(*, application, assessors, actor):
    """Make ``assessors`` the application's panel: add the new ones, remove those left out
    (with any scores they gave). Refuses anyone who is not staff or who belongs to the
    applicant organisation. Side effects: rows, log."""
    require_organiser(actor)
    if application.status not in ASSESSED_STATES:
        raise ValidationError("A panel is assigned once the application is submitted.")
    allowed = set(possible_assessors(application).values_list("pk", flat=True))
    conflicted = conflicted_ids(assessors, application)
    for assessor in assessors:
        if assessor.pk in conflicted:
            raise ValidationError({"assessors": f"{assessor.get_full_name()} belongs to "
                                   f"{application.organisation.name}, the applicant: choose "
                                   "someone else"})
        if assessor.pk not in allowed:
            raise ValidationError({"assessors": f"{assessor.get_full_name()} is not an "
                                   "organiser or a reviewer, so cannot assess"})
    wanted = {assessor.pk: assessor for assessor in assessors}
    current = {a.assessor_id: a for a in application.panel.select_related("assessor")}
    removed = [current[pk] for pk in current if pk not in wanted]
    added = [wanted[pk] for pk in wanted if pk not in current]
    if removed:
        application.panel.filter(pk__in=[a.pk for a in removed]).delete()
    PanelAssignment.objects.bulk_create([
        PanelAssignment(application=application, assessor=assessor, assigned_by=actor)
        for assessor in added])
    Activity.objects.bulk_create(
        [activity(subject=application, actor=actor, verb="unassign",
                  note=a.assessor.get_full_name()) for a in removed]
        + [activity(subject=application, actor=actor, verb="assign",
                    note=assessor.get_full_name()) for assessor in added])
    return list(application.panel.all())


@transaction.atomic
def save_scores(*, assignment, actor, scores):
    """The assessor's scores: ``{criterion_id: (score, comment)}`` for every criterion of the
    call. Allowed until the application is decided. Side effects: rows, ``scored_at``, log."""
    if assignment.assessor_id != actor.pk:
        raise PermissionDenied("Only the assessor can score on their own scoring page.")
    application = assignment.application
    if application.status != ApplicationStatus.SUBMITTED or \
            application.call.status == CallStatus.DECIDED:
        raise ValidationError("The application has been decided, so scores are final.")
    criteria = list(application.call.criteria.all())
    problems = {}
    for criterion in criteria:
        score, _ = scores.get(criterion.pk, (None, ""))
        if score is None or not MIN_SCORE <= score <= MAX_SCORE:
            problems[f"score_{criterion.pk}"] = (f"Score “{criterion.name}” from {MIN_SCORE} "
                                                 f"to {MAX_SCORE}")
    if problems:
        raise ValidationError(problems)
    assignment.scores.all().delete()
    Score.objects.bulk_create([
        Score(assignment=assignment, criterion=criterion, score=scores[criterion.pk][0],
              comment=scores[criterion.pk][1] or "") for criterion in criteria])
    assignment.scored_at = timezone.now()
    assignment.save(update_fields=["scored_at"])
    log_activity(subject=application, actor=actor, verb="score")
    return assignment


# --- The arithmetic ----------------------------------------------------------------------------


def weighted_score(rows):
    """``rows`` are ``(assessor_id, criterion_id, weight, score)`` for one application.
    Returns ``(weighted score, spread)``, each None without scores.

    weighted score = Σ(weight x mean of the criterion's scores) / Σ weight;
    spread = max - min of the assessors' own weighted totals."""
    by_criterion, weights, by_assessor = defaultdict(list), {}, defaultdict(dict)
    for assessor, criterion, weight, score in rows:
        by_criterion[criterion].append(score)
        weights[criterion] = weight
        by_assessor[assessor][criterion] = score
    if not by_criterion:
        return None, None
    total_weight = sum(weights[c] for c in by_criterion)
    weighted = sum(weights[c] * sum(s) / len(s) for c, s in by_criterion.items()) / total_weight
    totals = [sum(weights[c] * s for c, s in given.items()) / sum(weights[c] for c in given)
              for given in by_assessor.values()]
    return round(weighted, 2), round(max(totals) - min(totals), 2)


def ranking(call):
    """The call's assessed applications with ``weighted``, ``spread``, ``assigned`` and
    ``scored`` set, best weighted score first (unscored last). Three queries however many."""
    applications = list(
        GrantApplication.objects.filter(call=call, status__in=ASSESSED_STATES)
        .select_related("organisation")
        .prefetch_related("budget_lines")
        .annotate(assigned=Count("panel", distinct=True),
                  scored=Count("panel", filter=Q(panel__scored_at__isnull=False), distinct=True)))
    rows = defaultdict(list)
    for application_id, assessor, criterion, weight, score in Score.objects.filter(
            assignment__application__in=[a.pk for a in applications]).values_list(
            "assignment__application_id", "assignment__assessor_id", "criterion_id",
            "criterion__weight", "score"):
        rows[application_id].append((assessor, criterion, weight, score))
    for application in applications:
        application.weighted, application.spread = weighted_score(rows[application.pk])
    applications.sort(key=lambda a: (a.weighted is None, -(a.weighted or 0), a.pk))
    return applications


def assignments_for(user):
    """The applications ``user`` is on the panel of, newest first, with whether they scored."""
    return (PanelAssignment.objects.filter(assessor=user, application__status__in=ASSESSED_STATES)
            .select_related("application__organisation", "application__call")
            .order_by("scored_at", "-assigned_at", "-id"))


def panel_score(assignments):
    """``(weighted score, spread)`` of one application from its :func:`scores_of` rows, as
    :func:`ranking` computes it, with no further query."""
    return weighted_score([(assignment.assessor_id, score.criterion_id, score.criterion.weight,
                            score.score)
                           for assignment in assignments for score in assignment.scores.all()])


def scores_of(application):
    """Each panel member's assignment with their scores (and criteria), for the decision page.
    Two queries."""
    return list(application.panel.select_related("assessor").prefetch_related(
        Prefetch("scores", queryset=Score.objects.select_related("criterion"))))
