"""A network's meetings: scheduling (members are emailed the invitation), changing them, and
writing the notes and actions afterwards. Calendar documents for one meeting and for a
network's members' calendar.

Joining details go only into what a member receives: the invitation email, the members'
calendar, and a meeting's ``.ics`` when the person asking may see them (the views decide).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.calendar import CalendarEvent, calendar_bytes
from exchange.common.domain import log_activity
from exchange.mail.domain import Email, queue_emails

from ..enums import NetworkStatus
from ..models import Meeting

MEETING_FIELDS = ("title", "starts_at", "ends_at", "agenda", "joining_details")
# A change to these is news to the members: they are emailed the new invitation.
NEWS_FIELDS = ("starts_at", "ends_at", "joining_details")


def _check_times(starts_at, ends_at):
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The meeting must end after it starts."})


@transaction.atomic
def schedule(*, network, actor, title, starts_at, ends_at, agenda="", joining_details=""):
    """Schedule a meeting of ``network``. Side effects: the meeting, an activity-log row about
    it, and an email with the invitation (``.ics`` attached) to each active member."""
    if network.status != NetworkStatus.ACTIVE:
        raise ValidationError("This network is archived: it cannot meet.")
    _check_times(starts_at, ends_at)
    meeting = Meeting.objects.create(
        network=network, title=title, starts_at=starts_at, ends_at=ends_at, agenda=agenda,
        joining_details=joining_details, created_by=actor)
    log_activity(subject=meeting, actor=actor, verb="schedule_meeting", note=title)
    _tell_members(meeting, "network_meeting_scheduled")
    return meeting


@transaction.atomic
def change(*, meeting, actor, **fields):
    """Change a meeting's title, times, agenda or joining details. Side effects: the meeting, a
    log row naming what changed, and if the time or joining details changed (of a meeting not
    yet over) an email with the new invitation to each active member."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not a meeting field: {sorted(unknown)}")
    _check_times(fields.get("starts_at", meeting.starts_at), fields.get("ends_at", meeting.ends_at))
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, fields[name])
    meeting.save(update_fields=[*changed, "updated_at"])
    log_activity(subject=meeting, actor=actor, verb="change_meeting",
                 note="Changed: " + ", ".join(name.replace("_", " ") for name in changed))
    if set(changed) & set(NEWS_FIELDS) and not meeting.is_past:
        _tell_members(meeting, "network_meeting_changed")
    return meeting


@transaction.atomic
def write_notes(*, meeting, actor, notes, actions):
    """Record what was said and who will do what. Side effects: the meeting, a log row."""
    if meeting.starts_at > timezone.now():
        raise ValidationError({"notes": "Write the notes once the meeting has started."})
    meeting.notes, meeting.actions = notes, actions
    meeting.save(update_fields=["notes", "actions", "updated_at"])
    log_activity(subject=meeting, actor=actor, verb="write_notes")
    return meeting


def _tell_members(meeting, template):
    network = meeting.network
    members = network.memberships.active().select_related("user").filter(user__is_active=True)
    invitation = meeting_calendar(meeting, private=True)
    queue_emails([Email(member.user.email, template,
                        {"network": network, "meeting": meeting, "person": member.user},
                        attachments=[("meeting.ics", invitation, "text/calendar")])
                  for member in members])


def meeting_event(meeting, *, private):
    """The meeting as a calendar event; its joining details only in a ``private`` one."""
    network = meeting.network
    description = f"A meeting of the {network.name} improvement network."
    if meeting.agenda:
        description += f"\n\nAgenda:\n{meeting.agenda}"
    if private and meeting.joining_details:
        description += f"\n\nHow to join:\n{meeting.joining_details}"
    return CalendarEvent(
        uid=f"network-meeting-{meeting.pk}@learning-exchange", summary=meeting.title,
        starts=meeting.starts_at, ends=meeting.ends_at, description=description,
        location="Online", url=settings.SITE_URL + meeting.get_absolute_url())


def meeting_calendar(meeting, *, private):
    return calendar_bytes([meeting_event(meeting, private=private)],
                          name=f"{meeting.network.name}: {meeting.title}")


def network_calendar(network):
    """Every meeting of ``network``, with joining details: for its members only."""
    meetings = network.meetings.select_related("network").order_by("starts_at", "id")
    return calendar_bytes([meeting_event(meeting, private=True) for meeting in meetings],
                          name=f"{network.name} meetings")
