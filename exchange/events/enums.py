"""The kinds and states of events (docs/design/events-networks-grants.md)."""

from django.db import models


class EventKind(models.TextChoices):
    KNOWLEDGE_SHARING = "knowledge_sharing", "Knowledge sharing event"
    SEMINAR = "seminar", "Online seminar"
    MEMBERSHIP_GROUP = "membership_group", "Membership group meeting"
    WORKSHOP = "workshop", "Workshop"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"
    CANCELLED = "cancelled", "Cancelled"
    WITHDRAWN = "withdrawn", "Left the waiting list"
    PASSED = "passed", "Place not taken up"


class MaterialsAudience(models.TextChoices):
    MEMBERS = "members", "Members of the Exchange"
    ATTENDEES = "attendees", "People who attended"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for a decision"
    ACCEPTED = "accepted", "Accepted"
    MERGED = "merged", "Merged into a planned event"
    DECLINED = "declined", "Declined"
