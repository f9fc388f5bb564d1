"""Success messages say what happened and what comes next, as people speak, not as code reads."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from exchange.lessons.enums import EditorialStatus
from exchange.practice.enums import PracticeStatus
from tests.factories import PracticeFactory
from tests.lessons.conftest import editor  # noqa: F401 (fixture)
from tests.lessons.factories import CaseFactory
from tests.visits.conftest import host, make_visit, organiser, programme_year  # noqa: F401

pytestmark = pytest.mark.django_db


def told(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_sending_a_case_for_review_says_another_editor_approves_it(client, editor):  # noqa: F811
    case = CaseFactory(issue=None, status=EditorialStatus.DRAFT, published_at=None,
                       title="The missed welfare check", created_by=editor)
    client.force_login(editor)

    response = client.post(reverse("lessons:case-action", args=[case.pk, "submit-for-review"]))

    assert told(response) == ["The missed welfare check has been sent for review. Another editor "
                              "must approve it before readers see it."]


def test_opening_a_visit_says_who_can_apply_now(client, make_visit, organiser):  # noqa: F811
    visit = make_visit(open=False, title="Street triage")
    client.force_login(organiser)

    response = client.post(reverse("visits:change-state", args=[visit.pk, "open_applications"]))

    assert told(response) == ["Street triage is open for applications. Leads of member forces "
                              "can apply now."]


def test_asking_for_changes_names_the_entry_and_what_happens_next(client, reviewer, member):
    practice = PracticeFactory(submitted_by=member, status=PracticeStatus.SUBMITTED,
                               submitted_at=timezone.now(), published_at=None, title="Night buses")
    client.force_login(reviewer)

    response = client.post(reverse("practice:review-action", args=[practice.pk, "request-changes"]),
                           {"comment": "Please say what it cost."})

    assert told(response) == ["You have asked for changes to “Night buses”. We have emailed the "
                              "submitter to make them."]
