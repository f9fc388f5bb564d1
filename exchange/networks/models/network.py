"""Networks, who belongs to them, and proposals for new ones."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from exchange.common.models import Topic

from ..enums import MemberRole, MembershipStatus, NetworkStatus, ProposalStatus
from ..rules import can_run_networks

__all__ = ["Network", "NetworkMembership", "NetworkProposal"]


class NetworkQuerySet(models.QuerySet):
    def for_user(self, user):
        """The networks ``user`` may find: every active one; organisers see archived ones too."""
        return self if can_run_networks(user) else self.filter(status=NetworkStatus.ACTIVE)

    def with_member_count(self):
        return self.annotate(member_count=Count(
            "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE)))

    def search(self, text):
        """Networks whose name, purpose or topic mention ``text`` (every word of it)."""
        rows = self
        for word in text.split():
            rows = rows.filter(Q(name__icontains=word) | Q(purpose__icontains=word)
                               | Q(topic__name__icontains=word))
        return rows


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

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.slug])


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def facilitators(self):
        return self.active().filter(role=MemberRole.FACILITATOR)

    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)


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

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "user"]
        constraints = [models.UniqueConstraint(fields=["network", "user"],
                                               name="one_membership_per_network")]
        indexes = [models.Index(fields=["user", "status"]),
                   models.Index(fields=["network", "status", "role"])]

    def __str__(self):
        return f"{self.user} in {self.network}"

    @property
    def is_facilitator(self):
        return self.status == MembershipStatus.ACTIVE and self.role == MemberRole.FACILITATOR


class NetworkProposal(models.Model):
    """Someone's proposal to start a network. Approving it creates the network, with the
    proposer as its first facilitator."""

    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="network_proposals")
    name = models.CharField(max_length=150)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    purpose = models.TextField()
    audience = models.TextField()
    facilitation = models.TextField(help_text="Who will facilitate, and how often it will meet.")
    status = models.CharField(max_length=20, choices=ProposalStatus,
                              default=ProposalStatus.SUBMITTED)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    network = models.OneToOneField(Network, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="proposal")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.name
