"""The practice activity log reads as people speak: the action's label, the states' labels."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def log_of(page):
    """The text of the activity log on ``page``, tags removed and spaces collapsed."""
    found = re.search(r'<ol class="govuk-list exchange-activity-log">(.*?)</ol>', page, re.S)
    assert found, "the page has no activity log"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_a_submission_reads_submitted_for_review_on_the_review_and_detail_pages(
        client, member, reviewer):
    draft = PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT, published_at=None)
    domain.submit(practice=draft, actor=member)
    client.force_login(reviewer)
    for url in (reverse("practice:review", args=[draft.pk]),
                reverse("practice:detail", args=[draft.pk])):
        log = log_of(client.get(url).content.decode())
        assert f"Submitted for review by {member.full_name} (from Draft to Submitted)" in log
        assert "submit " not in log.lower() and "submitforreview" not in log


def test_an_edit_names_its_section_and_a_label_change_its_labels(client, member, reviewer):
    practice = PracticeFactory(submitted_by=member, submitted_at=timezone.now(),
                               status=PracticeStatus.SUBMITTED, published_at=None)
    log_activity(subject=practice, actor=member, verb="edit", note="evidence")
    log_activity(subject=practice, actor=reviewer, verb="change_label", from_state="promising",
                 to_state="didnt_work")
    client.force_login(reviewer)
    log = log_of(client.get(reverse("practice:review", args=[practice.pk])).content.decode())
    assert f"Evidence label changed by {reviewer.full_name} (from Promising to Didn&#x27;t work)" in log
    assert f"Edited by {member.full_name} Results and evidence" in log
    assert "didnt_work" not in log
