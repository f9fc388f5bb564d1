"""What everyone sees: upcoming and past events, an event's page, the calendar feed and each
event's .ics, and the slides afterwards (through a permission check, never MEDIA directly)."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from exchange.common.pagination import paginate
from exchange.common.permissions import allows, require

from ..domain.calendar import events_calendar
from ..domain.places import (
    listed_places_left,
    own_registration,
    places_left,
    why_cannot_register,
    with_places_left,
)
from ..enums import RegistrationStatus
from ..forms import listed_events
from ..models import Event, PlaceOffer


@require_GET
def event_list(request):
    filterset, when, events = listed_events(request.GET)
    page, pages = paginate(request, with_places_left(events.prefetch_related("topics")))
    for event in page.object_list:
        event.places_left = listed_places_left(event)
    filtered = any(request.GET.get(name) for name in ("topic", "kind"))
    return render(request, "events/list.html", {
        "filter": filterset, "form": filterset.form, "when": when, "page": page, "pages": pages,
        "filtered": filtered, "is_organiser": allows(request.user, "events.run_events")})


def _event(request, slug):
    return get_object_or_404(Event.objects.for_user(request.user), slug=slug)


@require_GET
def event_detail(request, slug):
    event = _event(request, slug)
    user, now = request.user, timezone.now()
    registration = own_registration(event, user) if user.is_authenticated else None
    offer = (PlaceOffer.objects.filter(entry__registration=registration, status="open").first()
             if registration and registration.status == RegistrationStatus.OFFERED else None)
    return render(request, "events/detail.html", {
        "event": event, "registration": registration, "offer": offer,
        "places_left": places_left(event) if event.is_published else 0,
        "why_not": why_cannot_register(event, now), "started": event.has_started(now),
        "ended": event.has_ended(now), "topics": list(event.topics.all()),
        "show_joining": bool(event.joining_details) and allows(
            user, "events.see_joining_details", event),
        "show_materials": event.has_ended(now) and event.has_materials and allows(
            user, "events.see_materials", event),
        "is_organiser": allows(user, "events.run_events")})


@require_GET
def calendar_feed(request):
    """Every published event, past ones of the last year too; never joining details."""
    since = timezone.now() - timezone.timedelta(days=365)
    events = Event.objects.published().filter(ends_at__gte=since).order_by("starts_at")
    response = HttpResponse(events_calendar(events, name="Knowledge sharing events"),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


@require_GET
def event_ics(request, slug):
    """One published event for a calendar; never its joining details (see domain.calendar)."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    response = HttpResponse(events_calendar([event], name=event.title),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_GET
def slides(request, slug):
    """The slides, to whoever may see the materials (members or attendees, as set); 404 to
    anyone else, so their existence is not revealed."""
    event = _event(request, slug)
    if not event.slides or not (event.has_ended() or allows(request.user, "events.run_events")):
        raise Http404
    require(request.user, "events.see_materials", event, hide=True)
    return FileResponse(event.slides.open("rb"), as_attachment=True,
                        filename=event.slides.name.rsplit("/", 1)[-1],
                        content_type=event.slides_content_type or "application/octet-stream")


urlpatterns = [
    path("", event_list, name="list"),
    path("calendar.ics", calendar_feed, name="feed"),
    path("<slug:slug>/", event_detail, name="detail"),
    path("<slug:slug>/event.ics", event_ics, name="event-ics"),
    path("<slug:slug>/slides/", slides, name="slides"),
]
