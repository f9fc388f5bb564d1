"""Finding published work: the case list, the factor table, the API and the issue list."""

from django.db.models import Q

from exchange.common.search import search

from ..models import CaseStudy, LessonsIssue, ReflectiveQuestion


def find_cases(user, *, q="", theme="", role="", audience="", issue=None):
    """Published case studies ``user`` may see, filtered, best match first when there are words.
    The case list, the factor table and the API all use this."""
    cases = CaseStudy.objects.for_user(user).published()
    if theme:
        cases = cases.filter(themes__slug=theme)
    if role:
        cases = cases.filter(role_rows__value=role)
    if audience:
        cases = cases.filter(pk__in=ReflectiveQuestion.objects.filter(audience=audience)
                             .values("case_study"))
    if issue:
        cases = cases.filter(issue__number=issue)
    found = search(cases, q)
    if found is cases:
        found = cases.order_by("-issue__number", "position", "id")
    return found.for_listing()


def find_issues(user, *, q="", theme=""):
    """Issues ``user`` may see, newest first, matching words in the issue or its cases."""
    issues = LessonsIssue.objects.for_user(user).published().select_related("theme")
    if theme:
        issues = issues.filter(theme__slug=theme)
    if (q or "").strip():
        words = q.strip()
        matching_cases = CaseStudy.objects.published().filter(
            search_index__document__match=words).values("issue_id")
        issues = issues.filter(Q(title__icontains=words) | Q(cover_summary__icontains=words)
                               | Q(introduction__icontains=words) | Q(pk__in=matching_cases))
    return issues.order_by("-number")
