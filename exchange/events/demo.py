"""Demo events for `manage.py seed_demo`: two past events with attendance marked and their
slides, recording and summary (one for members, one for attendees only), three upcoming
published events (one of them full, with a waiting list), and a draft. Then the event requests
and invitation subscribers (``demo_requests``).

Upcoming events go through the domain functions (create, publish, register), so their history
looks lived in; past ones are written as they would stand afterwards, then attendance is marked
and the materials published through the domain."""

import datetime
from importlib import import_module
from importlib.util import find_spec

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.models import Topic
from exchange.people.models import User

from .domain import events as organising
from .domain import places
from .enums import EventKind, EventStatus, MaterialsAudience
from .models import Event, Registration

STAFF = "staff@example.org"
FORCES = ("kent", "essex", "merseyside", "lancashire")
SLIDES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
          b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def has_content():
    return Event.objects.exists()


def demo_people():
    emails = [f"{role}.{force}@example.org" for force in FORCES for role in ("member", "lead")]
    found = {u.email: u for u in User.objects.filter(email__in=[*emails, "peer@example.org"])}
    return [found[e] for e in [*emails, "peer@example.org"] if e in found]


def _topics(*slugs):
    return list(Topic.objects.filter(slug__in=slugs))


def load(*, stdout, options):
    if Event.objects.exists():
        stdout.write("Events: already loaded.")
    else:
        with transaction.atomic():
            staff = User.objects.get(email=STAFF)
            people = demo_people()
            past = _past_events(staff, people)
            upcoming = _upcoming_events(staff, people)
            draft = _draft(staff)
        stdout.write(f"Events: {len(past)} past (attendance and materials), {len(upcoming)} "
                     f"upcoming ('{upcoming[0].title}' full, with a waiting list), "
                     f"and '{draft.title}' in draft.")
    if find_spec(f"{__package__}.demo_requests") is not None:
        import_module(f"{__package__}.demo_requests").load(stdout=stdout, options=options)


def _when(days, hour, minutes=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minutes)))


def _data(title, *, kind, days, hour, hours, capacity, summary, description, audience,
          online=True, venue="", cpd=1, joining=""):
    starts = _when(days, hour)
    return {"title": title, "kind": kind, "summary": summary, "description": description,
            "audience": audience, "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=hours), "online": online,
            "venue": venue, "capacity": capacity,
            "registration_opens_at": starts - datetime.timedelta(days=40),
            "registration_closes_at": starts - datetime.timedelta(hours=2), "cpd_hours": cpd,
            "joining_details": joining}


PAST = [
    (lambda: _data(
        "Problem solving in neighbourhood teams: what the evidence says",
        kind=EventKind.SEMINAR, days=-21, hour=10, hours=1.5, capacity=80, cpd=1.5,
        summary="Two forces and a university partner on making problem solving routine.",
        description="Neighbourhood teams in two forces set out how they made problem solving "
                    "part of everyday work, and what the **evaluation** found.\n\n"
                    "- Choosing problems that matter to the community\n"
                    "- Scanning and analysis without a dedicated analyst\n"
                    "- Measuring what changed",
        audience="Neighbourhood sergeants, inspectors and problem-solving leads",
        joining="Microsoft Teams: https://teams.example.org/l/meetup/ps-seminar\n"
                "Meeting ID 381 220 447, passcode 7Hq2"),
     ("problem-solving", "neighbourhood-policing"), MaterialsAudience.MEMBERS,
     "The recording and slides cover the three case studies. Both forces found that "
     "protected time for scanning mattered more than training alone."),
    (lambda: _data(
        "Workshop: evaluating a change on a small scale",
        kind=EventKind.WORKSHOP, days=-45, hour=9, hours=6, capacity=24, cpd=5,
        summary="A day on designing a fair comparison for a local change.", online=False,
        venue="College of Policing, Ryton-on-Dunsmore, Coventry CV8 3EN",
        description="Bring a change your team is planning. We work through a design for "
                    "testing it, from the question to the measures.",
        audience="People leading local improvement work"),
     ("evidence-based-policing", "managing-change"), MaterialsAudience.ATTENDEES,
     "Attendees left with a one-page evaluation plan. The slides include the worked "
     "examples and the checklist."),
]


