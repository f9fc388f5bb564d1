"""Issue 9: a merged learning point keeps each visitor's own words beneath it."""

import pytest
from django.urls import reverse

from exchange.common.documents.outline import outline, plain_text
from exchange.visits import domain

pytestmark = pytest.mark.django_db

QUESTION = "What did it cost?"
MEMBER_POINT = ("Pooled budgets with the NHS trust", "Talk to the finance director at our trust")
COLLEAGUE_POINT = ("Budgets pooled with the NHS trust, with one shared manager",
                   "Write a business case for a joint post")


@pytest.fixture
def similar_points(visited, member, colleague):
    for actor, (key_learning, how_to_apply) in ((member, MEMBER_POINT), (colleague, COLLEAGUE_POINT)):
        domain.record_learning_point(visit=visited, actor=actor, question=QUESTION,
                                     key_learning=key_learning, how_to_apply=how_to_apply)
    sections = domain.grouped_learning(visited)
    assert [len(g["points"]) for g in sections[1]["groups"]] == [2]  # they are merged
    return visited


def test_a_merged_point_keeps_each_visitors_detail_in_the_host_report_draft(
        similar_points, organiser, member, colleague):
    body = domain.draft_host_report(visit=similar_points, actor=organiser).body
    assert "- Pooled budgets with the NHS trust (2 visitors said this)" in body
    for key_learning, how_to_apply in (MEMBER_POINT, COLLEAGUE_POINT):
        assert key_learning in body and how_to_apply in body
    # Each visitor's words are a nested list under the merged point, without names.
    bullets = [(b.level, b.text) for b in outline(body) if b.kind == "bullet"]
    assert bullets[0] == (1, "Pooled budgets with the NHS trust (2 visitors said this)")
    assert [level for level, _ in bullets[1:3]] == [2, 2]
    assert MEMBER_POINT[0] in bullets[1][1] and MEMBER_POINT[1] in bullets[1][1]
    assert COLLEAGUE_POINT[0] in bullets[2][1] and COLLEAGUE_POINT[1] in bullets[2][1]
    for person in (member, colleague):
        assert person.full_name not in body
    # How they will apply it is not repeated in the list that follows.
    assert body.count(COLLEAGUE_POINT[1]) == 1
    assert "  - Budgets pooled with the NHS trust" in plain_text(body)


def test_a_single_point_is_drafted_as_before(visited, member, organiser):
    domain.record_learning_point(visit=visited, actor=member, question=QUESTION,
                                 key_learning="Nurse in the control room", how_to_apply="Pilot it")
    body = domain.draft_host_report(visit=visited, actor=organiser).body
    assert "- Nurse in the control room\n" in body
    assert "What visitors intend to apply at home:\n\n- Pilot it" in body
    assert "    - " not in body


def test_the_organisers_learning_page_shows_each_visitors_words(similar_points, organiser, client):
    client.force_login(organiser)
    page = client.get(reverse("visits:manage-learning", args=[similar_points.pk])).content.decode()
    for key_learning, how_to_apply in (MEMBER_POINT, COLLEAGUE_POINT):
        assert key_learning in page and how_to_apply in page
