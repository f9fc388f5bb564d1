"""Learning the Lessons rows of the access table; tests/test_access.py merges them and
:func:`objects` into the one table (found through the app registry).

Editors (and administrators) write, review and publish; their pages answer 403 to anyone else
signed in, and unpublished work is not there (404) for anyone but them. Readers reflect, keep a
learning record and propose themes once signed in; anyone may join the mailing list.
"""

from types import SimpleNamespace

from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus, ProposalStatus
from exchange.lessons.models import (
    Article,
    CaseStudy,
    LessonsIssue,
    Reflection,
    Subscriber,
    ThemeProposal,
    ThemeVote,
)
from tests.access import (
    EDITORS,
    EVERYONE,
    LOGIN,
    SIGNED_IN,
    Case,
    Pk,
    expect,
    fresh,
    get,
    only,
    post,
)
from tests.factories import TopicFactory, UserFactory
from tests.lessons.factories import ArticleFactory, CaseFactory, IssueFactory

EDITORS_ACT = only("editors", answer=302)
SIGNED_IN_ACT = expect(302, anonymous=LOGIN)
UNPUBLISHED = expect(404, editors=200)


class SubscriberToken(str):
    """Names a subscriber whose unsubscribe token goes in the URL."""

    def resolve(self, objects):
        return getattr(objects, self).token