def _past_events(staff, people):
    events = []
    for make, topics, audience, summary in PAST:
        data = make()
        event = Event.objects.create(
            **data, slug=organising.unique_slug(data["title"]), status=EventStatus.PUBLISHED,
            created_by=staff, published_at=data["registration_opens_at"],
            invitations_sent_at=data["registration_opens_at"])
        event.topics.set(_topics(*topics))
        log_activity(subject=event, actor=staff, verb="create", to_state=EventStatus.DRAFT)
        log_activity(subject=event, actor=staff, verb="publish", from_state=EventStatus.DRAFT,
                     to_state=EventStatus.PUBLISHED)
        registrations = [Registration.objects.create(
            event=event, user=person, registered_at=data["registration_opens_at"]
            + datetime.timedelta(days=n + 1)) for n, person in enumerate(people)]
        came = [r.pk for n, r in enumerate(registrations) if n % 4 != 3]
        organising.mark_attendance(actor=staff, event=event, attended_ids=came)
        organising.save_materials(
            actor=staff, event=event, slides=ContentFile(SLIDES, name="slides.pdf"),
            data={"materials_audience": audience, "afterwards_summary": summary,
                  "recording_url": "https://video.example.org/exchange/"
                                   f"{event.slug}" if event.online else ""})
        events.append(event)
    return events


def _upcoming_events(staff, people):
    full = organising.create_event(actor=staff, data=_data(
        "Right Care, Right Person: the first year", kind=EventKind.KNOWLEDGE_SHARING, days=12,
        hour=13, hours=2, capacity=5, cpd=2,
        summary="Three forces on what changed for mental health calls in their first year.",
        description="A knowledge sharing event with the control rooms of three forces: what "
                    "they changed, what they would do differently, and what partners said.",
        audience="Control room supervisors and neighbourhood inspectors",
        joining="Zoom: https://zoom.example.org/j/84412\nPasscode 552031"),
        topics=_topics("mental-health", "call-handling", "vulnerability"))
    seminar = organising.create_event(actor=staff, data=_data(
        "Online seminar: investigating fraud against older people", kind=EventKind.SEMINAR,
        days=20, hour=10, hours=1, capacity=100, cpd=1,
        summary="An economic crime unit and a victim service on working together.",
        description="What the unit learned from a year of joint work with a victim service.",
        audience="Investigators and victim care staff",
        joining="Microsoft Teams: https://teams.example.org/l/meetup/fraud-seminar"),
        topics=_topics("fraud", "victim-care"))
    meeting = organising.create_event(actor=staff, data=_data(
        "Membership group meeting: spring", kind=EventKind.MEMBERSHIP_GROUP, days=33, hour=11,
        hours=3, capacity=40, cpd=0, online=False,
        venue="West Midlands Police Learning Centre, Birmingham B7 4NB",
        summary="Member forces' leads plan the programme for the year ahead.",
        description="An agenda is sent a week before.",
        audience="Organisation leads of member forces"),
        topics=_topics("leadership", "workforce-development"))
    for event in (full, seminar, meeting):
        organising.publish_event(actor=staff, event=event)
    # The full one: five places taken, then three more on the waiting list.
    for person in people[:8]:
        places.register(event=full, actor=person)
    for person in people[:3]:
        places.register(event=seminar, actor=person)
    return [full, seminar, meeting]


def _draft(staff):
    return organising.create_event(actor=staff, data=_data(
        "Workshop: running a debrief that people learn from", kind=EventKind.WORKSHOP,
        days=60, hour=9, hours=4, capacity=30, cpd=3,
        summary="Structured debriefs after critical incidents, in practice.",
        description="Draft: speakers to be confirmed.",
        audience="Supervisors and incident commanders"), topics=_topics("leadership"))
