"""Page feedback: answers to "Was this page useful?".

A row holds what was said about a page and when, nothing about who said it: no user, session,
address or browser. The reasons are four booleans rather than a list, so the report counts each
with one aggregate on SQLite and PostgreSQL alike; :attr:`PageFeedback.reasons` gives them back
as a list of :class:`~exchange.feedback.enums.Reason`.
"""

from django.db import models
from django.db.models import Q

from .enums import Reason

PATH_MAX_LENGTH = 300
OTHER_TEXT_MAX_LENGTH = 1200
# Reason -> the column that says it was given.
REASON_FIELDS = {
    Reason.NOT_FOUND: "reason_not_found",
    Reason.NOT_RELEVANT: "reason_not_relevant",
    Reason.TOO_COMPLICATED: "reason_too_complicated",
    Reason.OTHER: "reason_other",
}


class PageFeedback(models.Model):
    path = models.CharField(max_length=PATH_MAX_LENGTH)
    useful = models.BooleanField()
    reason_not_found = models.BooleanField(default=False)
    reason_not_relevant = models.BooleanField(default=False)
    reason_too_complicated = models.BooleanField(default=False)
    reason_other = models.BooleanField(default=False)
    other_text = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "page feedback answer"
        indexes = [models.Index(fields=["path", "created_at"], name="feedback_path_created"),
                   models.Index(fields=["created_at"], name="feedback_created")]
        constraints = [
            # "Yes" carries no reasons; "No" carries at least one; only "Other" carries text.
            models.CheckConstraint(
                condition=Q(useful=False) | Q(reason_not_found=False, reason_not_relevant=False,
                                              reason_too_complicated=False, reason_other=False),
                name="feedback_useful_has_no_reasons"),
            models.CheckConstraint(
                condition=Q(useful=True) | Q(reason_not_found=True) | Q(reason_not_relevant=True)
                | Q(reason_too_complicated=True) | Q(reason_other=True),
                name="feedback_not_useful_has_a_reason"),
            models.CheckConstraint(condition=Q(reason_other=True) | Q(other_text=""),
                                   name="feedback_text_only_with_other"),
        ]

    def __str__(self):
        return f"{self.path}: {'useful' if self.useful else 'not useful'}"

    @property
    def reasons(self):
        return [reason for reason, field in REASON_FIELDS.items() if getattr(self, field)]
