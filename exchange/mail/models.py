"""The email outbox: every email the Exchange sends is a row here first."""

from django.db import models

from .enums import OutboxStatus


class OutboxQuerySet(models.QuerySet):
    def for_user(self, user):
        if user.has_perm("mail.view_outbox"):
            return self
        return self.none()


class OutboxMessage(models.Model):
    template = models.CharField(max_length=100, db_index=True,
                                help_text="The purpose, which names the templates it came from.")
    to = models.EmailField(db_index=True)
    subject = models.CharField(max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True,
                               help_text="Extra email headers, such as List-Unsubscribe.")
    status = models.CharField(max_length=20, choices=OutboxStatus.choices,
                              default=OutboxStatus.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True,
                                           help_text="After a failed send: when to try again.")
    claimed_at = models.DateTimeField(null=True, blank=True,
                                      help_text="When a worker claimed it for sending.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class OutboxAttachment(models.Model):
    """A file sent with an outbox message (a calendar invitation, background material)."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    mimetype = models.CharField(max_length=120)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.filename
