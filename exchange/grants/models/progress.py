"""A funded project's progress reports and its final report, at dates organisers set."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from exchange.practice.models import Practice

from .applications import GrantApplication


class ProgressReport(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE,
                                    related_name="reports")
    due_on = models.DateField("Due on")
    is_final = models.BooleanField("Final report", default=False)
    what_was_done = models.TextField(blank=True)
    results = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # Claimed with one conditional UPDATE by the reminder job, so it is sent once.
    reminded_at = models.DateTimeField(null=True, blank=True)
    practice = models.ForeignKey(Practice, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="grant_reports",
                                 help_text="The practice-bank entry made from a final report.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["application"], condition=Q(is_final=True),
                                               name="one_final_report_per_application",
                                               violation_error_message="This project already has "
                                                                       "a final report date")]
        indexes = [models.Index(fields=["due_on"], condition=Q(submitted_at__isnull=True,
                                                               reminded_at__isnull=True),
                                name="grant_report_reminder_due")]

    def __str__(self):
        kind = "Final report" if self.is_final else "Progress report"
        return f"{kind} due {self.due_on:%d %B %Y}"

    @property
    def kind(self):
        return "final report" if self.is_final else "progress report"
