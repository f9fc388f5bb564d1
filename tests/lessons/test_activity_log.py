"""An issue's history reads as people speak: the action's label, the states' labels."""

import pytest
from django.urls import reverse

from exchange.lessons import domain
from tests.factories import TopicFactory
from tests.practice.test_activity_log import log_of

pytestmark = pytest.mark.django_db


def test_sending_an_issue_for_review_reads_sent_for_review(client, editor):
    issue = domain.create_issue(actor=editor, data={
        "number": 51, "theme": TopicFactory(name="Custody", slug="custody"), "title": "Safer custody"})
    domain.submit_for_review(subject=issue, actor=editor)
    client.force_login(editor)
    log = log_of(client.get(reverse("lessons:issue-edit", args=[issue.pk])).content.decode())
    assert f"Sent for review by {editor.full_name} (from Draft to In review)" in log
    assert "submitforreview" not in log and "submit_for_review" not in log
