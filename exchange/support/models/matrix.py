"""The continuous improvement self-assessment matrix (kept by staff) and forces' scores on it."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from exchange.common.models import Topic
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..rules import can_run_support


class MatrixDimension(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    # What a gap here suggests a peer should know: the ranking matches these to expertise.
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MatrixLevel(models.Model):
    dimension = models.ForeignKey(MatrixDimension, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=60)
    description = models.TextField()

    class Meta:
        ordering = ["dimension", "level"]
        constraints = [models.UniqueConstraint(fields=["dimension", "level"],
                                               name="one_description_per_level")]

    def __str__(self):
        return f"{self.dimension}: {self.level} {self.name}"


class SelfAssessmentQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff see all; a lead their force's; a team member those of their requests."""
        if can_run_support(user):
            return self
        if not user.is_authenticated:
            return self.none()
        from .requests import SupportRequest

        return self.filter(models.Q(organisation_id__in=led_organisation_ids(user)) | models.Q(
            request__in=SupportRequest.objects.for_user(user))).distinct()


class SelfAssessment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="self_assessments")
    request = models.ForeignKey("support.SupportRequest", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="self_assessments")
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"], name="assessment_force_idx")]

    def __str__(self):
        return f"{self.organisation}, {self.created_at:%B %Y}" if self.created_at else str(
            self.organisation)

    def get_absolute_url(self):
        return reverse("support:assessment", args=[self.pk])


class DimensionScore(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(MatrixDimension, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("Where the force is now")
    target = models.PositiveSmallIntegerField("Where the force wants to be")
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "dimension__order", "dimension__name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "dimension"],
                                               name="one_score_per_dimension")]

    def __str__(self):
        return f"{self.dimension}: {self.level} of target {self.target}"

    @property
    def gap(self):
        return max(self.target - self.level, 0)
