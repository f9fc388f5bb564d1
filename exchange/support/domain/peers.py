"""The pool of peers: applying, staff deciding and appointing, the peer's own profile and
availability, and the record of their engagements for continuing professional development.

Every change of a peer's status goes through ``states.PEERS`` (so it is logged); the other
changes write their own activity-log row.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.models import Topic
from exchange.mail.domain import Email, queue_email, queue_emails
from exchange.people.models import Organisation, User, canonical_email
from exchange.people.recipients import organisers

from ..enums import DEFAULT_DAYS_PER_QUARTER, PeerKind, PeerStatus, Sector, TeamStatus
from ..models import Peer, PeerAbsence, PeerConflict
from .states import PEERS, TEAM

MAX_DAYS_PER_QUARTER = 30
MAX_ABSENCES = 20
MAX_CONFLICTS = 20


# --- Availability -----------------------------------------------------------------------------


def paused_on(day):
    """Peers whose availability is paused on ``day``: paused with no end, or until a later day
    (``paused_until`` is the day they can be asked again)."""
    return Q(paused=True) & (Q(paused_until__isnull=True) | Q(paused_until__gt=day))


def away_on(day):
    return Exists(PeerAbsence.objects.filter(peer=OuterRef("pk"), starts_on__lte=day,
                                             ends_on__gte=day))


def with_availability(peers, day=None):
    """``peers`` annotated with ``paused_now``, ``away_now`` and ``available_now`` (approved,
    not paused, not away on ``day``, default today): one query however many peers."""
    day = day or timezone.localdate()
    return peers.annotate(
        paused_now=ExpressionWrapper(paused_on(day), output_field=BooleanField()),
        away_now=away_on(day),
    ).annotate(available_now=ExpressionWrapper(
        Q(status=PeerStatus.APPROVED) & Q(paused_now=False) & Q(away_now=False),
        output_field=BooleanField()))


def is_paused(peer, day=None):
    day = day or timezone.localdate()
    return bool(peer.paused and (peer.paused_until is None or peer.paused_until > day))


def is_available(peer, day=None):
    """Whether one peer could be asked on ``day`` (default today)."""
    day = day or timezone.localdate()
    return (peer.status == PeerStatus.APPROVED and not is_paused(peer, day)
            and not peer.absences.filter(starts_on__lte=day, ends_on__gte=day).exists())


# --- The pool ---------------------------------------------------------------------------------


def pool(*, viewer_is_staff, expertise=None, sector="", available=False, kind="", status="",
         name=""):
    """The peers a pool page or the API lists, filtered, with availability annotated and what
    each row shows fetched up front (a flat number of queries). An organisation lead sees the
    approved peers only (in outline: the views and API never show their names or contact
    details); staff see every status and may filter by it and search names."""
    peers = Peer.objects.all() if viewer_is_staff else Peer.objects.in_pool()
    peers = with_availability(peers).select_related("organisation").prefetch_related("expertise")
    if viewer_is_staff:
        peers = peers.select_related("user")
        if status:
            peers = peers.filter(status=status)
        if name:
            peers = peers.filter(Q(user__full_name__icontains=name) | Q(user__email__icontains=name))
    if expertise is not None:
        peers = peers.filter(expertise=expertise)
    if sector:
        peers = peers.filter(sector=sector)
    if kind:
        peers = peers.filter(kind=kind)
    if available:
        peers = peers.filter(available_now=True)
    return peers


def applications_queue():
    """Applications waiting for a decision, oldest first, with what the queue shows."""
    return (Peer.objects.filter(status=PeerStatus.APPLIED)
            .select_related("user", "organisation").prefetch_related("expertise")
            .order_by("created_at", "id"))


# --- Checking a profile -----------------------------------------------------------------------


@dataclass
class Profile:
    """What a person says about themself as a peer, checked."""

    expertise: list
    sector: str
    organisation: Organisation | None
    organisation_name: str
    rank_or_grade: str
    statement: str
    days_per_quarter: int
    can_travel: bool
    conflicts: list = field(default_factory=list)

    def fields(self):
        return {"sector": self.sector, "organisation": self.organisation,
                "organisation_name": self.organisation_name, "rank_or_grade": self.rank_or_grade,
                "statement": self.statement, "days_per_quarter": self.days_per_quarter,
                "can_travel": self.can_travel}


def resolve_organisation(organisation=None, organisation_name=""):
    """``(organisation, organisation_name)``: a typed name that is a reviewed organisation's
    becomes that organisation; any other typed name stays exactly as typed ("Calm Minds (with
    Avon NHS Trust)"). A typed name wins over a chosen organisation, which is only the default."""
    typed = " ".join((organisation_name or "").split())
    if typed:
        known = Organisation.objects.reviewed().filter(name__iexact=typed).first()
        return (known, "") if known else (None, typed)
    return organisation, ""


