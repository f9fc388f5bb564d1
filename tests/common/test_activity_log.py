"""The one activity-log include: every action a programme logs has a label people read."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from exchange.common.domain import log_activity
from exchange.common.models import Activity
from exchange.common.programmes import activity_wording
from exchange.events.domain.requests import TRANSITIONS as EVENT_REQUEST_TRANSITIONS
from exchange.grants.enums import APPLICATION_TRANSITIONS, CALL_TRANSITIONS
from exchange.lessons.enums import EDITORIAL_TRANSITIONS
from exchange.news.enums import NEWS_TRANSITIONS
from exchange.practice.enums import PRACTICE_TRANSITIONS
from exchange.support.enums import (
    GROUP_TRANSITIONS,
    PEER_TRANSITIONS,
    REQUEST_TRANSITIONS,
    TEAM_TRANSITIONS,
)
from exchange.visits.enums import VISIT_TRANSITIONS
from tests.factories import PracticeFactory

APPS = Path(__file__).resolve().parents[2] / "exchange"
TRANSITIONS = {
    "practice": PRACTICE_TRANSITIONS, "visits": VISIT_TRANSITIONS,
    "lessons": EDITORIAL_TRANSITIONS,
    "support": {**PEER_TRANSITIONS, **REQUEST_TRANSITIONS, **TEAM_TRANSITIONS, **GROUP_TRANSITIONS},
    "events": EVENT_REQUEST_TRANSITIONS, "networks": {}, "news": NEWS_TRANSITIONS,
    "grants": {**CALL_TRANSITIONS, **APPLICATION_TRANSITIONS},
}


def logged_verbs(app):
    """Every verb written as a literal where the app's code sets ``verb``, and every action of
    its transitions table (``StateMachine.change`` logs the action as the verb)."""
    verbs = set(TRANSITIONS[app])
    for path in (APPS / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bverb\s*=", line):
                verbs.update(re.findall(r'"([a-z_]+)"', line))
    return verbs


@pytest.mark.parametrize("app", sorted(TRANSITIONS))
def test_every_verb_a_programme_logs_has_a_label_and_every_state_a_display_label(app):
    labels, states = activity_wording(app)
    assert logged_verbs(app) - set(labels) == set()
    assert {to_state for _, to_state in TRANSITIONS[app].values()} - set(states) == set()


@pytest.mark.django_db
def test_a_verb_nobody_labelled_is_still_shown_in_words():
    practice = PracticeFactory()
    log_activity(subject=practice, actor=None, verb="reopen_for_comment", from_state="published",
                 to_state="in_review")
    page = render_to_string("common/includes/activity_log.html",
                            {"entries": Activity.objects.for_object(practice)})
    assert "<strong>Reopen for comment</strong> by the Exchange" in page
    assert "(from Published to In review)" in page


def test_an_empty_log_says_so_only_when_asked_to():
    assert render_to_string("common/includes/activity_log.html", {"entries": []}).strip() == ""
    page = render_to_string("common/includes/activity_log.html",
                            {"entries": [], "heading": "History", "empty": "Nothing recorded yet."})
    assert '<h2 class="govuk-heading-m">History</h2>' in page and "Nothing recorded yet." in page
