"""Learning the Lessons business rules: writing, the anonymisation gate, the two-editor
workflow, private reflections, the mailing list and readers' voice.

Views, the API, the admin and the management commands all call these functions.
"""

from .editing import (
    IN_REVIEW_MESSAGE,
    create_issue,
    is_in_review,
    is_locked,
    is_merged,
    next_issue_number,
    save_article,
    save_case_study,
    update_issue,
)
from .finding import find_cases, find_issues
from .gate import gate_findings, marked_text, override_finding, override_owner, text_parts
from .mailing_list import (
    CONFIRM_SALT,
    confirm_subscription,
    send_issue,
    subscribe,
    subscriber_for,
    unsubscribe,
)
from .readers import learning_record, save_reflections
from .revisions import (
    add_article,
    add_case,
    discard_refusal,
    discard_revision,
    open_revision,
    revise_article,
    revise_case,
    revise_issue,
    working_issue,
)
from .themes import approve_theme, decline_theme, propose_theme, vote
from .workflow import (
    editorial_actions,
    publish,
    publish_refusal,
    return_to_draft,
    submit_for_review,
    withdraw,
)

__all__ = [
    "CONFIRM_SALT", "IN_REVIEW_MESSAGE", "add_article", "add_case", "approve_theme",
    "confirm_subscription", "create_issue", "decline_theme", "discard_refusal", "discard_revision",
    "editorial_actions", "find_cases", "find_issues", "gate_findings", "is_in_review", "is_locked",
    "is_merged", "learning_record", "marked_text", "next_issue_number", "open_revision",
    "override_finding", "override_owner", "propose_theme", "publish", "publish_refusal",
    "return_to_draft", "revise_article", "revise_case", "revise_issue", "save_article",
    "save_case_study", "save_reflections", "send_issue", "submit_for_review", "subscribe",
    "subscriber_for", "text_parts", "unsubscribe", "update_issue", "vote", "withdraw",
    "working_issue",
]
