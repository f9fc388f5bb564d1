"""The visits rows of the access table; tests/test_access.py merges them and
:func:`objects` into the one table (found through the app registry).

Organisers (and administrators) run the programme: its staff pages answer 403 to anyone else
signed in. Kent Police is a member of the programme year; its lead applies for it and acts for
its visitors; the member has a place, an offered place and a week-one check-in.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from exchange.visits.enums import (
    ApplicationStatus,
    OfferStatus,
    Place,
    VisitStatus,
    WaitingStatus,
)
from exchange.visits.models import (
    Application,
    CheckIn,
    HostOffer,
    HostReport,
    LearningPoint,
    Material,
    PlaceOffer,
    PreparationCall,
    ProgrammeMembership,
    ProgrammeYear,
    Visit,
    Visitor,
    WaitingEntry,
)
from tests.access import (
    EVERYONE,
    LOGIN,
    ORGANISERS,
    SIGNED_IN,
    Case,
    Pk,
    expect,
    fresh,
    get,
    only,
    post,
)

ORGANISERS_ACT = only("organisers", answer=302)
ORGANISERS_POST_ONLY = only("organisers", answer=405)
# A visitor's own things: the visitor, their force's lead (who acts for them) and organisers.
VISITOR_LEAD_ORGANISERS = expect(404, anonymous=LOGIN, member=200, lead=200, organisers=200)
API_ORGANISERS = only("organisers", anonymous=401)
SOON = timezone.localdate() + datetime.timedelta(days=40)


class Token(str):
    """Names a visit whose signed host token goes in the URL."""

    def resolve(self, objects):
        from exchange.visits.domain import host_token

        return host_token(getattr(objects, self))


def _api(method, path, *args, expected, data=None, label="", done=None):
    return Case((path, *args), expected, label, method=method, data=data or {}, done=done)


def _status_is(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


def _place_is(name, place):
    return lambda objects: fresh(getattr(objects, name)).place == place


VISIT_FORM = {
    "programme_year": Pk("year"), "theme": "Custody", "title": "Custody suite",
    "host_organisation": Pk("force"),
    "host_contact_name": "Pat Host", "host_contact_email": "pat@host.example",
    "description": "", "venue": "", "date": SOON.isoformat(), "capacity": "4",
    "min_per_force": "1", "applications_open": "2030-01-01T09:00",
    "applications_close": "2030-02-01T09:00", "key_questions": "What did it cost?",
}

ACCESS_ROWS = {
    "visits:list": [get("visits:list", expected=EVERYONE)],
    "visits:calendar": [get("visits:calendar", expected=EVERYONE)],
    "visits:host-offer": [
        get("visits:host-offer", expected=EVERYONE),
        post("visits:host-offer", expected=expect(302), label="offer to host",
             data={"organisation_name": "Avon NHS Trust", "contact_name": "Pat Host",
                   "contact_email": "pat@host.example", "theme": "Triage",
                   "practice": "Nurses in the control room.", "possible_dates": "Spring"},
             done=lambda o: HostOffer.objects.filter(organisation_name="Avon NHS Trust").exists()),
    ],
    "visits:host-offer-thanks": [get("visits:host-offer-thanks", expected=EVERYONE)],
    "visits:short-report-download": [
        get("visits:short-report-download", Pk("reported_visit"), "pdf", expected=EVERYONE,
            label="published"),
        get("visits:short-report-download", Pk("visited_visit"), "pdf", expected=expect(404),
            label="not published"),
    ],
    "visits:detail": [
        get("visits:detail", Pk("open_visit"), expected=EVERYONE),
        get("visits:detail", Pk("cancelled_visit"), expected=expect(404, organisers=200),
            label="cancelled"),
    ],
    # Anyone signed in has a list of their own visits, empty or not (issue 9).
    "visits:mine": [get("visits:mine", expected=SIGNED_IN)],
    # Only an organisation lead of a member force applies, for their force.
    "visits:apply": [
        get("visits:apply", Pk("open_visit"), expected=only("lead")),
        post("visits:apply", Pk("open_visit"), expected=only("lead", answer=302),
             label="apply for two", data={
                 "visitor_1_email": "member@kent.police.uk", "visitor_1_role": "PC",
                 "visitor_2_email": "colleague@kent.police.uk", "visitor_2_role": "PS"},
             done=lambda o: Application.objects.active().filter(visit=o.open_visit).exists()),
    ],
    "visits:withdraw-application": [
        get("visits:withdraw-application", Pk("applied_visit"),
            expected=only("lead", others=404), label="the force's application"),
        post("visits:withdraw-application", Pk("applied_visit"),
             expected=only("lead", answer=302, others=404), label="withdraw it",
             done=_status_is("force_application", ApplicationStatus.WITHDRAWN)),
    ],
    "visits:withdraw": [
        get("visits:withdraw", Pk("member_place"), expected=VISITOR_LEAD_ORGANISERS,
            label="the member's place"),
        post("visits:withdraw", Pk("allocated_place"),
             expected=expect(404, anonymous=LOGIN, member=302, lead=302, organisers=302),
             label="withdraw the member", done=_place_is("allocated_place", Place.WITHDRAWN)),
    ],
    "visits:offer": [
        get("visits:offer", Pk("member_offer"), expected=VISITOR_LEAD_ORGANISERS),
        post("visits:offer", Pk("member_offer"), data={"answer": "accept"},
             expected=expect(404, anonymous=LOGIN, member=302, lead=302, organisers=302),
             label="accept", done=_status_is("member_offer", OfferStatus.ACCEPTED)),
        post("visits:offer", Pk("member_offer"), data={"answer": "decline"},
             expected=expect(404, anonymous=LOGIN, member=302, lead=302, organisers=302),
             label="decline", done=_status_is("member_offer", OfferStatus.DECLINED)),
    ],
    "visits:invitation": [
        get("visits:invitation", Pk("visited_visit"), expected=only("member", "organisers"))
    ],
    "visits:material": [
        get("visits:material", Pk("material"),
            expected=expect(404, anonymous=LOGIN, member=302, organisers=302), label="a link")
    ],
    # Only someone who had a place records learning; organisers read it on their own page.
    "visits:learning": [
        get("visits:learning", Pk("visited_visit"), expected=only("member")),
        post("visits:learning", Pk("visited_visit"), expected=only("member", answer=302),
             data={"key_learning": "Triage works", "how_to_apply": "Pilot it"},
             label="record a learning point",
             done=lambda o: LearningPoint.objects.filter(key_learning="Triage works").exists()),
    ],
    # The author changes or deletes their own point until the host report is sent (issue 9).
    "visits:edit-learning": [
        get("visits:edit-learning", Pk("member_point"), expected=only("member", others=404)),
        post("visits:edit-learning", Pk("member_point"),
             expected=only("member", answer=302, others=404), label="change it",
             data={"key_learning": "Triage works at night", "how_to_apply": "Pilot it"},
             done=lambda o: fresh(o.member_point).key_learning == "Triage works at night"),
    ],
    "visits:delete-learning": [
        get("visits:delete-learning", Pk("member_point"), expected=only("member", others=404)),
        post("visits:delete-learning", Pk("member_point"),
             expected=only("member", answer=302, others=404), label="delete it",
             done=lambda o: fresh(o.member_point) is None),
    ],
    "visits:check-in": [
        get("visits:check-in", Pk("member_check_in"), expected=only("member", others=404)),
        post("visits:check-in", Pk("member_check_in"), expected=only("member", answer=302,
                                                                      others=404),
             data={"applied": "A triage pilot", "obstacles": "", "help_note": ""},
             label="check in", done=lambda o: fresh(o.member_check_in).completed_at is not None),
    ],
    # The host, through the signed link; anyone holding it may read and acknowledge.
    "visits:host-report-view": [
        get("visits:host-report-view", Token("visited_visit"), expected=EVERYONE, label="signed"),
        get("visits:host-report-view", "not-a-token", expected=expect(404), label="forged"),
        post("visits:host-report-view", Token("visited_visit"), expected=expect(302),
             data={"name": "Pat Host"}, label="acknowledge",
             done=lambda o: fresh(o.host_report).acknowledged_at is not None),
    ],
    "visits:host-report-view-download": [
        get("visits:host-report-view-download", Token("visited_visit"), "pdf", expected=EVERYONE)
    ],
    # The programme team.
    "visits:manage": [get("visits:manage", expected=ORGANISERS)],
    "visits:create": [
        get("visits:create", expected=ORGANISERS),
        post("visits:create", expected=ORGANISERS_ACT, data=VISIT_FORM, label="create",
             done=lambda o: Visit.objects.filter(title="Custody suite").exists()),
    ],
    "visits:host-offers": [get("visits:host-offers", expected=ORGANISERS)],
    "visits:programme-years": [
        get("visits:programme-years", expected=ORGANISERS),
        post("visits:programme-years", expected=ORGANISERS_ACT, label="add a year",
             data={"name": "Next year", "starts_on": "2040-04-01", "ends_on": "2041-03-31"},
             done=lambda o: ProgrammeYear.objects.filter(name="Next year").exists()),
    ],
    "visits:programme-year": [
        get("visits:programme-year", Pk("year"), expected=ORGANISERS),
        post("visits:programme-year", Pk("year"), expected=ORGANISERS_ACT,
             data={"organisation": Pk("other_force")}, label="add a member",
             done=lambda o: ProgrammeMembership.objects.filter(
                 programme_year=o.year, organisation=o.other_force).exists()),
    ],
    "visits:manage-visit": [get("visits:manage-visit", Pk("visited_visit"), expected=ORGANISERS)],
    "visits:edit": [
        get("visits:edit", Pk("open_visit"), expected=ORGANISERS),
        post("visits:edit", Pk("planned_visit"), expected=ORGANISERS_ACT, label="change it",
             data={**VISIT_FORM, "title": "Custody suite, renamed"},
             done=lambda o: fresh(o.planned_visit).title == "Custody suite, renamed"),
    ],
    "visits:change-state": [
        get("visits:change-state", Pk("open_visit"), "cancel", expected=ORGANISERS),
        post("visits:change-state", Pk("open_visit"), "cancel", expected=ORGANISERS_ACT,
             data={"note": "The venue is closed"}, label="cancel",
             done=_status_is("open_visit", VisitStatus.CANCELLED)),
        post("visits:change-state", Pk("planned_visit"), "open_applications",
             expected=ORGANISERS_ACT, label="open applications", data={"note": "Host agreed"},
             done=_status_is("planned_visit", VisitStatus.OPEN)),
    ],
    "visits:allocate": [
        # Applications are still open: the page asks first (issue 9).
        get("visits:allocate", Pk("open_visit"), expected=ORGANISERS, label="asks to confirm"),
        post("visits:allocate", Pk("applied_visit"), expected=ORGANISERS, label="not confirmed"),
        post("visits:allocate", Pk("applied_visit"), expected=ORGANISERS_ACT, label="allocate",
             data={"confirm": "early"}, done=_status_is("applied_visit", VisitStatus.ALLOCATED)),
    ],
    "visits:adjust": [
        get("visits:adjust", Pk("member_place"), expected=ORGANISERS),
        post("visits:adjust", Pk("allocated_place"), expected=ORGANISERS_ACT,
             data={"place": "waiting", "reason": "Their force asked"}, label="to the waiting list",
             done=_place_is("allocated_place", Place.WAITING)),
    ],
    "visits:preparation": [
        get("visits:preparation", Pk("visited_visit"), expected=ORGANISERS),
        post("visits:preparation", Pk("allocated_visit"), expected=ORGANISERS_ACT,
             label="schedule the call",
             data={"form": "call", "call-starts_at": f"{SOON.isoformat()}T10:00",
                   "call-duration_minutes": "60", "call-joining_details": "Teams 2"},
             done=lambda o: PreparationCall.objects.filter(
                 visit=o.allocated_visit, joining_details="Teams 2").exists()),
        post("visits:preparation", Pk("allocated_visit"), expected=ORGANISERS_ACT,
             label="add a link",
             data={"form": "material", "material-title": "Map",
                   "material-link": "https://example.org/map"},
             done=lambda o: Material.objects.filter(visit=o.allocated_visit, title="Map").exists()),
    ],
    "visits:send-preparation": [
        get("visits:send-preparation", Pk("visited_visit"), expected=ORGANISERS_POST_ONLY),
        post("visits:send-preparation", Pk("allocated_visit"), expected=ORGANISERS_ACT,
             label="email the pack"),
    ],
    "visits:questions": [
        get("visits:questions", Pk("visited_visit"), expected=ORGANISERS),
        post("visits:questions", Pk("allocated_visit"), expected=ORGANISERS_ACT,
             label="send to the host"),
    ],
    "visits:manage-learning": [get("visits:manage-learning", Pk("visited_visit"),
                                   expected=ORGANISERS)],
    "visits:host-report": [
        get("visits:host-report", Pk("visited_visit"), expected=ORGANISERS),
        post("visits:host-report", Pk("reporting_visit"), expected=ORGANISERS_ACT,
             data={"action": "save", "body": "## Edited report"}, label="save the draft",
             done=lambda o: fresh(o.draft_report).body.strip() == "## Edited report"),
    ],
    "visits:host-report-download": [
        get("visits:host-report-download", Pk("visited_visit"), "docx", expected=ORGANISERS)
    ],
    "visits:follow-up": [
        get("visits:follow-up", Pk("visited_visit"), expected=ORGANISERS),
        post("visits:follow-up", Pk("follow_up_visit"), expected=ORGANISERS_ACT,
             label="close the follow-up", done=_status_is("follow_up_visit", VisitStatus.CLOSED)),
    ],
    "visits:short-report": [
        get("visits:short-report", Pk("visited_visit"), expected=ORGANISERS),
        post("visits:short-report", Pk("visited_visit"), expected=ORGANISERS_ACT,
             data={"short_report": "Forces saw triage at work."}, label="publish",
             done=lambda o: fresh(o.visited_visit).short_report.strip()
             == "Forces saw triage at work."),
    ],
    # The API.
    "GET /api/v1/visits": [get("/api/v1/visits", expected=EVERYONE)],
    "GET /api/v1/visits/{visit_id}": [get("/api/v1/visits/{}", Pk("open_visit"),
                                          expected=EVERYONE)],
    "POST /api/v1/visits": [
        _api("post", "/api/v1/visits", expected=only("organisers", answer=201, anonymous=401),
             data={"theme": "Custody", "title": "Custody suite by API",
                   "host_organisation": "Kent Police", "capacity": 4,
                   "applications_open": "2030-01-01T09:00:00Z",
                   "applications_close": "2030-02-01T09:00:00Z"},
             done=lambda o: Visit.objects.filter(title="Custody suite by API").exists())
    ],
    "POST /api/v1/visits/{visit_id}/transitions": [
        _api("post", "/api/v1/visits/{}/transitions", Pk("open_visit"),
             data={"action": "cancel", "note": "The venue is closed"},
             expected=API_ORGANISERS, done=_status_is("open_visit", VisitStatus.CANCELLED))
    ],
    "POST /api/v1/visits/{visit_id}/applications": [
        _api("post", "/api/v1/visits/{}/applications", Pk("open_visit"),
             expected=only("lead", answer=201, anonymous=401), label="the lead applies",
             data={"visitors": [{"email": "member@kent.police.uk", "role": "PC"},
                                {"email": "colleague@kent.police.uk", "role": "PS"}]},
             done=lambda o: Application.objects.active().filter(visit=o.open_visit).exists())
    ],
    "POST /api/v1/visits/{visit_id}/allocation": [
        _api("post", "/api/v1/visits/{}/allocation", Pk("applied_visit"), expected=API_ORGANISERS,
             done=_status_is("applied_visit", VisitStatus.ALLOCATED))
    ],
    "GET /api/v1/visits/{visit_id}/allocation": [
        get("/api/v1/visits/{}/allocation", Pk("visited_visit"), expected=API_ORGANISERS)
    ],
    "POST /api/v1/visits/{visit_id}/withdrawals": [
        _api("post", "/api/v1/visits/{}/withdrawals", Pk("allocated_visit"),
             data={"email": "member@kent.police.uk"},
             expected=expect(404, anonymous=401, member=200, lead=200, organisers=200),
             label="the member's place", done=_place_is("allocated_place", Place.WITHDRAWN))
    ],
    "POST /api/v1/visits/{visit_id}/learning-points": [
        _api("post", "/api/v1/visits/{}/learning-points", Pk("visited_visit"),
             data={"key_learning": "Triage works", "how_to_apply": "Pilot"},
             expected=only("member", answer=201, anonymous=401),
             done=lambda o: LearningPoint.objects.filter(key_learning="Triage works").exists())
    ],
    "GET /api/v1/visits/{visit_id}/host-report": [
        get("/api/v1/visits/{}/host-report", Pk("visited_visit"), expected=API_ORGANISERS)
    ],
}


def _visit(year, host, title, status, **fields):
    now = timezone.now()
    return Visit.objects.create(
        programme_year=year, theme="Mental health", title=title, host_organisation=host,
        host_contact_email="host@example.org", capacity=6, status=status,
        applications_open=now - datetime.timedelta(days=5),
        applications_close=now + datetime.timedelta(days=5),
        key_questions="How is information shared?", **fields)


def _place(visit, organisation, user, place, **fields):
    application = Application.objects.create(visit=visit, organisation=organisation)
    visitor = Visitor.objects.create(application=application, visit=visit, user=user, role="PC",
                                     place=place, **fields)
    return application, visitor


def visit_objects(*, force, other_force, member, colleague):
    """The visits the rows point at, one in each state a row needs, built straight onto the
    tables; Kent Police is a member of the year, Essex Police is not yet."""
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(name="Access year", starts_on=today - datetime.timedelta(days=10),
                                        ends_on=today + datetime.timedelta(days=300))
    ProgrammeMembership.objects.create(programme_year=year, organisation=force)
    visited = _visit(year, force, "Visited", VisitStatus.VISITED,
                     date=today - datetime.timedelta(days=3))
    _, place = _place(visited, force, member, Place.PLACED)
    PreparationCall.objects.create(visit=visited, starts_at=timezone.now(),
                                   joining_details="Teams 1")
    allocated = _visit(year, force, "Allocated", VisitStatus.ALLOCATED, date=SOON)
    _, allocated_place = _place(allocated, force, member, Place.PLACED)
    PreparationCall.objects.create(visit=allocated, starts_at=timezone.now(),
                                   joining_details="Teams 1")
    applied = _visit(year, force, "Applied", VisitStatus.OPEN, date=SOON)
    application, _ = _place(applied, force, colleague, Place.APPLIED)
    Visitor.objects.create(application=application, visit=applied, user=member, role="PS",
                           place=Place.APPLIED, position=2)
    return SimpleNamespace(
        force=force, other_force=other_force, year=year,
        visited_visit=visited, member_place=place,
        member_check_in=CheckIn.objects.create(visitor=place, week=1, due_at=timezone.now()),
        host_report=HostReport.objects.create(visit=visited, body="## Report\n\n- Learning",
                                              sent_at=timezone.now()),
        material=Material.objects.create(visit=visited, title="Link",
                                         link="https://example.org/m"),
        allocated_visit=allocated, allocated_place=allocated_place,
        applied_visit=applied, force_application=application,
        open_visit=_visit(year, force, "Open", VisitStatus.OPEN, date=SOON),
        planned_visit=_visit(year, force, "Planned", VisitStatus.PLANNED, date=SOON),
        follow_up_visit=_visit(year, force, "Following up", VisitStatus.FOLLOW_UP,
                               date=today - datetime.timedelta(days=30)),
        reported_visit=_visit(year, force, "Reported", VisitStatus.CLOSED,
                              date=today - datetime.timedelta(days=60),
                              short_report="Forces saw triage at work.",
                              short_report_published_at=timezone.now()),
        **vars(reporting := _reporting(year, force)),
        member_point=_learning(reporting.reporting_visit, force, member),
        cancelled_visit=_visit(year, force, "Cancelled", VisitStatus.CANCELLED),
        **vars(_offer(year, force, member)),
    )


def _reporting(year, force):
    visit = _visit(year, force, "Reporting", VisitStatus.VISITED,
                   date=timezone.localdate() - datetime.timedelta(days=2))
    report = HostReport.objects.create(visit=visit, body="## Draft report\n\n- Learning")
    return SimpleNamespace(reporting_visit=visit, draft_report=report)


def _learning(visit, force, member):
    """The member's learning point on a visit whose host report is still a draft."""
    _, visitor = _place(visit, force, member, Place.PLACED)
    return LearningPoint.objects.create(visit=visit, visitor=visitor, key_learning="Triage",
                                        how_to_apply="Pilot")


def _offer(year, force, member):
    visit = _visit(year, force, "Offered", VisitStatus.ALLOCATED, date=SOON)
    entry = WaitingEntry.objects.create(visit=visit, organisation=force, position=1,
                                        is_group=False, status=WaitingStatus.OFFERED)
    _place(visit, force, member, Place.OFFERED, waiting_entry=entry)
    offer = PlaceOffer.objects.create(visit=visit, entry=entry, places=1, status=OfferStatus.OPEN,
                                      expires_at=timezone.now() + datetime.timedelta(hours=48))
    return SimpleNamespace(offer_visit=visit, member_offer=offer)


__all__ = ["ACCESS_ROWS", "Token", "objects", "visit_objects"]


def objects(*, force, other_force, people):
    return visit_objects(force=force, other_force=other_force, member=people["member"],
                         colleague=people["colleague"])
