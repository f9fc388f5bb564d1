"""Learning the Lessons rows of the access table; tests/test_access.py merges them into the one table.

``ACCESS_ROWS`` maps each URL pattern name (or "METHOD path" for the API) to a list of rows in
test_access's terms: ``target`` is the URL name or API path and its arguments, where a ``Pk``
names one of the objects :func:`lessons_objects` builds; ``expected`` is what each of the five
people gets (a status code, or ``LOGIN`` for a redirect to sign in). ``staff`` is a reviewer,
who is not an editor; an administrator is.
"""

from types import SimpleNamespace

from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from tests.access import LOGIN, Case, Pk, expect
from tests.factories import TopicFactory
from tests.lessons.factories import ArticleFactory, CaseFactory, IssueFactory

EVERYONE = expect(200, 200, 200, 200, 200)
SIGNED_IN = expect(LOGIN, 200, 200, 200, 200)
EDITORS = expect(LOGIN, 403, 403, 403, 200)
EDITORS_ACT = expect(LOGIN, 403, 403, 403, 302)


def row(target, expected, *, label="", method="get", data=None):
    return Case(target, expected, label, method=method, data=data or {})


ACCESS_ROWS = {
    "lessons:archive": [row(("lessons:archive",), EVERYONE)],
    "lessons:issue": [
        row(("lessons:issue", 901), EVERYONE, label="published issue"),
        row(("lessons:issue", 902), expect(404, 404, 404, 404, 200), label="draft issue"),
    ],
    "lessons:issue-pdf": [row(("lessons:issue-pdf", 901), EVERYONE, label="published issue")],
    "lessons:issue-docx": [row(("lessons:issue-docx", 901), EVERYONE, label="published issue")],
    "lessons:cases": [row(("lessons:cases",), EVERYONE)],
    "lessons:factors": [row(("lessons:factors",), EVERYONE)],
    "lessons:case": [
        row(("lessons:case", Pk("case")), EVERYONE, label="published case"),
        row(("lessons:case", Pk("draft_case")), expect(404, 404, 404, 404, 200),
            label="draft case"),
    ],
    "lessons:article": [row(("lessons:article", Pk("article")), EVERYONE)],
    "lessons:reflect": [row(("lessons:reflect", Pk("case")), expect(LOGIN, 302, 302, 302, 302),
                            method="post", label="answer privately")],
    "lessons:learning-record": [row(("lessons:learning-record",), SIGNED_IN)],
    "lessons:learning-record-csv": [row(("lessons:learning-record-csv",), SIGNED_IN)],
    "lessons:subscribe": [row(("lessons:subscribe",), EVERYONE)],
    "lessons:subscribe-sent": [row(("lessons:subscribe-sent",), EVERYONE)],
    "lessons:subscribe-confirm": [row(("lessons:subscribe-confirm", "bad-token"),
                                      expect(400, 400, 400, 400, 400), label="bad token")],
    "lessons:unsubscribe": [row(("lessons:unsubscribe", "unknown-token"),
                                expect(404, 404, 404, 404, 404), label="unknown token"),
                            row(("lessons:unsubscribe", "unknown-token"),
                                expect(404, 404, 404, 404, 404), method="post",
                                label="mail client one-click, unknown token")],
    "lessons:themes": [row(("lessons:themes",), SIGNED_IN)],
    "lessons:theme-vote": [row(("lessons:theme-vote", Pk("proposal")),
                               expect(LOGIN, 302, 302, 302, 302), method="post")],
    "lessons:editor": [row(("lessons:editor",), EDITORS)],
    "lessons:issue-create": [row(("lessons:issue-create",), EDITORS)],
    "lessons:issue-edit": [row(("lessons:issue-edit", Pk("draft_issue")), EDITORS)],
    "lessons:issue-action": [row(("lessons:issue-action", Pk("draft_issue"), "submit-for-review"),
                                 EDITORS_ACT, method="post", label="send for review")],
    "lessons:issue-discard": [
        row(("lessons:issue-discard", Pk("issue_revision")), EDITORS, label="confirm"),
        row(("lessons:issue-discard", Pk("issue_revision")), EDITORS_ACT, method="post",
            label="discard"),
    ],
    "lessons:article-create": [row(("lessons:article-create", Pk("draft_issue")), EDITORS)],
    "lessons:case-create": [row(("lessons:case-create",), EDITORS)],
    "lessons:case-edit": [row(("lessons:case-edit", Pk("draft_case")), EDITORS)],
    "lessons:case-action": [row(("lessons:case-action", Pk("draft_case"), "submit-for-review"),
                                EDITORS_ACT, method="post", label="send for review")],
    "lessons:case-discard": [
        row(("lessons:case-discard", Pk("case_revision")), EDITORS, label="confirm"),
        row(("lessons:case-discard", Pk("case_revision")), EDITORS_ACT, method="post",
            label="discard"),
    ],
    "lessons:article-edit": [row(("lessons:article-edit", Pk("article")), EDITORS)],
    "lessons:override": [row(("lessons:override", "case", Pk("draft_case")), EDITORS_ACT,
                             method="post", label="override a finding",
                             data={"kind": "name", "text": "PC Smith", "reason": "Invented"})],
    "lessons:theme-ranking": [row(("lessons:theme-ranking",), EDITORS)],
    "GET /api/v1/case-studies": [row(("/api/v1/case-studies",), EVERYONE)],
    "GET /api/v1/case-studies/{case_id}": [
        row(("/api/v1/case-studies/{}", Pk("case")), EVERYONE, label="published case"),
        row(("/api/v1/case-studies/{}", Pk("draft_case")), expect(404, 404, 404, 404, 404),
            label="draft case"),
    ],
    "GET /api/v1/lessons-issues": [row(("/api/v1/lessons-issues",), EVERYONE)],
    "POST /api/v1/anonymisation-check": [
        row(("/api/v1/anonymisation-check",), expect(401, 403, 403, 403, 200), method="post",
            data={"text": "PC Smith"}),
    ],
}


def lessons_objects(*, member):
    """What the rows point at: a published issue (number 901) with a case and an article, a
    draft issue (number 902) with a standalone draft case, open revisions of the published issue
    and of a published standalone case, and a theme proposal."""
    theme = TopicFactory()
    published = IssueFactory(number=901, theme=theme)
    draft_issue = IssueFactory(number=902, theme=theme, status=EditorialStatus.DRAFT,
                               published_at=None)
    unpublished = {"status": EditorialStatus.DRAFT, "published_at": None}
    return SimpleNamespace(
        case=CaseFactory(issue=published),
        issue_revision=IssueFactory(number=901, theme=theme, revision_of=published, **unpublished),
        case_revision=CaseFactory(issue=None, revision_of=CaseFactory(issue=None), **unpublished),
        article=ArticleFactory(issue=published),
        draft_issue=draft_issue,
        draft_case=CaseFactory(issue=None, status=EditorialStatus.DRAFT, published_at=None,
                               summary="PC Smith did not check the cell."),
        proposal=domain.propose_theme(user=member, title="Stop and search"),
    )
