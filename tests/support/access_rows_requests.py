"""The requests rows of peer support's access table (merged by access_rows.py): asking for
support, the lists, a request's page and state changes, the terms of reference, the matrix and
the self-assessment, and their API.

Kent's request (``request``, in scoping with terms versions 1 and 2) is Kent's lead's and the
organisers'; everyone else signed in gets 404, the member too (a peer in the pool, not on its
team). ``submitted_request`` is a second Kent request, waiting for staff to start scoping.
"""

from django.utils import timezone

from exchange.support.enums import RequestStatus, SupportType
from exchange.support.models import (
    DimensionScore,
    MatrixDimension,
    MatrixLevel,
    SelfAssessment,
    SupportRequest,
    TermsVersion,
)
from tests.access import EVERYONE, LOGIN, SIGNED_IN, Case, Pk, expect, fresh, get, only, post

# Kent's lead and organisers see a Kent request; everyone else signed in gets 404.
REQUEST_PEOPLE = expect(404, anonymous=LOGIN, lead=200, organisers=200)
REQUEST_PEOPLE_ACT = expect(404, anonymous=LOGIN, lead=302, organisers=302)
# Staff-only actions on a request: its lead sees the request but may not do them.
STAFF_ACT = expect(404, anonymous=LOGIN, lead=403, organisers=302)
API_REQUEST = expect(404, anonymous=401, lead=200, organisers=200)

LEVELS = ["Starting", "Developing", "Established", "Advanced", "Leading"]


def make_matrix(names=("Evidence use (test)", "Learning culture (test)"), *, levels=5):
    """Active dimensions of ``levels`` levels each, in place of whatever matrix is installed
    (the shipped one is deactivated so "every active dimension" means these)."""
    MatrixDimension.objects.update(active=False)
    dimensions = []
    for order, name in enumerate(names, start=1):
        dimension, _ = MatrixDimension.objects.update_or_create(
            name=name, defaults={"order": order, "active": True,
                                 "description": f"How the force does {name.lower()}."})
        dimension.levels.all().delete()
        MatrixLevel.objects.bulk_create(
            MatrixLevel(dimension=dimension, level=n, name=LEVELS[n - 1],
                        description=f"{name}: {LEVELS[n - 1].lower()} practice.")
            for n in range(1, levels + 1))
        dimensions.append(dimension)
    return dimensions


def _api(method, path, *args, expected, data=None, label="", done=None):
    return Case((path, *args), expected, label, method=method, data=data or {}, done=done)