def check_profile(*, expertise, sector, rank_or_grade="", statement, days_per_quarter,
                  can_travel=True, organisation=None, organisation_name="", conflicts=()):
    """A :class:`Profile`, or a ``ValidationError`` naming every field that is wrong.
    ``conflicts`` are ``(organisation, reason)`` pairs."""
    errors = {}
    expertise = list(expertise or [])
    if not expertise:
        errors["expertise"] = "Select at least one topic you know well"
    if sector not in Sector.values:
        errors["sector"] = "Select the sector you work in"
    organisation, organisation_name = resolve_organisation(organisation, organisation_name)
    if organisation is None and not organisation_name:
        errors["organisation"] = "Select your organisation, or type its name if it is not listed"
    statement = (statement or "").strip()
    if not statement:
        errors["statement"] = "Enter a short statement of what you could bring to a force"
    if days_per_quarter is None or not 1 <= days_per_quarter <= MAX_DAYS_PER_QUARTER:
        errors["days_per_quarter"] = (f"Enter the days a quarter you could give, from 1 to "
                                      f"{MAX_DAYS_PER_QUARTER}")
    rank_or_grade = " ".join((rank_or_grade or "").split())
    if len(rank_or_grade) > 120:
        errors["rank_or_grade"] = "The rank or grade must be 120 characters or fewer"
    checked_conflicts = _check_conflicts(conflicts, errors)
    if errors:
        raise ValidationError(errors)
    return Profile(expertise=expertise, sector=sector, organisation=organisation,
                   organisation_name=organisation_name, rank_or_grade=rank_or_grade,
                   statement=statement, days_per_quarter=days_per_quarter,
                   can_travel=bool(can_travel), conflicts=checked_conflicts)


def _check_conflicts(conflicts, errors):
    """The conflicts with each organisation once (the first reason given wins)."""
    conflicts = list(conflicts or [])
    if len(conflicts) > MAX_CONFLICTS:
        errors["conflicts"] = f"Declare at most {MAX_CONFLICTS} organisations"
    seen = {}
    for index, (organisation, reason) in enumerate(conflicts):
        reason = " ".join((reason or "").split())
        if organisation is None:
            errors[f"conflicts.{index}.organisation"] = ("Select the organisation the reason is "
                                                         "about, or clear the reason")
        elif len(reason) > 300:
            errors[f"conflicts.{index}.reason"] = "The reason must be 300 characters or fewer"
        else:
            seen.setdefault(organisation.pk, (organisation, reason))
    return list(seen.values())


def check_absences(absences):
    """``(starts_on, ends_on)`` pairs, checked: each ends on or after it starts."""
    errors = {}
    absences = list(absences or [])
    if len(absences) > MAX_ABSENCES:
        errors["absences"] = f"Give at most {MAX_ABSENCES} dates away"
    for index, (starts_on, ends_on) in enumerate(absences):
        if starts_on is None:
            errors[f"absences.{index}.starts_on"] = "Enter the first day away"
        if ends_on is None:
            errors[f"absences.{index}.ends_on"] = "Enter the last day away"
        if starts_on and ends_on and ends_on < starts_on:
            errors[f"absences.{index}.ends_on"] = "The last day away must be on or after the first"
    if errors:
        raise ValidationError(errors)
    return absences


def _checked(profile, absences):
    """The checked profile and dates away, or one ``ValidationError`` naming every problem."""
    errors, checked = {}, None
    try:
        checked = check_profile(**profile)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        absences = check_absences(absences)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return checked, absences


def _save_profile(peer, profile):
    for name, value in profile.fields().items():
        setattr(peer, name, value)
    peer.save()
    peer.expertise.set(profile.expertise)
    peer.conflicts.all().delete()
    PeerConflict.objects.bulk_create(PeerConflict(peer=peer, organisation=organisation,
                                                  reason=reason)
                                     for organisation, reason in profile.conflicts)


# --- Applying ---------------------------------------------------------------------------------


def already_applied_message(peer):
    return {
        PeerStatus.APPLIED: "You have already applied to be a peer: staff will tell you their "
                            "decision by email",
        PeerStatus.APPROVED: "You are already a peer in the pool",
        PeerStatus.DECLINED: "You have already applied to be a peer, and the application was "
                             "declined",
    }.get(peer.status, "You have already applied to be a peer")


