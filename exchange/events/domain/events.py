"""Organisers' work on an event: creating, editing, publishing, cancelling, attendance and the
materials afterwards. Each function checks, writes, logs and tells the people concerned."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from exchange.common import places as engine
from exchange.common.domain import StateMachine, log_activity
from exchange.common.permissions import allows
from exchange.common.uploads import check_upload, served_type, types_for
from exchange.mail.domain import Email, queue_emails

from ..enums import EventStatus, RegistrationStatus
from ..models import Event, PlaceOffer, Registration, WaitingPlace
from .places import lock_event, offer_free_places

STATES = StateMachine(field="status", transitions={
    "publish": ({EventStatus.DRAFT}, EventStatus.PUBLISHED),
    "cancel": ({EventStatus.DRAFT, EventStatus.PUBLISHED}, EventStatus.CANCELLED),
})

# Paths under /events/ that an event's slug must not take.
RESERVED_SLUGS = {"manage", "mine", "request", "requests", "invitations", "calendar"}
EDITABLE = ["title", "kind", "audience", "summary", "description", "starts_at", "ends_at",
            "online", "venue", "capacity", "registration_opens_at", "registration_closes_at",
            "cpd_hours", "joining_details"]
ONLY_ORGANISERS = "Only the events team's organisers can do this."

# Slides: a real PDF, PowerPoint or OpenDocument presentation (its first bytes decide), up to 50 MB.
MAX_SLIDES_BYTES = 50 * 1024 * 1024
SLIDES_TYPES = types_for(".pdf", ".ppt", ".pptx", ".odp")
SLIDES_NAMES = "PDF, PowerPoint (PPT, PPTX) or OpenDocument presentation (ODP)"


def check_slides(upload, *, field="slides"):
    """Refuse slides that are too big, not a presentation, or not what their name says (a web
    page or a renamed program). Raises ``ValidationError({field: ...})``, or a plain one when
    ``field`` is None (the materials form's own check)."""
    check_upload(upload, types=SLIDES_TYPES, max_bytes=MAX_SLIDES_BYTES, names=SLIDES_NAMES,
                 field=field, noun="slides file")


def require_organiser(actor):
    if not allows(actor, "events.run_events"):
        raise PermissionDenied(ONLY_ORGANISERS)


def unique_slug(title, *, exclude_pk=None):
    base = (slugify(title) or "event")[:200]
    if base in RESERVED_SLUGS:
        base = f"{base}-event"
    taken = set(Event.objects.filter(slug__startswith=base).exclude(pk=exclude_pk)
                .values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def validate_event(event):
    """What the database's constraints say, in words, on the fields concerned."""
    errors = {}
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = "Enter an end after the start"
    if event.registration_opens_at and event.registration_closes_at and \
            event.registration_closes_at <= event.registration_opens_at:
        errors["registration_closes_at"] = "Enter a closing date and time after registration opens"
    if event.registration_closes_at and event.starts_at and \
            event.registration_closes_at > event.starts_at:
        errors["registration_closes_at"] = "Enter a closing date and time no later than the start"
    if not event.online and not event.venue.strip():
        errors["venue"] = "Enter the venue of an event held in person"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_event(*, actor, data, topics=()):
    """A new event in draft. Side effects: the event, its topics, log."""
    require_organiser(actor)
    event = Event(**{name: data[name] for name in EDITABLE if name in data}, created_by=actor)
    validate_event(event)
    event.slug = unique_slug(event.title)
    event.save()
    event.topics.set(topics)
    log_activity(subject=event, actor=actor, verb="create", to_state=event.status)
    return event


@transaction.atomic
def update_event(*, actor, event, data, topics=None):
    """Change an event's details. A published event keeps its registrations; raising the
    capacity offers the new places to the waiting list. Side effects: the event, log, offers."""
    require_organiser(actor)
    event = lock_event(event)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError("A cancelled event cannot be changed.")
    registered = event.registrations.registered().count()
    for name in EDITABLE:
        if name in data:
            setattr(event, name, data[name])
    validate_event(event)
    if event.capacity < registered:
        raise ValidationError({"capacity": f"Enter {registered} places or more: {registered} "
                                           "people are registered"})
    event.save()
    if topics is not None:
        event.topics.set(topics)
    log_activity(subject=event, actor=actor, verb="edit")
    if event.is_published:
        offer_free_places(event=event)
    return event


@transaction.atomic
def publish_event(*, actor, event):
    """Publish a draft: it is listed, people may register in its window, and subscribers to
    invitations are emailed. Side effects: state, log, invitations."""
    require_organiser(actor)
    event = lock_event(event)
    if event.has_started():
        raise ValidationError("The event has already started: change its date before "
                              "publishing it.")
    event.published_at = timezone.now()
    STATES.change(event, action="publish", actor=actor, extra_fields=["published_at"])
    from .invitations import send_invitations

    send_invitations(event=event)
    return event


@transaction.atomic
def cancel_event(*, actor, event, reason=""):
    """Cancel a draft or published event. Everyone registered, offered a place or waiting is
    told, and their registrations end. Side effects: state, registrations, offers, log, emails."""
    require_organiser(actor)
    event = lock_event(event)
    was_published = event.is_published
    event.cancelled_at = timezone.now()
    STATES.change(event, action="cancel", actor=actor, note=reason.strip(),
                  extra_fields=["cancelled_at"])
    if not was_published:
        return event
    now = timezone.now()
    engine.cancel_open_offers(PlaceOffer.objects.filter(event=event), now=now)
    WaitingPlace.objects.filter(event=event, status__in=[
        engine.WaitingStatus.WAITING, engine.WaitingStatus.OFFERED]).update(
        status=engine.WaitingStatus.WITHDRAWN)
    told = list(event.registrations.active().select_related("user"))
    Registration.objects.filter(pk__in=[r.pk for r in told]).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=now)
    queue_emails(Email(to=registration.user.email, template="event_cancelled",
                       context={"event": event, "registration": registration,
                                "reason": reason.strip()})
                 for registration in told if registration.user.email)
    return event


@transaction.atomic
def mark_attendance(*, actor, event, attended_ids):
    """Record who came, once the event has started: each registered person attended or not.
    Attendance goes into their learning record. Side effects: registrations, log."""
    require_organiser(actor)
    event = lock_event(event)
    if not event.is_published or not event.has_started():
        raise ValidationError("Attendance can be marked once a published event has started.")
    registered = event.registrations.registered()
    attended_ids = {int(pk) for pk in attended_ids}
    came = registered.filter(pk__in=attended_ids).update(attended=True)
    missed = registered.exclude(pk__in=attended_ids).update(attended=False)
    log_activity(subject=event, actor=actor, verb="mark_attendance",
                 note=f"{came} attended, {missed} did not")
    return came, missed


@transaction.atomic
def save_materials(*, actor, event, data, slides=None, remove_slides=False):
    """Publish (or change) what people get afterwards: slides, a recording link, a summary,
    and who sees them. Side effects: the event, the stored file, log."""
    require_organiser(actor)
    if slides is not None:
        check_slides(slides)
    event = lock_event(event)
    if event.status == EventStatus.DRAFT:
        raise ValidationError("Publish the event before adding its materials.")
    for name in ("recording_url", "afterwards_summary", "materials_audience"):
        if name in data:
            setattr(event, name, data[name])
    if remove_slides and event.slides:
        event.slides.delete(save=False)
        event.slides_content_type = ""
    if slides is not None:
        if event.slides:
            event.slides.delete(save=False)
        event.slides.save(slides.name, slides, save=False)
        # Served as what its name and first bytes say it is, never as the browser declared.
        event.slides_content_type = served_type(slides.name, SLIDES_TYPES)
    event.save()
    log_activity(subject=event, actor=actor, verb="publish_materials",
                 note=event.get_materials_audience_display())
    return event
