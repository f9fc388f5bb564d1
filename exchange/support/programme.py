"""Peer support and peer matching as the rest of the site shows them (found by
exchange/common/programmes.py). Declaring the key ``support`` retires its "coming soon" page."""

from exchange.common.programmes import Programme, StaffPage

from .enums import GroupStatus, PeerStatus, RequestStatus

PROGRAMME = Programme(
    key="support", label="Peer support", title="Peer support and peer matching",
    url_name="support:landing", order=30,
    summary="Peer reviews, workshops, mentoring and introductions from a pool of peers, and groups "
            "of four forces learning from each other's practice.",
    staff_pages=(StaffPage("Run peer support", "support:requests", "support.run_support"),),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "apply": "Applied to be a peer", "approve": "Approved as a peer", "decline": "Declined",
    "appoint": "Appointed as a specialist associate", "leave": "Left the pool",
    "rejoin": "Asked to rejoin the pool", "edit_profile": "Profile changed",
    "pause": "Availability paused", "resume": "Availability resumed",
    "request": "Support requested", "start_scoping": "Scoping started",
    "propose_terms": "Terms of reference proposed", "accept_terms": "Terms of reference accepted",
    "agree_terms": "Terms of reference agreed", "start": "Engagement started",
    "issue_report": "Report issued", "close": "Closed", "withdraw": "Withdrawn",
    "assess": "Self-assessment saved", "invite": "Peer invited", "accept_invitation":
    "Invitation accepted", "decline_invitation": "Invitation declined",
    "withdraw_invitation": "Invitation withdrawn", "share_document": "Document shared",
    "remove_document": "Document removed", "edit_report": "Report edited",
    "plan_actions": "Action plan updated", "schedule_review": "Progress review scheduled",
    "hold_review": "Progress review held", "rate": "Support rated",
    "pair": "Peer paired", "record_meeting": "Meeting recorded",
    "consent_summary": "Force consented to publishing a summary",
    "publish_summary": "Summary published",
    "form_group": "Group formed", "start_guide": "Topic guide started",
    "finalise_guide": "Topic guide finalised", "release_submissions": "Submissions shared",
    "start_reporting": "Reporting started", "share_report": "Overall report shared",
    "cancel": "Cancelled", "submit": "Submission sent", "schedule_host_day": "Host day scheduled",
}
STATE_LABELS = {**dict(PeerStatus.choices), **dict(RequestStatus.choices),
                **dict(GroupStatus.choices)}
