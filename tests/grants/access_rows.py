"""Small grants' rows of the access table; tests/test_access.py merges them and
:func:`objects` into the one table.

Kent Police (the owner's force) applies: its lead sees and changes its applications, the
organisers run the scheme, and the reviewer sits on the panel of Kent's submitted application.
Everyone else, Kent's other members too, gets 404 from every page about an application: they
never learn one exists. A draft call is the organisers' alone.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from exchange.grants.enums import ApplicationStatus, CallStatus
from exchange.grants.models import GrantApplication, GrantCall, PanelAssignment, ProgressReport
from tests.access import (
    EVERYONE,
    LOGIN,
    SIGNED_IN,
    Case,
    Pk,
    expect,
    fresh,
    get,
    only,
    post,
)

from .factories import make_application, make_call, programme_year

ORGANISERS = only("organisers")
# An application's pages: its organisation's lead and the organisers; 404 for anyone else.
APPLICATION = expect(404, anonymous=LOGIN, lead=200, organisers=200)
# Changing a draft: the lead alone; organisers may see it but not change it.
LEAD_CHANGES = expect(404, anonymous=LOGIN, lead=200, organisers=403)
LEAD_DONE = expect(404, anonymous=LOGIN, lead=302, organisers=403)
ASSESSORS = only("reviewer", "organisers")
NEW_CALL = {
    "title": "Access table call", "aims": "Aims.", "eligibility": "Members.",
    "amount_min": "1000", "amount_max": "5000", "opens_at": "2026-01-01T09:00",
    "deadline": "2027-01-01T17:00", "criterion_1_name": "Need", "criterion_1_weight": "2",
}


def _api(method, path, *args, expected, data=None, label="", done=None):
    return Case((path, *args), expected, label, method=method, data=data or {}, done=done)


def _status_is(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


def _call_data(objects):
    return {**NEW_CALL, "programme_year": objects.grant_year.pk}


ACCESS_ROWS = {
    "grants:list": [get("grants:list", expected=EVERYONE)],
    "grants:mine": [get("grants:mine", expected=SIGNED_IN)],
    "grants:call": [
        get("grants:call", "grants-open", expected=EVERYONE, label="an open call"),
        get("grants:call", "grants-draft", expected=expect(404, organisers=200),
            label="a draft call"),
    ],
    "grants:apply": [
        get("grants:apply", "grants-apply", expected=only("lead")),
        get("grants:apply", "grants-draft", expected=expect(404, organisers=403),
            label="a draft call"),
        post("grants:apply", "grants-apply", expected=only("lead", answer=302),
             data=lambda o: {"organisation": o.force.pk}, label="start",
             done=lambda o: GrantApplication.objects.filter(call=o.grant_apply_call).exists()),
    ],
    "grants:application": [
        get("grants:application", Pk("grant_draft"), expected=APPLICATION, label="a draft"),
        get("grants:application", Pk("grant_submitted"),
            expected=expect(404, anonymous=LOGIN, lead=200, organisers=200, reviewer=200),
            label="submitted, with the reviewer on its panel"),
    ],
    "grants:application-edit": [
        get("grants:application-edit", Pk("grant_draft"), expected=LEAD_CHANGES),
        post("grants:application-edit", Pk("grant_draft"), expected=LEAD_DONE, label="save",
             data={"project_title": "Saved by the lead", "line_1_item": "Nurse",
                   "line_1_amount": "3000"},
             done=lambda o: fresh(o.grant_draft).project_title == "Saved by the lead"),
    ],
    "grants:application-submit": [
        get("grants:application-submit", Pk("grant_draft"), expected=LEAD_CHANGES),
        post("grants:application-submit", Pk("grant_draft"), expected=LEAD_DONE, label="submit",
             done=_status_is("grant_draft", ApplicationStatus.SUBMITTED)),
    ],
    "grants:application-withdraw": [
        get("grants:application-withdraw", Pk("grant_draft"), expected=LEAD_CHANGES),
        post("grants:application-withdraw", Pk("grant_draft"), expected=LEAD_DONE,
             label="withdraw", done=_status_is("grant_draft", ApplicationStatus.WITHDRAWN)),
    ],
    "grants:report": [
        Case(("grants:report", Pk("grant_funded"), Pk("grant_report")), APPLICATION),
        Case(("grants:report", Pk("grant_funded"), Pk("grant_report")), LEAD_DONE, "write it", method="post",
             data={"what_was_done": "Rode 30 nights.", "results": "Fewer detentions.",
                   "evidence": "Force data."},
             done=lambda o: fresh(o.grant_report).submitted_at is not None),
    ],
    "grants:manage": [get("grants:manage", expected=ORGANISERS)],
    "grants:call-new": [
        get("grants:call-new", expected=ORGANISERS),
        post("grants:call-new", expected=only("organisers", answer=302), data=_call_data,
             label="save", done=lambda o: GrantCall.objects.filter(
                 title="Access table call").exists()),
    ],
    "grants:call-edit": [
        get("grants:call-edit", "grants-open", expected=ORGANISERS),
        post("grants:call-edit", "grants-open", expected=only("organisers", answer=302),
             data=lambda o: {**_call_data(o), "title": "Renamed call"}, label="save",
             done=lambda o: fresh(o.grant_open_call).title == "Renamed call"),
    ],
    "grants:call-state": [
        get("grants:call-state", "grants-open", "close_for_assessment", expected=ORGANISERS),
        post("grants:call-state", "grants-open", "close_for_assessment",
             expected=only("organisers", answer=302), label="close for assessment",
             done=_status_is("grant_open_call", CallStatus.ASSESSING)),
    ],
    "grants:call-manage": [get("grants:call-manage", "grants-assessing", expected=ORGANISERS)],
    "grants:panel": [
        get("grants:panel", Pk("grant_submitted"), expected=ORGANISERS),
        post("grants:panel", Pk("grant_submitted"), expected=only("organisers", answer=302),
             data={"assessors": Pk("grant_organiser")}, label="assign",
             done=lambda o: PanelAssignment.objects.filter(
                 application=o.grant_submitted, assessor=o.grant_organiser).exists()),
    ],
    "grants:decide": [
        get("grants:decide", Pk("grant_submitted"), expected=ORGANISERS),
        post("grants:decide", Pk("grant_submitted"), expected=only("organisers", answer=302),
             data={"decision": "not_funded", "feedback": "Not this time."}, label="decide",
             done=_status_is("grant_submitted", ApplicationStatus.NOT_FUNDED)),
    ],
    "grants:progress": [
        get("grants:progress", Pk("grant_funded"), expected=ORGANISERS),
        post("grants:progress", Pk("grant_funded"), expected=only("organisers", answer=302),
             data={"due_on": "2030-06-30"}, label="set a date",
             done=lambda o: ProgressReport.objects.filter(
                 application=o.grant_funded, due_on=datetime.date(2030, 6, 30)).exists()),
    ],
    "grants:publish-report": [
        get("grants:publish-report", Pk("grant_final"), expected=ORGANISERS),
        post("grants:publish-report", Pk("grant_final"), expected=only("organisers", answer=302),
             data={"label": "promising", "summary": "A nurse on the late shift.",
                   "mechanism": "Clinical judgement on the spot."}, label="publish",
             done=lambda o: fresh(o.grant_final).practice_id is not None),
    ],
    "grants:assessments": [get("grants:assessments", expected=ASSESSORS)],
    "grants:score": [
        get("grants:score", Pk("grant_submitted"),
            expected=expect(404, anonymous=LOGIN, reviewer=200, lead=403, organisers=403)),
        post("grants:score", Pk("grant_submitted"),
             expected=expect(404, anonymous=LOGIN, reviewer=302, lead=403, organisers=403),
             data=lambda o: {f"score_{c.pk}": "4" for c in o.grant_assessing_call.criteria.all()},
             label="score",
             done=lambda o: PanelAssignment.objects.filter(
                 application=o.grant_submitted, scored_at__isnull=False).exists()),
    ],
    "GET /api/v1/grant-calls/{call_id}/applications": [
        _api("get", "/api/v1/grant-calls/{}/applications", Pk("grant_open_call"),
             expected=expect(403, anonymous=401, lead=200, organisers=200)),
        _api("get", "/api/v1/grant-calls/{}/applications", Pk("grant_draft_call"),
             expected=expect(404, anonymous=401, organisers=200), label="a draft call"),
    ],
    "POST /api/v1/grant-calls/{call_id}/applications": [
        _api("post", "/api/v1/grant-calls/{}/applications", Pk("grant_apply_call"),
             expected=expect(403, anonymous=401, lead=201),
             data={"project_title": "Started by API"},
             done=lambda o: GrantApplication.objects.filter(
                 project_title="Started by API").exists()),
    ],
}


def objects(*, force, other_force, people):
    year = programme_year(force, other_force, name="Small grants access year")
    open_call = make_call(year, slug="grants-open")
    apply_call = make_call(year, slug="grants-apply", title="Apply here")
    draft_call = make_call(year, slug="grants-draft", status=CallStatus.DRAFT)
    assessing = make_call(year, slug="grants-assessing", status=CallStatus.ASSESSING,
                          opened_days_ago=60, days_left=-1)
    decided = make_call(year, slug="grants-decided", status=CallStatus.DECIDED,
                        opened_days_ago=200, days_left=-100)
    lead = people["lead"]
    submitted = make_application(assessing, force, lead, status=ApplicationStatus.SUBMITTED)
    PanelAssignment.objects.create(application=submitted, assessor=people["reviewer"])
    funded = make_application(decided, force, lead, status=ApplicationStatus.FUNDED,
                              amount_awarded=9000)
    today = timezone.localdate()
    report = ProgressReport.objects.create(application=funded, due_on=today)
    final = ProgressReport.objects.create(
        application=funded, due_on=today, is_final=True, what_was_done="Rode 72 nights.",
        results="Detentions fell by a third.", evidence="Force data.",
        submitted_at=timezone.now(), submitted_by=lead)
    return SimpleNamespace(
        grant_year=year, grant_open_call=open_call, grant_apply_call=apply_call,
        grant_draft_call=draft_call, grant_assessing_call=assessing,
        grant_draft=make_application(open_call, force, lead),
        grant_submitted=submitted, grant_funded=funded, grant_report=report, grant_final=final,
        grant_organiser=people["organiser"])
