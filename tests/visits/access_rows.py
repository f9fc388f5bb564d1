"""The visits rows of the access table; tests/test_access.py merges them and
:func:`visit_objects` into the one table. "staff" there is a Reviewer, who does not run visits,
so the organisers' pages answer 403 to them; tests/visits/test_access_rows.py checks that an
Organiser gets each of those pages."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from exchange.visits.enums import OfferStatus, Place, VisitStatus, WaitingStatus
from exchange.visits.models import (
    Application,
    CheckIn,
    HostReport,
    Material,
    PlaceOffer,
    PreparationCall,
    ProgrammeMembership,
    ProgrammeYear,
    Visit,
    Visitor,
    WaitingEntry,
)
from tests.access import LOGIN, Case, Pk, expect, get, post

EVERYONE = expect(200, 200, 200, 200, 200)
ORGANISERS = expect(LOGIN, 403, 403, 403, 200)
ORGANISERS_POST_ONLY = expect(LOGIN, 403, 403, 403, 405)


class Token(str):
    """Names a visit whose signed host token goes in the URL."""

    def resolve(self, objects):
        from exchange.visits.domain import host_token

        return host_token(getattr(objects, self))


def _api(method, path, *args, expected, data=None, label=""):
    return Case((path, *args), expected, label, method=method, data=data or {})


ACCESS_ROWS = {
    "visits:list": [get("visits:list", expected=EVERYONE)],
    "visits:calendar": [get("visits:calendar", expected=EVERYONE)],
    "visits:host-offer": [get("visits:host-offer", expected=EVERYONE)],
    "visits:host-offer-thanks": [get("visits:host-offer-thanks", expected=EVERYONE)],
    "visits:detail": [
        get("visits:detail", Pk("open_visit"), expected=EVERYONE),
        get(
            "visits:detail",
            Pk("cancelled_visit"),
            expected=expect(404, 404, 404, 404, 200),
            label="cancelled",
        ),
    ],
    # Only an organisation lead of a member force may apply; none of these people is one.
    "visits:apply": [get("visits:apply", Pk("open_visit"), expected=expect(LOGIN, 403, 403, 403, 403))],
    "visits:withdraw-application": [
        get("visits:withdraw-application", Pk("open_visit"), expected=expect(LOGIN, 404, 404, 404, 404),
            label="not a lead with an application")
    ],
    "visits:withdraw": [
        get(
            "visits:withdraw",
            Pk("member_place"),
            expected=expect(LOGIN, 200, 404, 404, 200),
            label="the member's place",
        )
    ],
    "visits:offer": [get("visits:offer", Pk("member_offer"), expected=expect(LOGIN, 200, 404, 404, 200))],
    "visits:invitation": [
        get("visits:invitation", Pk("visited_visit"), expected=expect(LOGIN, 200, 403, 403, 200))
    ],
    "visits:material": [
        get("visits:material", Pk("material"), expected=expect(LOGIN, 302, 404, 404, 302), label="a link")
    ],
    "visits:learning": [
        get("visits:learning", Pk("visited_visit"), expected=expect(LOGIN, 200, 403, 403, 403))
    ],
    "visits:check-in": [
        get("visits:check-in", Pk("member_check_in"), expected=expect(LOGIN, 200, 404, 404, 404))
    ],
    "visits:host-report-view": [
        get("visits:host-report-view", Token("visited_visit"), expected=EVERYONE, label="signed"),
        get(
            "visits:host-report-view", "not-a-token", expected=expect(404, 404, 404, 404, 404), label="forged"
        ),
    ],
    "visits:host-report-view-download": [
        get("visits:host-report-view-download", Token("visited_visit"), "pdf", expected=EVERYONE)
    ],
    "visits:manage": [get("visits:manage", expected=ORGANISERS)],
    "visits:create": [get("visits:create", expected=ORGANISERS)],
    "visits:host-offers": [get("visits:host-offers", expected=ORGANISERS)],
    "visits:programme-years": [get("visits:programme-years", expected=ORGANISERS)],
    "visits:programme-year": [get("visits:programme-year", Pk("year"), expected=ORGANISERS)],
    "visits:manage-visit": [get("visits:manage-visit", Pk("visited_visit"), expected=ORGANISERS)],
    "visits:edit": [get("visits:edit", Pk("open_visit"), expected=ORGANISERS)],
    "visits:change-state": [get("visits:change-state", Pk("open_visit"), "cancel", expected=ORGANISERS)],
    "visits:allocate": [get("visits:allocate", Pk("open_visit"), expected=ORGANISERS_POST_ONLY)],
    "visits:adjust": [get("visits:adjust", Pk("member_place"), expected=ORGANISERS)],
    "visits:preparation": [get("visits:preparation", Pk("visited_visit"), expected=ORGANISERS)],
    "visits:send-preparation": [
        get("visits:send-preparation", Pk("visited_visit"), expected=ORGANISERS_POST_ONLY)
    ],
    "visits:questions": [get("visits:questions", Pk("visited_visit"), expected=ORGANISERS)],
    "visits:manage-learning": [get("visits:manage-learning", Pk("visited_visit"), expected=ORGANISERS)],
    "visits:host-report": [get("visits:host-report", Pk("visited_visit"), expected=ORGANISERS)],
    "visits:host-report-download": [
        get("visits:host-report-download", Pk("visited_visit"), "docx", expected=ORGANISERS)
    ],
    "visits:follow-up": [get("visits:follow-up", Pk("visited_visit"), expected=ORGANISERS)],
    "visits:short-report": [get("visits:short-report", Pk("visited_visit"), expected=ORGANISERS)],
    # The API.
    "GET /api/v1/visits": [get("/api/v1/visits", expected=EVERYONE)],
    "GET /api/v1/visits/{visit_id}": [get("/api/v1/visits/{}", Pk("open_visit"), expected=EVERYONE)],
    "POST /api/v1/visits": [
        _api(
            "post",
            "/api/v1/visits",
            expected=expect(401, 403, 403, 403, 201),
            data={
                "theme": "Custody",
                "title": "Custody suite",
                "host_organisation": "Kent Police",
                "capacity": 4,
                "applications_open": "2030-01-01T09:00:00Z",
                "applications_close": "2030-02-01T09:00:00Z",
            },
        )
    ],
    "POST /api/v1/visits/{visit_id}/transitions": [
        _api(
            "post",
            "/api/v1/visits/{}/transitions",
            Pk("open_visit"),
            data={"action": "cancel", "note": "The venue is closed"},
            expected=expect(401, 403, 403, 403, 200),
        )
    ],
    "POST /api/v1/visits/{visit_id}/applications": [
        _api(
            "post",
            "/api/v1/visits/{}/applications",
            Pk("open_visit"),
            expected=expect(401, 403, 403, 403, 403),
            label="nobody here is a lead",
            data={"visitors": [{"email": "a@b.example", "role": "x"}]},
        )
    ],
    "POST /api/v1/visits/{visit_id}/allocation": [
        _api(
            "post", "/api/v1/visits/{}/allocation", Pk("open_visit"), expected=expect(401, 403, 403, 403, 200)
        )
    ],
    "GET /api/v1/visits/{visit_id}/allocation": [
        get("/api/v1/visits/{}/allocation", Pk("visited_visit"), expected=expect(401, 403, 403, 403, 200))
    ],
    "POST /api/v1/visits/{visit_id}/withdrawals": [
        _api(
            "post",
            "/api/v1/visits/{}/withdrawals",
            Pk("offer_visit"),
            data={"email": "member@kent.police.uk"},
            expected=expect(401, 200, 404, 404, 200),
            label="the member's offered place",
        )
    ],
    "POST /api/v1/visits/{visit_id}/learning-points": [
        _api(
            "post",
            "/api/v1/visits/{}/learning-points",
            Pk("visited_visit"),
            data={"key_learning": "Triage works", "how_to_apply": "Pilot"},
            expected=expect(401, 201, 403, 403, 403),
        )
    ],
    "GET /api/v1/visits/{visit_id}/host-report": [
        get("/api/v1/visits/{}/host-report", Pk("visited_visit"), expected=expect(401, 403, 403, 403, 200))
    ],
}


def _visit(year, host, title, status, **fields):
    now = timezone.now()
    return Visit.objects.create(
        programme_year=year,
        theme="Mental health",
        title=title,
        host_organisation=host,
        host_contact_email="host@example.org",
        capacity=6,
        status=status,
        applications_open=now - datetime.timedelta(days=5),
        applications_close=now + datetime.timedelta(days=5),
        **fields,
    )


def visit_objects(force, member):
    """The visits objects the rows point at, built straight onto the tables."""
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(
        name="Access year",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=300),
    )
    ProgrammeMembership.objects.create(programme_year=year, organisation=force)
    visited = _visit(year, force, "Visited", VisitStatus.VISITED, date=today - datetime.timedelta(days=3))
    application = Application.objects.create(visit=visited, organisation=force)
    place = Visitor.objects.create(
        application=application, visit=visited, user=member, role="PC", place=Place.PLACED
    )
    check_in = CheckIn.objects.create(visitor=place, week=1, due_at=timezone.now())
    PreparationCall.objects.create(visit=visited, starts_at=timezone.now(), joining_details="Teams 1")
    HostReport.objects.create(visit=visited, body="## Report\n\n- Learning", sent_at=timezone.now())
    offer_visit = _visit(year, force, "Offered", VisitStatus.ALLOCATED)
    offer_application = Application.objects.create(visit=offer_visit, organisation=force)
    entry = WaitingEntry.objects.create(
        visit=offer_visit, organisation=force, position=1, is_group=False, status=WaitingStatus.OFFERED
    )
    Visitor.objects.create(
        application=offer_application,
        visit=offer_visit,
        user=member,
        role="PC",
        place=Place.OFFERED,
        waiting_entry=entry,
    )
    offer = PlaceOffer.objects.create(
        visit=offer_visit,
        entry=entry,
        places=1,
        status=OfferStatus.OPEN,
        expires_at=timezone.now() + datetime.timedelta(hours=48),
    )
    return SimpleNamespace(
        year=year,
        visited_visit=visited,
        member_place=place,
        member_check_in=check_in,
        open_visit=_visit(year, force, "Open", VisitStatus.OPEN),
        cancelled_visit=_visit(year, force, "Cancelled", VisitStatus.CANCELLED),
        offer_visit=offer_visit,
        member_offer=offer,
        material=Material.objects.create(visit=visited, title="Link", link="https://example.org/m"),
    )


__all__ = ["ACCESS_ROWS", "Token", "post", "visit_objects"]
