"""Demo requests for events and invitation subscribers, for `manage.py seed_demo` (called by
``events/demo.py``): a request waiting for a decision, one accepted, one declined with a reason,
one merged into a planned event (when the demo has one), and two confirmed subscribers to
invitations, one for two topics and one for every topic."""

from django.db import transaction
from django.utils import timezone

from exchange.common.models import Topic
from exchange.people.models import User

from .domain import requests as requesting
from .models import EventRequest, InvitationSubscriber

STAFF = "staff@example.org"
REQUESTS = [
    # requester, topic, why, audience, preferred dates, decision, reason
    ("member.kent@example.org", "evidence-based-policing",
     "Teams want to test their own changes but do not know where to start: what a fair "
     "comparison looks like, and how small a trial can be and still tell us something.",
     "Sergeants and inspectors leading local improvement work; about 40 people.",
     "Any weekday in the spring, not in the school holidays", None, ""),
    ("member.essex@example.org", "mental-health",
     "Calls about people in crisis keep officers away from other demand for hours. Forces "
     "that adopted Right Care, Right Person could share what changed in the first year.",
     "Control room supervisors and neighbourhood inspectors.", "", "accept",
     "We will plan an online seminar with two forces that have adopted it."),
    ("lead.merseyside@example.org", "custody",
     "We would like a session on our own custody suite's refurbishment plans.",
     "Our custody team.", "Next month", "decline",
     "This is one force's project rather than learning others can use; the peer support "
     "programme can put you in touch with forces that have refurbished suites."),
    ("lead.kent@example.org", "problem-solving",
     "Problem-solving plans stall after the first scan. A session on assessment would help.",
     "Neighbourhood teams and their supervisors.", "Early in the year", "merge",
     "It joins the problem-solving event already planned, which covers assessment."),
]
SUBSCRIBERS = [
    ("invitations.topics@example.org", ["problem-solving", "evidence-based-policing"]),
    ("invitations.everything@example.org", []),
]


def has_content():
    return EventRequest.objects.exists() or InvitationSubscriber.objects.exists()


def load(*, stdout, options):
    """Add the requests (through the domain functions, so each is logged) and the subscribers,
    once. Side effects: requests and their activity-log rows, subscribers; the emails queued on
    the way are dropped by seed_demo."""
    if has_content():
        stdout.write("Event requests and invitations: already loaded.")
        return
    with transaction.atomic():
        made = load_requests()
        load_subscribers()
    states = ", ".join(request.get_status_display().lower() for request in made.values())
    stdout.write(f"Event requests: {len(made)} ({states}); {len(SUBSCRIBERS)} confirmed "
                 "invitation subscribers.")


def load_requests():
    staff = User.objects.get(email=STAFF)
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    people = {user.email: user for user in User.objects.filter(
        email__in=[row[0] for row in REQUESTS])}
    made = {}
    for email, slug, why, audience, dates, decision, reason in REQUESTS:
        planned = _planned_event_on(topics.get(slug)) if decision == "merge" else None
        if email not in people or slug not in topics or (decision == "merge" and not planned):
            continue
        request = requesting.ask_for_event(user=people[email], topic=topics[slug], why=why,
                                           audience=audience, preferred_dates=dates)
        if decision:
            request = requesting.decide(request=request, action=decision, actor=staff,
                                        reason=reason, event=planned)
        made[slug] = request
    return made


def _planned_event_on(topic):
    """A planned event on ``topic`` if the demo has one, else the next planned event."""
    planned = requesting.mergeable_events()
    return planned.filter(topics=topic).first() or planned.first()


def load_subscribers():
    now = timezone.now()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for email, slugs in SUBSCRIBERS:
        subscriber = InvitationSubscriber.objects.create(email=email, confirmed_at=now)
        subscriber.topics.set([topics[slug] for slug in slugs if slug in topics])
