"""The panel: staff assessors assigned to an application, and their scores per criterion."""

from django.conf import settings
from django.db import models

from ..enums import MAX_SCORE, MIN_SCORE
from .applications import GrantApplication
from .calls import Criterion


class PanelAssignment(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE,
                                    related_name="panel")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="grant_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessor__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "assessor"],
                                               name="one_assignment_per_assessor")]

    def __str__(self):
        return f"{self.assessor} on {self.application}"


class Score(models.Model):
    assignment = models.ForeignKey(PanelAssignment, on_delete=models.CASCADE,
                                   related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"],
                                    name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                                   name="grant_score_in_range",
                                   violation_error_message=f"Enter a score from {MIN_SCORE} "
                                                           f"to {MAX_SCORE}"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
