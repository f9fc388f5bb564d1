"""A visitor's own visits and the next thing each asks of them."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from ..enums import OfferStatus, Place, VisitStatus
from ..models import CheckIn, PlaceOffer, Visitor


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str = ""
    link_text: str = ""


def visits_of(user):
    """``[(visitor, NextStep)]`` for every visit ``user`` is named on and has not left, soonest
    first. Three queries however many visits."""
    visitors = list(
        Visitor.objects.current().filter(user=user)
        .select_related("visit__host_organisation", "application__organisation")
        .prefetch_related(
            Prefetch("check_ins", queryset=CheckIn.objects.order_by("week")),
            Prefetch("waiting_entry__offers",
                     queryset=PlaceOffer.objects.filter(status=OfferStatus.OPEN)))
        .order_by("-visit__date", "visit_id"))
    return [(visitor, next_step(visitor)) for visitor in visitors]


def next_step(visitor):
    visit = visitor.visit
    if visit.status == VisitStatus.CANCELLED:
        return NextStep("The visit was cancelled. Nothing more to do.")
    if visitor.place == Place.OFFERED:
        offers = list(visitor.waiting_entry.offers.all()) if visitor.waiting_entry else []
        if offers:
            return NextStep(f"Answer the offer of a place by "
                            f"{timezone.localtime(offers[0].expires_at):%-d %B %Y, %H:%M}.",
                            reverse("visits:offer", args=[offers[0].pk]), "Answer the offer")
    if visitor.place == Place.APPLIED:
        return NextStep(f"Wait for places to be allocated after applications close on "
                        f"{timezone.localtime(visit.applications_close):%-d %B %Y}. "
                        "We will email you.")
    if visitor.place in {Place.WAITING, Place.OFFERED}:
        return NextStep("You are on the waiting list. We will email you if a place is freed.")
    return _placed_step(visitor, visit)


def _placed_step(visitor, visit):
    page = visit.get_absolute_url()
    if visit.status in {VisitStatus.ALLOCATED, VisitStatus.PREPARATION}:
        when = f" on {visit.date:%-d %B %Y}" if visit.date else ""
        return NextStep(f"Prepare for the visit{when}: the preparation call and background "
                        "material are on the visit's page.", page, "Prepare for the visit")
    if visit.status == VisitStatus.VISITED:
        return NextStep("Record what you learned before the report to the host is written.",
                        reverse("visits:learning", args=[visit.pk]), "Record your learning points")
    if visit.status == VisitStatus.CLOSED:
        return NextStep("Follow-up is complete. Thank you.")
    due = [c for c in visitor.check_ins.all() if c.completed_at is None]
    if not due:
        return NextStep("All six check-ins are done. Thank you.")
    if due[0].is_open:
        return NextStep(f"Week {due[0].week} check-in, due "
                        f"{timezone.localtime(due[0].due_at):%-d %B %Y}.",
                        reverse("visits:check-in", args=[due[0].pk]),
                        f"Check in for week {due[0].week}")
    return NextStep(f"Your week {due[0].week} check-in opens on "
                    f"{timezone.localtime(due[0].opens_at):%-d %B %Y}.")