def apply_as_peer(*, user, absences=(), **profile):
    """``user`` applies to join the pool with ``profile`` (the arguments of
    :func:`check_profile`) and their dates away (``(starts_on, ends_on)`` pairs).

    One application per person: someone who applied, was approved or was declined is refused;
    someone who left the pool applies again (the ``rejoin`` transition).

    Side effects: the ``Peer`` row (applied) with expertise, conflicts and dates away; an
    activity-log row (``apply`` or ``rejoin``); an email to each organiser.
    """
    checked, absences = _checked(profile, absences)
    try:
        with transaction.atomic():
            peer = Peer.objects.select_for_update().filter(user=user).first()
            if peer is not None and peer.status != PeerStatus.LEFT:
                raise ValidationError(already_applied_message(peer))
            if peer is None:
                peer = Peer(user=user, kind=PeerKind.PEER, status=PeerStatus.APPLIED)
                _save_profile(peer, checked)
                log_activity(subject=peer, actor=user, verb="apply", to_state=PeerStatus.APPLIED)
            else:
                _save_profile(peer, checked)
                peer.paused, peer.paused_until = False, None
                PEERS.change(peer, action="rejoin", actor=user,
                             extra_fields=["paused", "paused_until"])
            peer.absences.all().delete()
            PeerAbsence.objects.bulk_create(PeerAbsence(peer=peer, starts_on=start, ends_on=end)
                                            for start, end in absences)
            _email_organisers(peer)
    except IntegrityError:
        # Two applications sent at once: the one-to-one row lets only the first in.
        raise ValidationError("You have already applied to be a peer") from None
    return peer


def _email_organisers(peer):
    link = reverse("support:peer-detail", args=[peer.pk])
    queue_emails(Email(to=organiser.email, template="peer_application_received",
                       context={"peer": peer, "applicant": peer.user.full_name, "link": link,
                                "expertise": ", ".join(t.name for t in peer.expertise.all())})
                 for organiser in organisers())


# --- Staff: deciding and appointing -----------------------------------------------------------


def decide_application(*, peer, actor, approve, reason=""):
    """Approve or decline an application; a decline needs a reason, which the applicant reads.

    Side effects: the status (through ``PEERS``, logged with the reason), who decided and when,
    and an email to the applicant.
    """
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": "Enter why the application is declined: the "
                                         "applicant is told"})
    with transaction.atomic():
        peer = Peer.objects.select_for_update().select_related("user").get(pk=peer.pk)
        peer.decided_at, peer.decided_by, peer.decision_reason = timezone.now(), actor, reason
        PEERS.change(peer, action="approve" if approve else "decline", actor=actor, note=reason,
                     extra_fields=["decided_at", "decided_by", "decision_reason"])
        queue_email(to=peer.user.email,
                    template="peer_application_approved" if approve else "peer_application_declined",
                    context={"peer": peer, "name": peer.user.get_short_name(), "reason": reason,
                             "link": reverse("support:peer-profile")})
    return peer


def appoint_specialist(*, email, actor, absences=(), **profile):
    """Staff appoint a specialist associate straight into the pool: an existing account, found
    by its email address, with ``profile`` (the arguments of :func:`check_profile`).

    Side effects: the ``Peer`` row (approved, specialist associate) with expertise and
    conflicts; an ``appoint`` activity-log row; an email to the person.
    """
    address = canonical_email(email or "")
    user = User.objects.filter(email__iexact=address, is_active=True).first() if address else None
    if user is None:
        raise ValidationError({"email": f"There is no account with the email address "
                                        f"{address or 'given'}: ask them to create one, then "
                                        "appoint them"})
    existing = Peer.objects.filter(user=user).first()
    if existing is not None:
        raise ValidationError({"email": _appoint_refusal(user, existing)})
    checked, absences = _checked(profile, absences)
    try:
        with transaction.atomic():
            peer = Peer(user=user, kind=PeerKind.SPECIALIST_ASSOCIATE, status=PeerStatus.APPROVED,
                        decided_at=timezone.now(), decided_by=actor)
            _save_profile(peer, checked)
            PeerAbsence.objects.bulk_create(PeerAbsence(peer=peer, starts_on=start, ends_on=end)
                                            for start, end in absences)
            log_activity(subject=peer, actor=actor, verb="appoint", to_state=PeerStatus.APPROVED)
            queue_email(to=user.email, template="peer_appointed",
                        context={"peer": peer, "name": user.get_short_name(),
                                 "link": reverse("support:peer-profile")})
    except IntegrityError:
        raise ValidationError({"email": f"{user} is already in the pool"}) from None
    return peer


def _appoint_refusal(user, peer):
    if peer.status == PeerStatus.APPLIED:
        return f"{user} has applied to be a peer: approve their application instead"
    if peer.status == PeerStatus.APPROVED:
        return f"{user} is already in the pool"
    return (f"{user} has an earlier application ({peer.get_status_display().lower()}): they "
            "can apply again from their account")


# --- The peer's own profile -------------------------------------------------------------------


def _require_current(peer):
    if peer.status not in {PeerStatus.APPLIED, PeerStatus.APPROVED}:
        raise ValidationError("You are no longer in the pool: apply again to change your profile")


