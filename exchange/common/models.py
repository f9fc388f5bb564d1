"""Models every programme shares: topics, and the activity log of every state change."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower


class Topic(models.Model):
    """One entry of the shared taxonomy that tags practice, visits, events and case studies."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names that mean this topic.")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="topic_name_unique_ci")]

    def __str__(self):
        return self.name

    @classmethod
    def for_user(cls, user):
        return cls.objects.all()


class ActivityQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=obj.pk,
        )

    def for_user(self, user):
        # The log records decisions about unpublished work: staff only.
        if user.is_authenticated and user.is_staff:
            return self
        return self.none()


class Activity(models.Model):
    """One row per state change or decision: who, what, when, from, to, why."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="activities",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    verb = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        verbose_name_plural = "activities"

    def __str__(self):
        return f"{self.verb} {self.content_type.model} #{self.object_id}"
