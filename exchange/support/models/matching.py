"""Peer matching: groups of (typically four) forces on a topic, a jointly written topic guide,
each force's submission, a host day at each force, and the reports."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from exchange.common.models import Topic
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..enums import GroupStatus, QuestionStatus
from ..rules import can_run_support


class MatchingInterest(models.Model):
    """A force asks to join the next group on a topic."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    group = models.ForeignKey("MatchingGroup", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="interests")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["topic", "group"], name="interest_topic_group_idx")]

    def __str__(self):
        return f"{self.organisation} on {self.topic}"


class MatchingGroupQuerySet(models.QuerySet):
    def for_user(self, user):
        if can_run_support(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(forces__organisation_id__in=led_organisation_ids(user)).distinct()


class MatchingGroup(models.Model):
    title = models.CharField(max_length=200)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=GroupStatus.choices,
                              default=GroupStatus.FORMING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    guide_finalised_at = models.DateTimeField(null=True, blank=True)
    submissions_released_at = models.DateTimeField(null=True, blank=True)
    overall_report = models.TextField(blank=True)
    overall_report_shared_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MatchingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("support:group", args=[self.pk])


class GroupForce(models.Model):
    group = models.ForeignKey(MatchingGroup, on_delete=models.CASCADE, related_name="forces")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["group", "organisation"],
                                               name="one_place_per_force_in_group")]

    def __str__(self):
        return str(self.organisation)


class GuideQuestion(models.Model):
    group = models.ForeignKey(MatchingGroup, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    status = models.CharField(max_length=20, choices=QuestionStatus.choices,
                              default=QuestionStatus.PROPOSED)
    order = models.PositiveSmallIntegerField(default=0)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "order", "id"]

    def __str__(self):
        return self.text[:60]


class QuestionComment(models.Model):
    question = models.ForeignKey(GuideQuestion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "created_at", "id"]

    def __str__(self):
        return self.text[:60]


class Submission(models.Model):
    group = models.ForeignKey(MatchingGroup, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    interests = models.TextField("Processes or activities you want to see", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["group", "organisation"],
                                               name="one_submission_per_force")]

    def __str__(self):
        return f"{self.organisation}'s submission"


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(GuideQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField()

    class Meta:
        ordering = ["submission", "question__order", "question_id"]
        constraints = [models.UniqueConstraint(fields=["submission", "question"],
                                               name="one_answer_per_question")]

    def __str__(self):
        return self.text[:60]


class HostDay(models.Model):
    """One force hosts the others for a workshop; its individual report comes from the day."""

    group = models.ForeignKey(MatchingGroup, on_delete=models.CASCADE, related_name="host_days")
    host = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    online = models.BooleanField(default=False)
    venue = models.CharField(max_length=300, blank=True)
    joining_details = models.TextField(blank=True)
    attendees = models.TextField("Who attends", blank=True)
    report = models.TextField(blank=True)
    report_shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "host"], name="one_host_day_per_force"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="host_day_ends_after_start",
                                   violation_error_message="The workshop must end after it starts."),
        ]

    def __str__(self):
        return f"{self.host} hosts {self.group}"
