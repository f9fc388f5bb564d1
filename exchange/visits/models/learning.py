"""After the visit: each visitor's learning points and six weekly check-ins."""

import datetime

from django.db import models
from django.utils import timezone

from ..enums import CHECK_IN_OPEN_DAYS
from ..rules import can_run_visits
from .application import Visitor
from .visit import Visit


class OwnedByVisitorQuerySet(models.QuerySet):
    def for_user(self, user):
        if can_run_visits(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(visitor__user=user)


class LearningPoint(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="learning_points")
    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="learning_points")
    question = models.CharField(max_length=500, blank=True,
                                help_text="The visit question this answers, if any.")
    theme = models.CharField(max_length=120, blank=True)
    key_learning = models.TextField()
    how_to_apply = models.TextField("How you will apply it at home")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedByVisitorQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.key_learning[:60]


class CheckIn(models.Model):
    """One weekly check-in. ``due_at`` follows the visit date; reminders are claimed once."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="check_ins")
    week = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField(db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    applied = models.TextField("What have you applied so far?", blank=True)
    obstacles = models.TextField("What stands in the way?", blank=True)
    wants_help = models.BooleanField("I would like help from the programme team", default=False)
    help_note = models.TextField("What help would be useful?", blank=True)

    objects = OwnedByVisitorQuerySet.as_manager()

    class Meta:
        ordering = ["visitor_id", "week"]
        constraints = [models.UniqueConstraint(fields=["visitor", "week"],
                                               name="one_check_in_per_week")]

    def __str__(self):
        return f"Week {self.week} check-in for {self.visitor.user}"

    @property
    def opens_at(self):
        """The start of the day its week begins: week 1 opens on the day of the visit."""
        day = timezone.localtime(self.due_at).date() - datetime.timedelta(days=CHECK_IN_OPEN_DAYS)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    @property
    def is_open(self):
        return timezone.now() >= self.opens_at
