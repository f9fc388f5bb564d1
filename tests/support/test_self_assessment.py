"""The matrix, a force's self-assessment, its chart and table, and comparing two of them."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.support.domain import assessment as assessing
from exchange.support.enums import RequestStatus
from exchange.support.models import MatrixDimension, SelfAssessment, SupportRequest

from .access_rows_requests import make_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def matrix(db):
    return make_matrix()


def _scores(matrix, *pairs):
    return {d.pk: {"level": level, "target": target, "evidence": "Inspection, 2030."}
            for d, (level, target) in zip(matrix, pairs, strict=True)}


def _save(request, actor, scores, *, submit=True):
    return assessing.save_assessment(organisation=request.organisation, actor=actor,
                                     scores=scores, request=request, submit=submit)


def test_the_matrix_page_shows_each_active_dimension_with_its_levels_words(client, matrix):
    MatrixDimension.objects.create(name="Retired dimension", active=False)
    page = client.get(reverse("support:matrix")).content.decode()
    assert "Evidence use (test)" in page and "Learning culture (test)" in page
    assert "5. Leading" in page and "Evidence use (test): developing practice." in page
    assert "Retired dimension" not in page


def test_a_submitted_assessment_keeps_level_target_evidence_and_the_gap(support_request, lead,
                                                                        matrix):
    saved = _save(support_request, lead, _scores(matrix, (2, 4), (3, 3)))
    assert saved.submitted_at is not None and saved.completed_by == lead
    assert [(s.dimension, s.level, s.target, s.gap) for s in assessing.scores_of(saved)] == [
        (matrix[0], 2, 4, 2), (matrix[1], 3, 3, 0)]


def test_a_level_out_of_range_is_refused_naming_the_dimension(support_request, lead, matrix):
    with pytest.raises(ValidationError) as refused:
        _save(support_request, lead, _scores(matrix, (2, 4), (3, 9)))
    assert refused.value.message_dict == {f"target_{matrix[1].pk}": [
        "Choose the target level for Learning culture (test) between level 1 and level 5: "
        "it has no level 9"]}
    assert not SelfAssessment.objects.exists()


def test_a_target_below_where_the_force_is_is_refused(support_request, lead, matrix):
    with pytest.raises(ValidationError, match="at or above where the force is now"):
        _save(support_request, lead, _scores(matrix, (4, 2), (3, 3)))


def test_a_draft_may_be_partial_but_submitting_needs_every_dimension(support_request, lead,
                                                                     matrix):
    partial = {matrix[0].pk: {"level": 2, "target": 3, "evidence": ""}}
    draft = _save(support_request, lead, partial, submit=False)
    assert draft.submitted_at is None and draft.scores.count() == 1
    with pytest.raises(ValidationError) as refused:
        _save(support_request, lead, partial)
    assert set(refused.value.message_dict) == {f"level_{matrix[1].pk}", f"target_{matrix[1].pk}"}
    again = _save(support_request, lead, _scores(matrix, (2, 3), (1, 2)))
    assert again.pk == draft.pk and again.scores.count() == 2  # the draft, now submitted


def test_only_the_forces_lead_and_staff_assess_it(support_request, other_lead, team_peer,
                                                  organiser, matrix):
    for outsider in (other_lead, team_peer.user):
        with pytest.raises(PermissionDenied):
            _save(support_request, outsider, _scores(matrix, (2, 3), (2, 3)))
    assert _save(support_request, organiser, _scores(matrix, (2, 3), (2, 3))).pk


def test_the_page_offers_radios_worded_from_the_matrix_and_saves_a_draft(client, support_request,
                                                                        lead, matrix):
    client.force_login(lead)
    url = reverse("support:self-assessment", args=[support_request.pk])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and "2. Developing: Evidence use (test): developing" in page
    first = matrix[0]
    response = client.post(url, {f"level_{first.pk}": "2", f"target_{first.pk}": "4",
                                 f"evidence_{first.pk}": "The last inspection.", "save": "draft"})
    assert response.status_code == 302
    draft = SelfAssessment.objects.get()
    assert draft.submitted_at is None and draft.scores.get().evidence == "The last inspection."
    page = client.get(url).content.decode()
    assert "You have a draft" in page and "The last inspection.</textarea>" in page
    response = client.post(url, {f"level_{first.pk}": "2", f"target_{first.pk}": "4",
                                 "save": "submit"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select where the force is now for Learning culture (test)" in page


def test_a_submitted_assessment_is_drawn_as_an_accessible_svg_and_a_table(client, support_request,
                                                                         lead, team_peer,
                                                                         matrix):
    _save(support_request, lead, _scores(matrix, (1, 4), (3, 4)))
    client.force_login(team_peer.user)  # the team reads it; it has no form
    page = client.get(reverse("support:self-assessment", args=[support_request.pk])).content
    page = page.decode()
    svg = page[page.index("<svg xmlns"):page.index("</svg>")]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "style=" not in page
    bars = re.findall(r'<rect x="\d+" y="\d+" width="(\d+)" height="18" fill="#1d70b8">', svg)
    assert len(bars) == 2 and int(bars[0]) * 3 == int(bars[1])  # level 1 and level 3
    assert "Scores and gaps" in page
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>'
                      r'<td[^>]*>(\d)</td><td[^>]*>(\d)</td><td[^>]*>(\d)</td>', page)
    assert rows == [("Evidence use (test)", "1", "4", "3"), ("Learning culture (test)", "3", "4",
                                                             "1")]
    assert "Submit the self-assessment" not in page


def test_repeating_an_assessment_and_comparing_two_side_by_side(client, support_request, lead,
                                                                matrix):
    earlier = _save(support_request, lead, _scores(matrix, (1, 4), (3, 4)))
    SelfAssessment.objects.filter(pk=earlier.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=300))
    later = _save(support_request, lead, _scores(matrix, (3, 4), (2, 4)))
    assert later.pk != earlier.pk  # a submitted assessment is never edited in place
    client.force_login(lead)
    response = client.get(reverse("support:assessments"))
    assert [c.change for c in response.context["comparison"]] == [2, -1]
    page = response.content.decode()
    assert "Up 2" in page and "Down 1" in page
    chosen = client.get(reverse("support:assessments"), {"first": later.pk, "second": later.pk})
    assert chosen.context["comparison"] is None


def test_organisers_pick_a_force_and_a_lead_sees_only_their_own(client, support_request, lead,
                                                                other_lead, organiser, matrix,
                                                                force, other_force):
    _save(support_request, lead, _scores(matrix, (1, 4), (3, 4)))
    client.force_login(organiser)
    assert client.get(reverse("support:assessments")).context["organisation"] is None
    picked = client.get(reverse("support:assessments"), {"organisation": force.pk})
    assert len(picked.context["assessments"]) == 1
    client.force_login(other_lead)
    mine = client.get(reverse("support:assessments"), {"organisation": force.pk})
    assert mine.context["organisation"] == other_force and mine.context["assessments"] == []


def test_the_assessments_list_does_not_grow_queries_with_rows(client, support_request, lead,
                                                              matrix, query_count):
    client.force_login(lead)
    counts = []
    for n in (2, 8):
        for _ in range(n):
            _save(support_request, lead, _scores(matrix, (1, 4), (3, 4)))
        counts.append(query_count.of_get(client, reverse("support:assessments")))
    assert counts[0] == counts[1]


def test_the_api_saves_scores_and_names_the_dimension_out_of_range(client, support_request, lead,
                                                                   matrix):
    client.force_login(lead)
    url = f"/api/v1/support-requests/{support_request.pk}/self-assessment"
    first, second = matrix
    body = {"scores": [{"dimension": first.pk, "level": 2, "target": 4},
                       {"dimension": second.pk, "level": 7, "target": 8}], "submit": True}
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"field": f"scores.{second.pk}.level",
            "message": "Choose where the force is now for Learning culture (test) between "
                       "level 1 and level 5: it has no level 7"} in errors
    body["scores"][1].update(level=3, target=5)
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200
    assert [(s["dimension_name"], s["gap"]) for s in response.json()["scores"]] == [
        ("Evidence use (test)", 2), ("Learning culture (test)", 2)]


def test_an_ended_request_keeps_its_assessment_as_it_was(client, support_request, lead, matrix):
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.WITHDRAWN)
    support_request.refresh_from_db()
    with pytest.raises(ValidationError, match="kept as it was"):
        _save(support_request, lead, _scores(matrix, (2, 3), (2, 3)))
    client.force_login(lead)
    url = reverse("support:self-assessment", args=[support_request.pk])
    assert "Submit the self-assessment" not in client.get(url).content.decode()
    assert client.post(url, {"save": "draft"}).status_code == 403
