from django.db import models


class OrganisationType(models.TextChoices):
    TERRITORIAL_POLICE = "territorial_police", "Territorial police force"
    NATIONAL_POLICE = "national_police", "National police body"
    OTHER_UK_POLICE = "other_uk_police", "Other UK police service"
    PUBLIC_SECTOR = "public_sector", "Public sector"
    PRIVATE_SECTOR = "private_sector", "Private sector"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    ACADEMIC = "academic", "Academic"
    OTHER = "other", "Other"


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    LEAD = "lead", "Organisation lead"


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    ACTIVE = "active", "Active"
    DECLINED = "declined", "Declined"


class StaffRole(models.TextChoices):
    """Staff roles are Django groups with these names."""

    REVIEWER = "Reviewer", "Reviewer"
    EDITOR = "Editor", "Editor"
    ORGANISER = "Organiser", "Organiser"
    ADMINISTRATOR = "Administrator", "Administrator"


class ReviewEmails(models.TextChoices):
    """How a reviewer hears of entries sent for review."""

    EACH = "each", "An email for each entry as it is sent"
    DAILY = "daily", "One email a day listing the entries sent that day"
