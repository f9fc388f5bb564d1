"""Learning the Lessons as the rest of the site shows it (found by exchange/common/programmes.py)."""

from exchange.common.programmes import Programme, StaffPage

from .enums import EditorialStatus

PROGRAMME = Programme(
    key="lessons", label="Learning the Lessons", title="Learning the Lessons",
    url_name="lessons:archive", order=50,
    summary="Anonymised case studies from investigations, with key learning and questions for "
            "reflection.",
    staff_pages=(StaffPage("Edit the Lessons", "lessons:editor", "lessons.edit_lessons"),),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "create": "Created", "edit": "Edited", "import": "Imported",
    "submit_for_review": "Sent for review", "return_to_draft": "Returned to draft",
    "publish": "Published", "withdraw": "Withdrawn",
    "merge": "Changes merged into the published version",
    "add_article": "Article added", "edit_article": "Article edited",
    "create_revision": "Revision started", "discard_revision": "Revision discarded",
    "publish_revision": "Revision published", "override_finding": "Anonymisation check overridden",
    "propose_theme": "Theme proposed",
}
STATE_LABELS = dict(EditorialStatus.choices)
