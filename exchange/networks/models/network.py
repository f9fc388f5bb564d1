"""Networks, who belongs to them, their meetings, and proposals for new ones."""

from django.conf import settings
from django.db import models

from exchange.common.models import Topic

from ..enums import MemberRole, MembershipStatus, NetworkStatus

__all__ = ["Network", "NetworkMembership"]


class Network(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="networks")
    purpose = models.TextField()
    audience = models.TextField(blank=True)
    is_closed = models.BooleanField(
        default=False, help_text="A facilitator approves each request to join.")
    status = models.CharField(max_length=20, choices=NetworkStatus, default=NetworkStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self):
        return self.name


class NetworkMembership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="network_memberships")
    role = models.CharField(max_length=20, choices=MemberRole, default=MemberRole.MEMBER)
    status = models.CharField(max_length=20, choices=MembershipStatus,
                              default=MembershipStatus.PENDING)
    notify_posts = models.BooleanField(
        default=True, help_text="Email me when someone starts a thread or replies.")
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network", "user"]
        constraints = [models.UniqueConstraint(fields=["network", "user"],
                                               name="one_membership_per_network")]
        indexes = [models.Index(fields=["user", "status"]),
                   models.Index(fields=["network", "status", "role"])]

    def __str__(self):
        return f"{self.user} in {self.network}"
