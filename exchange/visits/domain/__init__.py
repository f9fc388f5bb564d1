"""The visits programme's business rules; views, the API, the admin and commands call these."""

from .applications import apply, lead_organisation, why_cannot_apply, window_is_open, withdraw_application
from .follow_up import complete_check_in, create_check_ins, follow_up_dashboard, send_due_reminders
from .learning import (
    acknowledge_host_report,
    draft_host_report,
    edit_host_report,
    grouped_learning,
    host_link,
    host_token,
    publish_short_report,
    record_learning_point,
    send_host_report,
    visit_for_host_token,
)
from .places import (
    accept_offer,
    adjust_place,
    current_allocation,
    decline_offer,
    expire_due_offers,
    free_places,
    may_answer_offer,
    may_withdraw,
    run_allocation,
    withdraw_visitor,
)
from .preparation import (
    add_material,
    call_event,
    gathered_questions,
    invitation,
    is_placed,
    may_see_joining_details,
    schedule_preparation_call,
    send_preparation_pack,
    send_questions_to_host,
)
from .programme import (
    STATES,
    add_member,
    change_state,
    create_programme_year,
    create_visit,
    is_programme_member,
    record_host_offer,
    remove_member,
    update_visit,
)


def process_deadlines(now=None):
    """Expire due offers (moving places on) and send due check-in reminders: the worker's job."""
    return {"offers_expired": expire_due_offers(now), "reminders_sent": send_due_reminders(now)}


__all__ = [
    "STATES", "accept_offer", "acknowledge_host_report", "add_material", "add_member", "adjust_place",
    "apply", "call_event", "change_state", "complete_check_in", "create_check_ins",
    "create_programme_year", "create_visit", "current_allocation", "decline_offer",
    "draft_host_report", "edit_host_report", "expire_due_offers", "follow_up_dashboard",
    "free_places", "gathered_questions", "grouped_learning", "host_link", "host_token",
    "invitation", "is_placed", "is_programme_member", "lead_organisation", "may_answer_offer",
    "may_see_joining_details", "may_withdraw", "process_deadlines", "publish_short_report",
    "record_host_offer", "record_learning_point", "remove_member", "run_allocation",
    "schedule_preparation_call", "send_due_reminders", "send_host_report",
    "send_preparation_pack", "send_questions_to_host", "update_visit", "visit_for_host_token",
    "why_cannot_apply", "window_is_open", "withdraw_application", "withdraw_visitor",
]