def update_profile(*, peer, actor, **profile):
    """The peer (or staff) changes the profile: the arguments of :func:`check_profile`.

    Side effects: the profile, expertise and conflicts rewritten; an ``edit_profile`` row.
    """
    _require_current(peer)
    checked = check_profile(**profile)
    with transaction.atomic():
        _save_profile(peer, checked)
        log_activity(subject=peer, actor=actor, verb="edit_profile")
    return peer


def pause(*, peer, actor, until=None):
    """Pause the peer's availability, with no end or until ``until`` (the day they can be asked
    again, after today). Side effects: the pause saved; a ``pause`` row."""
    _require_current(peer)
    today = timezone.localdate()
    if until is not None and until <= today:
        raise ValidationError({"until": "The day you can be asked again must be after today"})
    peer.paused, peer.paused_until = True, until
    with transaction.atomic():
        peer.save(update_fields=["paused", "paused_until", "updated_at"])
        log_activity(subject=peer, actor=actor, verb="pause",
                     note=f"Until {until:%-d %B %Y}" if until else "Until they resume")
    return peer


def resume(*, peer, actor):
    """End a pause. Side effects: the pause cleared; a ``resume`` row."""
    if not peer.paused:
        raise ValidationError("Your availability is not paused")
    peer.paused, peer.paused_until = False, None
    with transaction.atomic():
        peer.save(update_fields=["paused", "paused_until", "updated_at"])
        log_activity(subject=peer, actor=actor, verb="resume")
    return peer


def add_absence(*, peer, actor, starts_on, ends_on):
    """Add dates away (the ranking never proposes the peer on them). Side effects: a
    ``PeerAbsence`` row; an ``edit_profile`` row saying so."""
    _require_current(peer)
    [(starts_on, ends_on)] = check_absences([(starts_on, ends_on)])
    errors = {}
    if ends_on < timezone.localdate():
        errors["ends_on"] = "The last day away has passed: enter dates from today on"
    if peer.absences.count() >= MAX_ABSENCES:
        errors["starts_on"] = f"You have {MAX_ABSENCES} dates away: remove one first"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        absence = PeerAbsence.objects.create(peer=peer, starts_on=starts_on, ends_on=ends_on)
        log_activity(subject=peer, actor=actor, verb="edit_profile",
                     note=f"Away {_span(starts_on, ends_on)}")
    return absence


def remove_absence(*, absence, actor):
    """Side effects: the ``PeerAbsence`` deleted; an ``edit_profile`` row saying so."""
    peer = absence.peer
    with transaction.atomic():
        absence.delete()
        log_activity(subject=peer, actor=actor, verb="edit_profile",
                     note=f"No longer away {_span(absence.starts_on, absence.ends_on)}")


def _span(starts_on, ends_on):
    if starts_on == ends_on:
        return f"on {starts_on:%-d %B %Y}"
    return f"from {starts_on:%-d %B %Y} to {ends_on:%-d %B %Y}"


def leave_pool(*, peer, actor, reason=""):
    """The peer leaves the pool (or withdraws an application). Staff are no longer offered them
    for teams, and invitations they have not answered are withdrawn (places they accepted stay:
    the force is counting on them). Side effects: the status (through ``PEERS``, logged with
    ``reason``); each unanswered invitation withdrawn through ``TEAM``, logged."""
    with transaction.atomic():
        PEERS.change(peer, action="leave", actor=actor, note=(reason or "").strip())
        for member in peer.engagements.filter(status=TeamStatus.INVITED):
            TEAM.change(member, action="withdraw", actor=actor,
                        note="The peer left the pool before answering.")
    return peer


def topics_named(values):
    """Topics from slugs or names (the API's words), and those not found."""
    wanted = [" ".join(str(v).split()) for v in values if str(v).strip()]
    found = {t.slug: t for t in Topic.objects.filter(
        Q(slug__in=wanted) | Q(name__in=wanted))}
    by_name = {t.name.lower(): t for t in found.values()}
    topics, missing = [], []
    for value in wanted:
        topic = found.get(value) or by_name.get(value.lower())
        (topics if topic else missing).append(topic or value)
    return topics, missing


__all__ = [
    "DEFAULT_DAYS_PER_QUARTER",
    "MAX_DAYS_PER_QUARTER",
    "add_absence",
    "already_applied_message",
    "applications_queue",
    "apply_as_peer",
    "appoint_specialist",
    "check_absences",
    "check_profile",
    "decide_application",
    "is_available",
    "is_paused",
    "leave_pool",
    "pause",
    "pool",
    "remove_absence",
    "resolve_organisation",
    "resume",
    "topics_named",
    "update_profile",
    "with_availability",
]
