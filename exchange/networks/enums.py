"""The states of improvement networks (docs/design/events-networks-grants.md)."""

from django.db import models


class NetworkStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


class MemberRole(models.TextChoices):
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a facilitator"
    ACTIVE = "active", "Member"
    LEFT = "left", "Left"
    REFUSED = "refused", "Not approved"


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
