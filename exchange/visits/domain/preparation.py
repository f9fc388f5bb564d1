"""Preparing for a visit: the call, background material, and the visitors' questions."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.calendar import CalendarEvent, calendar_bytes
from exchange.common.domain import log_activity
from exchange.common.permissions import allows
from exchange.mail.domain import Email, queue_email, queue_emails

from ..enums import ALLOCATED_STATES, Place, VisitStatus
from ..models import Material, PreparationCall, Visit, Visitor
from ..validators import validate_material_file
from .programme import STATES, require_organiser

# Files above this together are linked from the email rather than attached to it.
MAX_ATTACHED_BYTES = 15 * 1024 * 1024


def is_placed(user, visit):
    return user.is_authenticated and Visitor.objects.filter(visit=visit, user=user,
                                                            place=Place.PLACED).exists()


def may_see_joining_details(user, visit):
    return allows(user, "visits.see_joining_details", visit)


@transaction.atomic
def schedule_preparation_call(*, visit, actor, starts_at, duration_minutes, joining_details):
    """Set (or move) the call. Allocated visits move to preparation. Side effects: the call row,
    state or log."""
    require_organiser(actor)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status not in {VisitStatus.ALLOCATED, VisitStatus.PREPARATION}:
        raise ValidationError("Allocate the places before scheduling the preparation call.")
    call, created = PreparationCall.objects.update_or_create(visit=visit, defaults={
        "starts_at": starts_at, "duration_minutes": duration_minutes,
        "joining_details": joining_details.strip()})
    if visit.status == VisitStatus.ALLOCATED:
        STATES.change(visit, action="start_preparation", actor=actor,
                      note=f"Preparation call {timezone.localtime(starts_at):%d %B %Y %H:%M}")
    else:
        log_activity(subject=visit, actor=actor, verb="schedule_call" if created else "move_call")
    return call


@transaction.atomic
def add_material(*, visit, actor, title, upload=None, link=""):
    """A checked file (type and size) or a link. Side effects: the row (and file), log."""
    require_organiser(actor)
    if bool(upload) == bool(link):
        raise ValidationError({"file": "Choose a file or give a link, not both"})
    material = Material(visit=visit, title=title.strip(), link=link.strip(), added_by=actor)
    if upload:
        _, content_type = validate_material_file(upload)
        material.file = upload
        material.content_type = content_type
        material.size = upload.size
    material.save()
    log_activity(subject=visit, actor=actor, verb="add_material", note=material.title)
    return material


def call_event(call, *, private):
    """The call as a calendar event; joining details only in a ``private`` one."""
    visit = call.visit
    description = f"Preparation call for the peer learning visit {visit.title}."
    if private:
        description += f"\n\nHow to join:\n{call.joining_details}"
    return CalendarEvent(
        uid=f"visit-{visit.pk}-call@learning-exchange", summary=f"Preparation call: {visit.title}",
        starts=call.starts_at, ends=call.starts_at + datetime.timedelta(minutes=call.duration_minutes),
        description=description, url=settings.SITE_URL + visit.get_absolute_url())


def invitation(call):
    return calendar_bytes([call_event(call, private=True)], name=f"Preparation: {call.visit.title}")


@transaction.atomic
def send_preparation_pack(*, visit, actor):
    """Email every allocated visitor the call with a calendar invitation and the material,
    whether or not they can join the call. Side effects: one email per visitor, sent_at, log."""
    require_organiser(actor)
    call = PreparationCall.objects.filter(visit=visit).select_related("visit").first()
    if call is None:
        raise ValidationError("Schedule the preparation call first.")
    materials = list(visit.materials.all())
    attachments = [("preparation-call.ics", invitation(call), "text/calendar")]
    attachments += _material_attachments(materials)
    visitors = list(Visitor.objects.placed().filter(visit=visit).select_related("user"))
    queue_emails(Email(to=visitor.user.email, template="visit_preparation_pack",
                       attachments=attachments,
                       context={"visit": visit, "call": call, "visitor": visitor,
                                "materials": materials})
                 for visitor in visitors)
    call.sent_at = timezone.now()
    call.save(update_fields=["sent_at"])
    log_activity(subject=visit, actor=actor, verb="send_preparation",
                 note=f"Sent to {len(visitors)} visitors")
    return len(visitors)


def _material_attachments(materials):
    attachments, total = [], 0
    for material in materials:
        if not material.file or total + material.size > MAX_ATTACHED_BYTES:
            continue
        with material.file.open("rb") as handle:
            content = handle.read()
        total += len(content)
        attachments.append((material.file.name.rsplit("/", 1)[-1], content, material.content_type))
    return attachments


def gathered_questions(visit):
    """Every current visitor's questions, in force order: [(organisation, [(visitor, lines)])]."""
    visitors = (Visitor.objects.filter(visit=visit, place__in=[Place.PLACED])
                .exclude(questions="").select_related("user", "application__organisation")
                .order_by("application__organisation__name", "position"))
    grouped = {}
    for visitor in visitors:
        lines = [line.strip(" -•\t") for line in visitor.questions.splitlines() if line.strip()]
        grouped.setdefault(visitor.application.organisation, []).append((visitor, lines))
    return list(grouped.items())


@transaction.atomic
def send_questions_to_host(*, visit, actor):
    """Send the gathered questions to the host contact. Side effects: email, questions_sent_at,
    log."""
    require_organiser(actor)
    if visit.status not in ALLOCATED_STATES:
        raise ValidationError("Allocate the places first: the questions come from the visitors.")
    if not visit.host_contact_email:
        raise ValidationError("Add the host contact's email address to the visit first.")
    questions = gathered_questions(visit)
    if not questions:
        raise ValidationError("No visitor has asked a question yet.")
    queue_email(to=visit.host_contact_email, template="visit_questions_for_host",
                context={"visit": visit, "questions": questions})
    visit.questions_sent_at = timezone.now()
    visit.save(update_fields=["questions_sent_at", "updated_at"])
    log_activity(subject=visit, actor=actor, verb="send_questions", note=visit.host_contact_email)
    return visit


def require_joining(user, visit):
    if not may_see_joining_details(user, visit):
        raise PermissionDenied("Only visitors with a place can see this.")
