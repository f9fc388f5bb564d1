"""The engagement rows of peer support's access table (merged by access_rows.py).

Everything here is confidential to Kent's leads, the team and organisers: everyone else signed
in gets 404 (the member too: a peer, but not on these requests' teams). Within a request each
action has its own people: organisers start it, issue the report and run the progress review;
the team and organisers write the report; the lead keeps the action plan and rates the support.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from exchange.support.enums import RequestStatus, SupportType, TeamStatus
from exchange.support.models import (
    ActionPlanItem,
    ProgressReview,
    Recommendation,
    SharedDocument,
    SupportRequest,
    TeamMember,
    TermsVersion,
)
from tests.access import EVERYONE, LOGIN, Pk, expect, fresh, get, post
from tests.factories import UserFactory

from .factories import PeerFactory

PDF = b"%PDF-1.4\n%%EOF\n"
# The force's leads and organisers: everyone else gets 404 (anonymous is sent to sign in).
CONFIDENTIAL = expect(404, anonymous=LOGIN, lead=200, organisers=200)
ORGANISERS_ACT = expect(404, anonymous=LOGIN, lead=403, organisers=302)
LEAD_ACTS = expect(404, anonymous=LOGIN, lead=302, organisers=403)
LEAD_AND_ORGANISERS_ACT = expect(404, anonymous=LOGIN, lead=302, organisers=302)
# A draft report is for the team and organisers; the lead reads it once it is issued.
DRAFT_DOWNLOAD = expect(404, anonymous=LOGIN, organisers=200)
REVIEW_MOVED_TO = timezone.localdate() + datetime.timedelta(days=300)


class StoredDocument(str):
    """Names a shared document whose file is put in storage when its URL is made: the table's
    objects are built before each test points MEDIA_ROOT at its own folder."""

    def resolve(self, objects):
        document = getattr(objects, self)
        if not default_storage.exists(document.file.name):
            default_storage.save(document.file.name, ContentFile(PDF))
        return document.pk


def _upload(objects):
    return {"title": "Access upload",
            "file": SimpleUploadedFile("upload.pdf", PDF, content_type="application/pdf")}


def _status_is(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


ROWS = {
    "support:engagement": [
        get("support:engagement", Pk("request"), expected=CONFIDENTIAL),
        post("support:engagement", Pk("agreed_request"), expected=ORGANISERS_ACT, label="start",
             data={"action": "start"},
             done=_status_is("agreed_request", RequestStatus.UNDER_WAY)),
    ],
    "support:documents": [
        get("support:documents", Pk("under_way_request"), expected=CONFIDENTIAL),
        post("support:documents", Pk("under_way_request"), expected=LEAD_AND_ORGANISERS_ACT,
             label="share a document", data=_upload,
             done=lambda o: SharedDocument.objects.filter(title="Access upload").exists()),
    ],
    "support:document": [
        get("support:document", StoredDocument("shared_document"), expected=CONFIDENTIAL),
    ],
    "support:document-remove": [
        get("support:document-remove", Pk("shared_document"), expected=CONFIDENTIAL,
            label="the lead's document"),
        post("support:document-remove", StoredDocument("shared_document"),
             expected=LEAD_AND_ORGANISERS_ACT, label="remove it",
             done=lambda o: fresh(o.shared_document) is None),
    ],
    "support:report": [
        get("support:report", Pk("under_way_request"), expected=CONFIDENTIAL, label="draft"),
        get("support:report", Pk("follow_up_request"), expected=CONFIDENTIAL, label="issued"),
        post("support:report", Pk("under_way_request"), expected=ORGANISERS_ACT, label="write",
             data={"findings": "Access findings", "recommendations": "Access recommendation"},
             done=lambda o: fresh(o.under_way_request).findings == "Access findings"),
        post("support:report", Pk("under_way_request"), expected=ORGANISERS_ACT, label="issue",
             data={"action": "issue"},
             done=_status_is("under_way_request", RequestStatus.FOLLOW_UP)),
    ],
    "support:report-download": [
        get("support:report-download", Pk("under_way_request"), "pdf", expected=DRAFT_DOWNLOAD,
            label="draft"),
        get("support:report-download", Pk("follow_up_request"), "pdf", expected=CONFIDENTIAL,
            label="issued, PDF"),
        get("support:report-download", Pk("follow_up_request"), "docx", expected=CONFIDENTIAL,
            label="issued, Word"),
    ],
    "support:action-plan": [
        get("support:action-plan", Pk("follow_up_request"), expected=CONFIDENTIAL),
        post("support:action-plan", Pk("follow_up_request"), expected=LEAD_AND_ORGANISERS_ACT,
             label="plan an action",
             data={"recommendation": "1", "action": "Access action", "owner": "Head of crime",
                   "status": "in_progress", "progress": ""},
             done=lambda o: ActionPlanItem.objects.filter(action="Access action").exists()),
    ],
    "support:progress-review": [
        get("support:progress-review", Pk("follow_up_request"), expected=CONFIDENTIAL),
        post("support:progress-review", Pk("follow_up_request"), expected=ORGANISERS_ACT,
             label="move it", data={"form": "move", "move-due_on": REVIEW_MOVED_TO.isoformat()},
             done=lambda o: fresh(o.progress_review).due_on == REVIEW_MOVED_TO),
    ],
    "support:feedback": [
        get("support:feedback", Pk("follow_up_request"), expected=CONFIDENTIAL),
        post("support:feedback", Pk("follow_up_request"), expected=LEAD_ACTS, label="rate",
             data={"rating": "4", "what_changed": "Files move faster."},
             done=lambda o: fresh(o.follow_up_request).rating == 4),
    ],
    "support:summary": [
        get("support:summary", Pk("follow_up_request"), expected=CONFIDENTIAL),
        post("support:summary", Pk("follow_up_request"), expected=ORGANISERS_ACT, label="write",
             data={"form": "summary", "summary-public_summary": "Access summary"},
             done=lambda o: fresh(o.follow_up_request).public_summary == "Access summary"),
    ],
    "support:learning": [get("support:learning", expected=EVERYONE)],
}


def _kent_request(objects, status, **fields):
    request = SupportRequest.objects.create(
        organisation=objects.force, requested_by=objects.people["lead"],
        support_type=SupportType.PEER_REVIEW, issue="Files wait too long.", success="Half the wait.",
        status=status, **fields)
    request.topics.set([objects.topic])
    return request


def add_objects(objects):
    """Kent's requests at three later stages (terms agreed with a peer on the team; under way
    with a draft report and a document the lead shared; report issued with a recommendation
    and a progress review), and a published summary for the public page."""
    organiser = objects.people["organiser"]
    team_peer = PeerFactory(user=UserFactory(email="team@merseyside.police.uk",
                                             full_name="Tam Team"), organisation=None,
                            organisation_name="Merseyside Police")
    agreed = _kent_request(objects, RequestStatus.AGREED)
    agreed.agreed_terms = TermsVersion.objects.create(
        request=agreed, number=1, scope="Files", questions="Where?", deliverables="A report.",
        starts_on=timezone.localdate() + datetime.timedelta(days=30), written_by=organiser,
        accepted_by_force=objects.people["lead"], accepted_by_force_at=timezone.now(),
        accepted_by_staff=organiser, accepted_by_staff_at=timezone.now())
    agreed.save(update_fields=["agreed_terms"])
    under_way = _kent_request(objects, RequestStatus.UNDER_WAY, findings="Draft findings.",
                              starts_on=timezone.localdate())
    follow_up = _kent_request(objects, RequestStatus.FOLLOW_UP, findings="Issued findings.",
                              report_issued_at=timezone.now(),
                              public_summary="A force halved the wait.",
                              summary_consented_at=timezone.now(),
                              summary_published_at=timezone.now())
    for request in (agreed, under_way, follow_up):
        TeamMember.objects.create(request=request, peer=team_peer, status=TeamStatus.ACCEPTED)
    Recommendation.objects.create(request=under_way, number=1, text="Review files faster.")
    Recommendation.objects.create(request=follow_up, number=1, text="Review files faster.")
    objects.agreed_request, objects.under_way_request = agreed, under_way
    objects.follow_up_request = follow_up
    objects.progress_review = ProgressReview.objects.create(
        request=follow_up, due_on=timezone.localdate() + datetime.timedelta(days=200),
        reminder_due_at=timezone.now() + datetime.timedelta(days=186))
    objects.shared_document = SharedDocument.objects.create(
        request=under_way, title="Audit", file="support/documents/access/audit.pdf",
        uploaded_by=objects.people["lead"])
