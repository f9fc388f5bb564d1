"""Events for tests: published, open for registration and a week away unless told otherwise."""

import datetime

import factory
from django.utils import timezone

from exchange.events.enums import EventKind, EventStatus
from exchange.events.models import Event


def _in(days, hours=0):
    return timezone.now() + datetime.timedelta(days=days, hours=hours)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Problem solving in practice {n}")
    slug = factory.Sequence(lambda n: f"problem-solving-in-practice-{n}")
    kind = EventKind.SEMINAR
    summary = "How forces use problem solving to reduce demand."
    description = "An hour with **two forces**."
    starts_at = factory.LazyFunction(lambda: _in(7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    online = True
    capacity = 3
    registration_opens_at = factory.LazyFunction(lambda: _in(-7))
    registration_closes_at = factory.LazyAttribute(lambda o: o.starts_at)
    cpd_hours = 1
    joining_details = "https://meet.example.org/secret-room-4821"
    status = EventStatus.PUBLISHED

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


def past_event(**changes):
    """A published event that took place a fortnight ago."""
    starts = _in(-14)
    return EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                        registration_opens_at=starts - datetime.timedelta(days=20),
                        registration_closes_at=starts, **changes)
