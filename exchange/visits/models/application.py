"""Applications for places, the visitors they name, the waiting list and offers of freed places."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from exchange.common import places
from exchange.people.enums import MembershipRole, MembershipStatus
from exchange.people.models import Organisation

from ..enums import ApplicationStatus, Place
from ..rules import can_run_visits
from .visit import Visit


def _lead_organisation_ids(user):
    return user.memberships.filter(role=MembershipRole.LEAD, status=MembershipStatus.ACTIVE
                                   ).values("organisation_id")


class ForceScopedQuerySet(models.QuerySet):
    """Organisers see every row; a lead the rows of their force; a visitor the rows naming them.

    Each subclass says where its force and its visitors are; a path through a many-valued
    relation needs ``distinct()`` so a row naming two visitors is listed once.
    """

    organisation_path = "organisation"
    visitor_path = "visitors__user"

    def for_user(self, user):
        if can_run_visits(user):
            return self
        if not user.is_authenticated:
            return self.none()
        rows = self.filter(Q(**{f"{self.organisation_path}__in": _lead_organisation_ids(user)})
                           | Q(**{self.visitor_path: user}))
        return rows.distinct() if "__" in self.visitor_path else rows


class ApplicationQuerySet(ForceScopedQuerySet):
    def active(self):
        return self.filter(status=ApplicationStatus.ACTIVE)


class Application(models.Model):
    """A force's application for places on one visit, made by its organisation lead."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="visit_applications")
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="visit_applications")
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.ACTIVE)
    applied_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [models.UniqueConstraint(
            fields=["visit", "organisation"], condition=Q(status="active"),
            name="one_active_application_per_force")]

    def __str__(self):
        return f"{self.organisation} for {self.visit}"


class VisitorQuerySet(ForceScopedQuerySet):
    organisation_path = "application__organisation"
    visitor_path = "user"

    def current(self):
        return self.exclude(place=Place.WITHDRAWN)

    def placed(self):
        return self.filter(place=Place.PLACED)


class Visitor(models.Model):
    """One colleague named in an application, and where they stand for a place."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="visitors")
    # Copied from the application so places are counted on one table under the visit's lock.
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="visitors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="visit_places")
    role = models.CharField(max_length=200)
    questions = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order named by the lead.")
    place = models.CharField(max_length=20, choices=Place.choices, default=Place.APPLIED,
                             db_index=True)
    waiting_entry = models.ForeignKey("WaitingEntry", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="visitors")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = VisitorQuerySet.as_manager()

    class Meta:
        ordering = ["application_id", "position", "id"]
        constraints = [models.UniqueConstraint(
            fields=["visit", "user"], condition=~Q(place="withdrawn"),
            name="one_current_place_per_person_per_visit")]

    def __str__(self):
        return f"{self.user} ({self.application.organisation})"


class WaitingEntryQuerySet(ForceScopedQuerySet):
    pass


class WaitingEntry(places.WaitingEntry):
    """One line of a visit's ordered waiting list: a force's group, or one extra colleague."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="waiting_entries")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    is_group = models.BooleanField(help_text="A force not placed, needing the minimum group.")

    objects = WaitingEntryQuerySet.as_manager()

    class Meta:
        ordering = ["visit_id", "position"]
        verbose_name_plural = "waiting entries"

    def __str__(self):
        return f"{self.position}. {self.organisation}"


class PlaceOfferQuerySet(ForceScopedQuerySet):
    organisation_path = "entry__organisation"
    visitor_path = "entry__visitors__user"


class PlaceOffer(places.TimeLimitedOffer):
    """Freed places offered to a waiting entry until a deadline. The places are held meanwhile."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="offers")
    entry = models.ForeignKey(WaitingEntry, on_delete=models.CASCADE, related_name="offers")

    objects = PlaceOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.places} place(s) on {self.visit} for {self.entry.organisation}"
