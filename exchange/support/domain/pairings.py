"""Introductions, mentoring and coaching: a peer paired with a named person at the force, and the
light record of their meetings kept by the peer, the force's lead or staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.mail.domain import Email, queue_emails

from ..enums import PAIRING_TYPES, RequestStatus
from ..models import Pairing, PairingMeeting, SupportRequest
from .team import force_leads, proposal_for

# Pairings are made once the force has asked, and until the request closes.
PAIRING_OPEN_STATES = frozenset({RequestStatus.SUBMITTED, RequestStatus.SCOPING,
                                 RequestStatus.AGREED, RequestStatus.UNDER_WAY})


def pair_peer(*, request, peer, person_name, actor, person_role="", purpose="",
              started_on=None):
    """Pair ``peer`` with ``person_name`` at the requesting force.

    Refused (ValidationError) unless the request is for introductions or mentoring and still
    open, and the ranking would propose the peer (not of the force, no conflict, available).
    Side effects: a ``Pairing``, an activity-log row, emails to the peer and the force's leads.
    """
    if not person_name.strip():
        raise ValidationError({"person_name": "Enter who at the force the peer is paired with"})
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if request.support_type not in PAIRING_TYPES:
            raise ValidationError("Pairings are for introductions, mentoring and coaching; this "
                                  "request needs a team of peers.")
        if request.status not in PAIRING_OPEN_STATES:
            raise ValidationError(f"The request is {request.get_status_display().lower()}: "
                                  "no more pairings can be made.")
        proposal_for(request=request, peer=peer)
        pairing = Pairing.objects.create(
            request=request, peer=peer, person_name=person_name.strip(),
            person_role=person_role.strip(), purpose=purpose.strip(), started_on=started_on)
        log_activity(subject=pairing, actor=actor, verb="pair",
                     note=f"{peer} with {pairing.person_name}")
    recipients = [peer.user, *force_leads(request.organisation_id)]
    queue_emails(Email(to=person.email, template="pairing_made",
                       context={"pairing": pairing, "request": request, "person": person})
                 for person in recipients)
    return pairing


def _check_open(pairing):
    if pairing.ended_on:
        raise ValidationError(f"The pairing ended on {pairing.ended_on:%-d %B %Y}.")


def record_meeting(*, pairing, held_on, minutes, actor, note=""):
    """Record one meeting of ``pairing``: not in the future, not before the pairing started,
    not after it ended. Side effects: a ``PairingMeeting`` and an activity-log row."""
    _check_open(pairing)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The date of the meeting must be today or in the past"})
    if pairing.started_on and held_on < pairing.started_on:
        raise ValidationError({"held_on": "The date of the meeting must be on or after the "
                               f"pairing started, {pairing.started_on:%-d %B %Y}"})
    if minutes < 1:
        raise ValidationError({"minutes": "Enter the length in minutes, 1 or more"})
    meeting = PairingMeeting.objects.create(pairing=pairing, held_on=held_on, minutes=minutes,
                                            note=note.strip(), recorded_by=actor)
    log_activity(subject=pairing, actor=actor, verb="record_meeting",
                 note=f"{held_on:%-d %B %Y}, {minutes} minutes")
    return meeting


def end_pairing(*, pairing, actor, ended_on=None, note=""):
    """End ``pairing`` (today unless ``ended_on``). Side effects: ``ended_on`` and a log row."""
    _check_open(pairing)
    ended_on = ended_on or timezone.localdate()
    if pairing.started_on and ended_on < pairing.started_on:
        raise ValidationError({"ended_on": "The end date must be on or after the pairing started"})
    pairing.ended_on = ended_on
    pairing.save(update_fields=["ended_on"])
    log_activity(subject=pairing, actor=actor, verb="end", note=note)
    return pairing


def pairings_of(request):
    """A request's pairings with their peers and meeting counts, in the order made."""
    return list(Pairing.objects.filter(request=request)
                .select_related("peer__user", "peer__organisation")
                .annotate(meetings_count=Count("meetings"), minutes_total=Sum("meetings__minutes"))
                .order_by("created_at", "id"))
