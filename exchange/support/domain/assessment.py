"""A force's self-assessment against the continuous improvement matrix, and how it is drawn.

Staff keep the matrix (dimensions, each with levels described in words) in the admin. A force
scores each active dimension with where it is now, where it wants to be and its evidence; a draft
can be saved and finished later, a submitted one stays as it was so a later one can be set
beside it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.people.rules import led_organisation_ids

from ..enums import RequestStatus
from ..models import DimensionScore, MatrixDimension, MatrixLevel, SelfAssessment
from ..rules import can_run_support

# A request that has ended keeps the assessment it had.
ENDED = frozenset({RequestStatus.DECLINED, RequestStatus.WITHDRAWN, RequestStatus.CLOSED})


def active_dimensions():
    """The matrix as forces score it: active dimensions in order, each with its levels."""
    return list(MatrixDimension.objects.filter(active=True).prefetch_related(
        Prefetch("levels", queryset=MatrixLevel.objects.order_by("level"))))


def level_range(dimension):
    levels = [level.level for level in dimension.levels.all()]
    return (min(levels), max(levels)) if levels else (1, 1)


def _check_score(dimension, score, *, complete):
    """The problems with one dimension's score, keyed by the form's field names."""
    errors = {}
    low, high = level_range(dimension)
    for part, words in (("level", "where the force is now"), ("target", "the target level")):
        value = score.get(part)
        key = f"{part}_{dimension.pk}"
        if value is None:
            if complete:
                errors[key] = f"Select {words} for {dimension.name}"
        elif not low <= value <= high:
            errors[key] = (f"Choose {words} for {dimension.name} between level {low} and "
                           f"level {high}: it has no level {value}")
    level, target = score.get("level"), score.get("target")
    if level is not None and target is not None and not errors and target < level:
        errors[f"target_{dimension.pk}"] = (f"Set the target for {dimension.name} at or above "
                                            f"where the force is now (level {level})")
    return errors


def draft_for(*, organisation, request=None):
    """The force's unsubmitted assessment (for ``request`` when given), or None."""
    return (SelfAssessment.objects.filter(organisation=organisation, request=request,
                                          submitted_at__isnull=True)
            .order_by("-created_at").first())


def save_assessment(*, organisation, actor, scores, request=None, submit=False):
    """Save the force's self-assessment: its draft, made if there is none, is updated.

    ``scores`` maps a dimension's id to ``{"level", "target", "evidence"}`` (any may be None or
    missing while drafting). To submit, every active dimension needs a level and a target.
    Side effects: the ``SelfAssessment`` and its ``DimensionScore`` rows; ``submitted_at`` on
    submission; an activity-log row (on the request when there is one). Returns the assessment.
    """
    if not (can_run_support(actor) or organisation.pk in led_organisation_ids(actor)):
        raise PermissionDenied("Only the force's lead and the programme team assess the force.")
    if request is not None and request.status in ENDED:
        raise ValidationError(f"The request is {request.get_status_display().lower()}: its "
                              "self-assessment is kept as it was.")
    dimensions = active_dimensions()
    known = {dimension.pk for dimension in dimensions}
    unknown = sorted(set(scores) - known)
    if unknown:
        raise ValidationError({"scores": f"Dimension {unknown[0]} is not in the matrix: "
                                         "score only the matrix's active dimensions"})
    errors = {}
    for dimension in dimensions:
        errors.update(_check_score(dimension, scores.get(dimension.pk, {}), complete=submit))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = draft_for(organisation=organisation, request=request) or \
            SelfAssessment.objects.create(organisation=organisation, request=request,
                                          completed_by=actor)
        _write_scores(assessment, dimensions, scores)
        assessment.completed_by = actor
        if submit:
            assessment.submitted_at = timezone.now()
        assessment.save()
        log_activity(subject=request or assessment, actor=actor, verb="assess",
                     note="Submitted" if submit else "Draft saved")
    return assessment


def _write_scores(assessment, dimensions, scores):
    DimensionScore.objects.filter(assessment=assessment).delete()
    rows = []
    for dimension in dimensions:
        score = scores.get(dimension.pk) or {}
        if score.get("level") is None or score.get("target") is None:
            continue  # a draft keeps only what is complete enough to draw
        rows.append(DimensionScore(assessment=assessment, dimension=dimension,
                                   level=score["level"], target=score["target"],
                                   evidence=(score.get("evidence") or "").strip()))
    DimensionScore.objects.bulk_create(rows)


# --- Reading an assessment ---------------------------------------------------------------

def scores_of(assessment):
    return list(assessment.scores.select_related("dimension").order_by(
        "dimension__order", "dimension__name"))


@dataclass(frozen=True)
class Bar:
    dimension: str
    level: int
    target: int
    gap: int
    y: int  # top of the dimension's row
    level_width: int
    target_width: int
    label_y: int


@dataclass(frozen=True)
class Chart:
    """What the SVG chart of an assessment needs: its size, the scale's ticks and the bars."""

    width: int
    height: int
    left: int
    plot_width: int
    ticks: list
    bars: list


CHART_ROW = 56
CHART_LEFT = 230
CHART_WIDTH = 640


def chart(scores, *, top_level=5):
    """Current and target bars per dimension, scaled to ``top_level``."""
    plot = CHART_WIDTH - CHART_LEFT - 20
    scale = plot / top_level if top_level else 0
    bars = [Bar(s.dimension.name, s.level, s.target, s.gap, 30 + i * CHART_ROW,
                round(s.level * scale), round(s.target * scale), 30 + i * CHART_ROW + 24)
            for i, s in enumerate(scores)]
    ticks = [{"level": n, "x": CHART_LEFT + round(n * scale)} for n in range(top_level + 1)]
    return Chart(CHART_WIDTH, 50 + len(bars) * CHART_ROW, CHART_LEFT, plot, ticks, bars)


def top_level(dimensions):
    return max((level.level for d in dimensions for level in d.levels.all()), default=5)


@dataclass(frozen=True)
class Comparison:
    dimension: str
    earlier: object  # a DimensionScore or None
    later: object

    @property
    def change(self):
        if self.earlier is None or self.later is None:
            return None
        return self.later.level - self.earlier.level


def compare(earlier, later):
    """Row per dimension scored in either assessment: both scores and the change in level."""
    first = {s.dimension_id: s for s in scores_of(earlier)}
    second = {s.dimension_id: s for s in scores_of(later)}
    dimensions = {s.dimension_id: s.dimension for s in [*first.values(), *second.values()]}
    ordered = sorted(dimensions.values(), key=lambda d: (d.order, d.name))
    return [Comparison(d.name, first.get(d.pk), second.get(d.pk)) for d in ordered]
