"""The anonymisation gate on publication: every published text of an issue is checked."""

import pytest

from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import ARTICLE_TEXT_FIELDS, CASE_TEXT_FIELDS, ISSUE_TEXT_FIELDS

from .factories import ArticleFactory, CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db

IDENTIFIER = "Sergeant 1093 Patel"


def _draft_issue():
    issue = IssueFactory(status=EditorialStatus.DRAFT, published_at=None)
    case = CaseFactory(issue=issue, status=EditorialStatus.DRAFT, published_at=None,
                       action_taken="Training.", outcome_for_individuals="None.")
    article = ArticleFactory(issue=issue, standfirst="A standfirst.")
    return issue, case, article


def _found(issue):
    return [(type(g.subject).__name__, g.field, g.finding.text)
            for g in domain.gate_findings(issue)]


@pytest.mark.parametrize("field", CASE_TEXT_FIELDS)
def test_a_rank_number_and_surname_in_any_field_of_a_case_blocks_its_issue(field):
    issue, case, _ = _draft_issue()
    setattr(case, field, f"Seen by {IDENTIFIER} at the time.")
    case.save()
    assert _found(issue) == [("CaseStudy", field, IDENTIFIER)]


def test_a_rank_number_and_surname_in_a_reflective_question_blocks_its_issue():
    issue, case, _ = _draft_issue()
    case.questions.filter(audience="managers").update(text=f"What would {IDENTIFIER} do?")
    assert _found(issue) == [("ReflectiveQuestion", "text", IDENTIFIER)]


@pytest.mark.parametrize("field", ARTICLE_TEXT_FIELDS)
def test_a_rank_number_and_surname_in_any_field_of_an_article_blocks_its_issue(field):
    issue, _, article = _draft_issue()
    setattr(article, field, f"Seen by {IDENTIFIER} at the time.")
    article.save()
    assert _found(issue) == [("Article", field, IDENTIFIER)]


@pytest.mark.parametrize("field", ISSUE_TEXT_FIELDS)
def test_a_rank_number_and_surname_in_any_field_of_an_issue_blocks_it(field):
    issue, _, _ = _draft_issue()
    setattr(issue, field, f"Seen by {IDENTIFIER} at the time.")
    issue.save()
    assert _found(issue) == [("LessonsIssue", field, IDENTIFIER)]