def _status_is(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


def _action(kind, name, action, *, done, note=""):
    slug = action.replace("_", "-")
    return post(f"lessons:{kind}-action", Pk(name), slug, expected=EDITORS_ACT,
                data={f"{action}-note": note} if note else {}, done=done, label=slug)


def _reflection(objects):
    return {f"answer_{question.pk}": "I would assess the risk again."
            for question in objects.case.questions.all()}


ISSUE_FORM = {"theme": Pk("theme"), "title": "Custody deaths",
              "publication_date": "2030-05-01", "cover_summary": "Lessons from custody.",
              "introduction": "This issue looks at custody."}
CASE_FORM = {"title": "A missed welfare check", "summary": "A detainee was not roused.",
             "findings": "Checks were recorded but not made.", "key_learning": "Rouse them.",
             "position": "0"}
ARTICLE_FORM = {"kind": "spotlight", "title": "Kent's custody review",
                "body": "What Kent changed.", "position": "0"}

ACCESS_ROWS = {
    "lessons:archive": [get("lessons:archive", expected=EVERYONE)],
    "lessons:issue": [
        get("lessons:issue", 901, expected=EVERYONE, label="published issue"),
        get("lessons:issue", 902, expected=UNPUBLISHED, label="draft issue"),
    ],
    "lessons:issue-pdf": [get("lessons:issue-pdf", 901, expected=EVERYONE,
                              label="published issue")],
    "lessons:issue-docx": [get("lessons:issue-docx", 901, expected=EVERYONE,
                               label="published issue")],
    "lessons:cases": [get("lessons:cases", expected=EVERYONE)],
    "lessons:factors": [get("lessons:factors", expected=EVERYONE)],
    "lessons:case": [
        get("lessons:case", Pk("case"), expected=EVERYONE, label="published case"),
        get("lessons:case", Pk("draft_case"), expected=UNPUBLISHED, label="draft case"),
    ],
    "lessons:article": [get("lessons:article", Pk("article"), expected=EVERYONE)],
    "lessons:reflect": [
        Case(("lessons:reflect", Pk("case")), SIGNED_IN_ACT, "answer privately", method="post",
             data=_reflection,
             done=lambda o: Reflection.objects.filter(
                 answer="I would assess the risk again.").exists()),
    ],
    "lessons:learning-record": [get("lessons:learning-record", expected=SIGNED_IN)],
    "lessons:learning-record-csv": [get("lessons:learning-record-csv", expected=SIGNED_IN)],
    "lessons:subscribe": [
        get("lessons:subscribe", expected=EVERYONE),
        post("lessons:subscribe", expected=expect(302), data={"email": "reader@example.org"},
             label="join the list",
             done=lambda o: Subscriber.objects.filter(email="reader@example.org").exists()),
    ],
    "lessons:subscribe-sent": [get("lessons:subscribe-sent", expected=EVERYONE)],
    "lessons:subscribe-confirm": [get("lessons:subscribe-confirm", "bad-token",
                                      expected=expect(400), label="bad token")],
    # The token in the address is the credential, so who is signed in makes no difference.
    "lessons:unsubscribe": [
        get("lessons:unsubscribe", "unknown-token", expected=expect(404), label="unknown token"),
        post("lessons:unsubscribe", "unknown-token", expected=expect(404),
             label="mail client one-click, unknown token"),
        Case(("lessons:unsubscribe", SubscriberToken("subscriber")), expect(200), "unsubscribe",
             method="post", done=lambda o: fresh(o.subscriber).unsubscribed_at is not None),
    ],
    "lessons:themes": [
        get("lessons:themes", expected=SIGNED_IN),
        post("lessons:themes", expected=SIGNED_IN_ACT, data={"title": "Pursuits"},
             label="propose a theme",
             done=lambda o: ThemeProposal.objects.filter(title="Pursuits").exists()),
    ],
    "lessons:theme-vote": [
        post("lessons:theme-vote", Pk("other_proposal"), expected=SIGNED_IN_ACT, label="vote",
             done=lambda o: ThemeVote.objects.filter(proposal=o.other_proposal).count() == 2),
    ],
    "lessons:editor": [get("lessons:editor", expected=EDITORS)],
    "lessons:issue-create": [
        get("lessons:issue-create", expected=EDITORS),
        post("lessons:issue-create", expected=EDITORS_ACT, data=ISSUE_FORM, label="draft",
             done=lambda o: LessonsIssue.objects.filter(title="Custody deaths").exists()),
    ],
    "lessons:issue-edit": [
        get("lessons:issue-edit", Pk("draft_issue"), expected=EDITORS),
        post("lessons:issue-edit", Pk("draft_issue"), expected=EDITORS_ACT, label="save",
             data={**ISSUE_FORM, "title": "Retitled issue"},
             done=lambda o: fresh(o.draft_issue).title == "Retitled issue"),
    ],
    "lessons:issue-action": [
        _action("issue", "draft_issue", "submit_for_review",
                done=_status_is("draft_issue", EditorialStatus.IN_REVIEW)),
        # A second editor approves an issue in review.
        _action("issue", "review_issue", "publish", note="Checked.",
                done=_status_is("review_issue", EditorialStatus.PUBLISHED)),
        _action("issue", "review_issue", "return_to_draft", note="Shorten case two.",
                done=_status_is("review_issue", EditorialStatus.DRAFT)),
        _action("issue", "withdrawable_issue", "withdraw", note="A family asked.",
                done=_status_is("withdrawable_issue", EditorialStatus.DRAFT)),
    ],
    "lessons:issue-discard": [
        get("lessons:issue-discard", Pk("issue_revision"), expected=EDITORS, label="confirm"),
        post("lessons:issue-discard", Pk("issue_revision"), expected=EDITORS_ACT,
             data={"discard-note": "Started by mistake."}, label="discard",
             done=lambda o: fresh(o.issue_revision) is None),
    ],
    "lessons:article-create": [
        get("lessons:article-create", Pk("draft_issue"), expected=EDITORS),
        post("lessons:article-create", Pk("draft_issue"), expected=EDITORS_ACT,
             data=ARTICLE_FORM, label="add an article",
             done=lambda o: Article.objects.filter(title="Kent's custody review").exists()),
    ],
    "lessons:case-create": [
        get("lessons:case-create", expected=EDITORS),
        post("lessons:case-create", expected=EDITORS_ACT, data=CASE_FORM,
             label="a standalone case",
             done=lambda o: CaseStudy.objects.filter(title="A missed welfare check").exists()),
    ],
    "lessons:case-edit": [
        get("lessons:case-edit", Pk("draft_case"), expected=EDITORS),
        post("lessons:case-edit", Pk("draft_case"), expected=EDITORS_ACT, label="save",
             data={**CASE_FORM, "title": "Retitled case"},
             done=lambda o: fresh(o.draft_case).title == "Retitled case"),
    ],
    "lessons:case-action": [
        _action("case", "draft_case", "submit_for_review",
                done=_status_is("draft_case", EditorialStatus.IN_REVIEW)),
    ],
    "lessons:case-discard": [
        get("lessons:case-discard", Pk("case_revision"), expected=EDITORS, label="confirm"),
        post("lessons:case-discard", Pk("case_revision"), expected=EDITORS_ACT,
             data={"discard-note": "Started by mistake."}, label="discard",
             done=lambda o: fresh(o.case_revision) is None),
    ],
    "lessons:article-edit": [
        get("lessons:article-edit", Pk("draft_article"), expected=EDITORS),
        post("lessons:article-edit", Pk("draft_article"), expected=EDITORS_ACT, label="save",
             data={**ARTICLE_FORM, "title": "Retitled article"},
             done=lambda o: fresh(o.draft_article).title == "Retitled article"),
    ],
    "lessons:override": [
        post("lessons:override", "case", Pk("draft_case"), expected=EDITORS_ACT,
             label="override a finding",
             data={"kind": "name", "text": "PC Smith", "reason": "Invented"},
             done=lambda o: domain.gate_findings(fresh(o.draft_case)) == []),
    ],
    "lessons:theme-ranking": [get("lessons:theme-ranking", expected=EDITORS)],
    "lessons:theme-decision": [
        post("lessons:theme-decision", Pk("proposal"), "approve", expected=EDITORS_ACT,
             label="approve", done=lambda o: fresh(o.proposal).status == "approved"),
        post("lessons:theme-decision", Pk("other_proposal"), "decline", expected=EDITORS_ACT,
             label="decline", done=lambda o: fresh(o.other_proposal).status == "declined"),
    ],
    "GET /api/v1/case-studies": [get("/api/v1/case-studies", expected=EVERYONE)],
    "GET /api/v1/case-studies/{case_id}": [
        get("/api/v1/case-studies/{}", Pk("case"), expected=EVERYONE, label="published case"),
        get("/api/v1/case-studies/{}", Pk("draft_case"), expected=expect(404),
            label="draft case"),
    ],
    "GET /api/v1/lessons-issues": [get("/api/v1/lessons-issues", expected=EVERYONE)],
    "POST /api/v1/anonymisation-check": [
        post("/api/v1/anonymisation-check", expected=only("editors", anonymous=401),
             data={"text": "PC Smith"}),
    ],
}


def lessons_objects(*, member):
    """What the rows point at: a published issue (number 901) with a case and an article, a
    draft issue (902) with an article and a standalone draft case, an issue in review (903),
    a published issue to withdraw (904), open revisions of the published issue and of a
    published standalone case, a confirmed subscriber, and theme proposals."""
    theme = TopicFactory()
    published = IssueFactory(number=901, theme=theme)
    draft_issue = IssueFactory(number=902, theme=theme, status=EditorialStatus.DRAFT,
                               published_at=None)
    unpublished = {"status": EditorialStatus.DRAFT, "published_at": None}
    return SimpleNamespace(
        theme=theme,
        case=CaseFactory(issue=published),
        issue_revision=IssueFactory(number=901, theme=theme, revision_of=published, **unpublished),
        case_revision=CaseFactory(issue=None, revision_of=CaseFactory(issue=None), **unpublished),
        article=ArticleFactory(issue=published),
        draft_issue=draft_issue,
        draft_article=ArticleFactory(issue=draft_issue),
        review_issue=IssueFactory(number=903, theme=theme, status=EditorialStatus.IN_REVIEW,
                                  published_at=None),
        withdrawable_issue=IssueFactory(number=904, theme=theme),
        draft_case=CaseFactory(issue=None, status=EditorialStatus.DRAFT, published_at=None,
                               summary="PC Smith did not check the cell."),
        subscriber=Subscriber.objects.create(email="subscriber@example.org"),
        proposal=domain.propose_theme(user=member, title="Stop and search"),
        other_proposal=_approved(domain.propose_theme(user=UserFactory(), title="Custody")),
    )


def _approved(proposal):
    proposal.status = ProposalStatus.APPROVED
    proposal.save(update_fields=["status"])
    return proposal


def objects(*, force, other_force, people):
    return lessons_objects(member=people["member"])
