"""Peer learning visits as the rest of the site shows them (found by exchange/common/programmes.py)."""

from exchange.common.programmes import Programme, StaffPage

from .enums import VisitStatus

PROGRAMME = Programme(
    key="visits", label="Peer learning visits", title="Peer learning visits",
    url_name="visits:list", order=20,
    summary="Themed visits to a host organisation, police or not, with a report of learning "
            "points and six weeks of follow-up.",
    staff_pages=(StaffPage("Run visits", "visits:manage", "visits.run_visits"),),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "create": "Created", "edit": "Edited",
    "open_applications": "Opened for applications", "allocate": "Places allocated",
    "start_preparation": "Preparation started", "mark_visited": "Marked as visited",
    "send_host_report": "Host report sent", "start_follow_up": "Follow-up started",
    "close": "Follow-up closed", "cancel": "Visit cancelled",
    "add_member": "Member added", "remove_member": "Member removed",
    "apply": "Applied", "change_application": "Application changed",
    "withdraw_application": "Application withdrawn",
    "offer_place": "Place offered", "accept_offer": "Offer of a place accepted",
    "decline_offer": "Offer of a place declined", "expire_offer": "Offer of a place expired",
    "reallocate": "Places allocated again", "adjust_allocation": "Allocation adjusted",
    "withdraw_visitor": "Visitor withdrawn",
    "group_below_minimum": "A force's group fell below the minimum",
    "release_group_below_minimum": "Places of a group below the minimum released",
    "add_material": "Preparation material added", "schedule_call": "Preparation call arranged",
    "move_call": "Preparation call moved", "send_preparation": "Preparation pack sent",
    "send_questions": "Questions sent to the host",
    "draft_host_report": "Host report drafted", "edit_host_report": "Host report edited",
    "host_acknowledged": "Host acknowledged the report", "record_learning": "Learning recorded",
    "publish_short_report": "Short report published", "edit_short_report": "Short report edited",
    "check_in": "Follow-up check-in answered",
}
STATE_LABELS = dict(VisitStatus.choices)
