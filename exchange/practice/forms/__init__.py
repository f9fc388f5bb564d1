"""Forms for writing and reviewing practice."""

from .review import (
    QUEUE_STATES,
    AcceptNamesForm,
    CommentForm,
    ConfirmForm,
    PublishForm,
    QueueFilterForm,
    ReasonForm,
    RequestChangesForm,
)
from .sections import (
    COMPLETED,
    INCOMPLETE,
    LABELS,
    NOT_STARTED,
    SECTION_OF_FIELD,
    SECTIONS,
    SECTIONS_BY_SLUG,
    AboutForm,
    EvidenceForm,
    FocusForm,
    RecognitionForm,
    ScaleForm,
    Section,
    WhatForm,
    WhoForm,
    answer_rows,
    changed_rows,
    display_value,
    section_status,
)

__all__ = [
    "COMPLETED", "INCOMPLETE", "LABELS", "NOT_STARTED", "QUEUE_STATES", "SECTIONS",
    "SECTIONS_BY_SLUG", "SECTION_OF_FIELD", "AboutForm", "AcceptNamesForm", "CommentForm", "ConfirmForm",
    "EvidenceForm", "FocusForm", "PublishForm", "QueueFilterForm", "ReasonForm", "RecognitionForm",
    "RequestChangesForm", "ScaleForm", "Section", "WhatForm", "WhoForm", "answer_rows", "changed_rows",
    "display_value", "section_status",
]