def _status_is(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


def _assessed(objects):
    return SelfAssessment.objects.filter(request=objects.request,
                                         scores__evidence="By the access table").exists()


def _score_form(objects):
    return {**{f"level_{d.pk}": "2" for d in objects.dimensions},
            **{f"target_{d.pk}": "4" for d in objects.dimensions},
            **{f"evidence_{d.pk}": "By the access table" for d in objects.dimensions},
            "save": "draft"}


def _score_json(objects):
    return {"scores": [{"dimension": d.pk, "level": 2, "target": 4,
                        "evidence": "By the access table"} for d in objects.dimensions]}


NEW_REQUEST = {"issue": "Calls wait too long.", "success": "Half the wait.",
               "support_type": SupportType.WORKSHOP, "delivery": "either"}
NEW_TERMS = {"scope": "Scope, version 3", "questions": "Where do calls wait?",
             "deliverables": "A workshop.", "team_size": "3"}

ROWS = {
    "support:requests": [get("support:requests", expected=SIGNED_IN)],
    "support:request-new": [
        get("support:request-new", expected=only("lead")),
        post("support:request-new", expected=only("lead", answer=302), data=NEW_REQUEST,
             done=lambda o: SupportRequest.objects.filter(issue="Calls wait too long.").exists()),
    ],
    "support:request": [get("support:request", Pk("request"), expected=REQUEST_PEOPLE)],
    "support:request-state": [
        get("support:request-state", Pk("submitted_request"), "start_scoping",
            expected=expect(404, anonymous=LOGIN, lead=403, organisers=200), label="confirm"),
        post("support:request-state", Pk("submitted_request"), "start_scoping",
             expected=STAFF_ACT, label="start scoping",
             done=_status_is("submitted_request", RequestStatus.SCOPING)),
        post("support:request-state", Pk("submitted_request"), "decline", expected=STAFF_ACT,
             data={"note": "Out of scope."}, label="decline",
             done=_status_is("submitted_request", RequestStatus.DECLINED)),
        post("support:request-state", Pk("submitted_request"), "withdraw",
             expected=REQUEST_PEOPLE_ACT, label="withdraw",
             done=_status_is("submitted_request", RequestStatus.WITHDRAWN)),
        get("support:request-state", Pk("request"), "start",
            expected=expect(404, anonymous=LOGIN), label="another area's action"),
    ],
    "support:terms": [
        get("support:terms", Pk("request"), expected=REQUEST_PEOPLE),
        post("support:terms", Pk("request"), expected=REQUEST_PEOPLE_ACT, data=NEW_TERMS,
             label="propose version 3",
             done=lambda o: TermsVersion.objects.filter(request=o.request, number=3).exists()),
    ],
    "support:terms-accept": [
        get("support:terms-accept", Pk("request"), 2,
            expected=expect(404, anonymous=LOGIN, lead=405, organisers=405), label="GET"),
        post("support:terms-accept", Pk("request"), 2, expected=REQUEST_PEOPLE_ACT,
             label="accept the latest",
             done=lambda o: bool(TermsVersion.objects.filter(request=o.request, number=2).exclude(
                 accepted_by_force_at=None, accepted_by_staff_at=None).exists())),
    ],
    "support:self-assessment": [
        get("support:self-assessment", Pk("request"), expected=REQUEST_PEOPLE),
        post("support:self-assessment", Pk("request"), expected=REQUEST_PEOPLE_ACT,
             data=_score_form, label="save a draft", done=_assessed),
    ],
    "support:matrix": [get("support:matrix", expected=EVERYONE)],
    "support:assessments": [get("support:assessments", expected=only("lead", "organisers"))],
    "support:assessment": [get("support:assessment", Pk("assessment"),
                               expected=REQUEST_PEOPLE)],
    # The API.
    "GET /api/v1/support-requests": [get("/api/v1/support-requests",
                                         expected=expect(200, anonymous=401))],
    "POST /api/v1/support-requests": [
        _api("post", "/api/v1/support-requests", expected=only("lead", answer=201, anonymous=401),
             data={**NEW_REQUEST, "issue": "Asked by API."},
             done=lambda o: SupportRequest.objects.filter(issue="Asked by API.").exists())],
    "GET /api/v1/support-requests/{request_id}": [
        get("/api/v1/support-requests/{}", Pk("request"), expected=API_REQUEST)],
    "POST /api/v1/support-requests/{request_id}/terms": [
        _api("post", "/api/v1/support-requests/{}/terms", Pk("request"),
             expected=expect(404, anonymous=401, lead=201, organisers=201),
             data={**NEW_TERMS, "team_size": 3},
             done=lambda o: TermsVersion.objects.filter(request=o.request, number=3).exists())],
    "POST /api/v1/support-requests/{request_id}/terms/{version}/accept": [
        _api("post", "/api/v1/support-requests/{}/terms/2/accept", Pk("request"),
             expected=API_REQUEST,
             done=lambda o: TermsVersion.objects.filter(request=o.request, number=2).exclude(
                 accepted_by_force_at=None, accepted_by_staff_at=None).exists())],
    "PUT /api/v1/support-requests/{request_id}/self-assessment": [
        _api("put", "/api/v1/support-requests/{}/self-assessment", Pk("request"),
             expected=API_REQUEST, data=_score_json, done=_assessed)],
}


def add_objects(objects):
    """Adds this area's objects to the shared namespace (which has force, other_force, people,
    topic, member_peer, request and group): a submitted Kent request, the matrix, and a
    submitted assessment of Kent for its request."""
    people = objects.people
    objects.submitted_request = SupportRequest.objects.create(
        organisation=objects.force, requested_by=people["lead"],
        support_type=SupportType.MENTORING, issue="New inspectors need a mentor.",
        success="Each has one.", status=RequestStatus.SUBMITTED)
    objects.dimensions = make_matrix()
    objects.assessment = SelfAssessment.objects.create(
        organisation=objects.force, request=objects.request, completed_by=people["lead"],
        submitted_at=timezone.now())
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=objects.assessment, dimension=d, level=1, target=3)
        for d in objects.dimensions)
