"""The practice bank's rows of the access table; tests/test_access.py merges them and
:func:`objects` into the one table (found through the app registry).

Who sees an entry nobody has published yet: its submitter (``member``), the organisation lead of
their force, reviewers and administrators. A same-force colleague does not, and nor does an
editor or organiser who is not a reviewer: for each of them the address answers 404, as if the
entry did not exist. Reviewing is for reviewers (and administrators): others signed in get 403.
"""

from types import SimpleNamespace

from exchange.practice.enums import PracticeStatus, Visibility
from exchange.practice.models import Practice
from tests.access import (
    EVERYONE,
    LOGIN,
    REVIEWERS,
    SIGNED_IN,
    Case,
    Pk,
    expect,
    fresh,
    get,
    only,
    post,
)
from tests.factories import PracticeFactory

# Unpublished entries: the submitter, their force's lead and reviewers see them; nobody else.
SEES_UNPUBLISHED = expect(404, member=200, lead=200, reviewers=200)
# The pages for changing an unpublished entry: its submitter and reviewers. The lead may read it
# but not change it, so for them the page is not there.
CHANGES_UNPUBLISHED = only("member", "reviewers", others=404)
REVIEWERS_ACT = only("reviewers", answer=302)


def _status_is(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


def _review(action, name, *, done, data=None, label=""):
    return post("practice:review-action", Pk(name), action, expected=REVIEWERS_ACT,
                data=data, done=done, label=label or action)


ACCESS_ROWS = {
    # Finding practice.
    "practice:list": [get("practice:list", expected=EVERYONE)],
    "practice:export-csv": [get("practice:export-csv", expected=EVERYONE)],
    "practice:feed": [get("practice:feed", expected=EVERYONE)],
    "practice:detail": [
        get("practice:detail", Pk("public"), expected=EVERYONE, label="public entry"),
        get("practice:detail", Pk("members_only"), expected=expect(200, anonymous=404),
            label="members-only entry"),
        get("practice:detail", Pk("draft"), expected=SEES_UNPUBLISHED,
            label="the member's draft"),
        get("practice:detail", Pk("submitted"), expected=SEES_UNPUBLISHED,
            label="the member's submission"),
    ],
    # Submitting practice.
    "practice:submit-start": [
        get("practice:submit-start", expected=SIGNED_IN),
        # The draft is created when its first section is saved.
        Case(("/practice/submit/?step=about",), expect(302, anonymous=LOGIN), "save the first "
             "section", method="post",
             data={"title": "Knife crime talks", "summary": "Talks in schools.",
                   "evidence_label": "promising"},
             done=lambda o: Practice.objects.filter(title="Knife crime talks").exists()),
    ],
    "practice:mine": [get("practice:mine", expected=SIGNED_IN)],
    "practice:task-list": [get("practice:task-list", Pk("draft"), expected=CHANGES_UNPUBLISHED)],
    "practice:edit-section": [
        get("practice:edit-section", Pk("draft"), "about", expected=CHANGES_UNPUBLISHED,
            label="the member's draft"),
        post("practice:edit-section", Pk("draft"), "about",
             expected=only("member", "reviewers", answer=302, others=404),
             data={"title": "Retitled draft", "summary": "A one-line summary.",
                   "evidence_label": "worked"},
             done=lambda o: fresh(o.draft).title == "Retitled draft", label="save a section"),
    ],
    "practice:check-answers": [
        get("practice:check-answers", Pk("draft"), expected=CHANGES_UNPUBLISHED),
        # Sending answers with the confirmation page, not a redirect.
        post("practice:check-answers", Pk("draft"), expected=CHANGES_UNPUBLISHED,
             done=_status_is("draft", PracticeStatus.SUBMITTED), label="send for review"),
    ],
    # Another force may read the published entry, so it is refused rather than hidden.
    "practice:revise": [
        get("practice:revise", Pk("own_published"), expected=only("member", "reviewers"),
            label="the member's published entry"),
        post("practice:revise", Pk("own_published"),
             expected=only("member", "reviewers", answer=302),
             done=lambda o: Practice.objects.filter(revision_of=o.own_published).exists(),
             label="start changes"),
    ],
    "practice:delete": [
        get("practice:delete", Pk("draft"), expected=CHANGES_UNPUBLISHED),
        post("practice:delete", Pk("draft"), expected=only("member", "reviewers", answer=302,
                                                             others=404),
             done=lambda o: fresh(o.draft) is None, label="delete the draft"),
    ],
    # Reviewing practice.
    "practice:review-queue": [get("practice:review-queue", expected=REVIEWERS)],
    "practice:review": [get("practice:review", Pk("submitted"), expected=REVIEWERS,
                            label="the member's submission")],
    "practice:review-action": [
        get("practice:review-action", Pk("submitted"), "publish", expected=REVIEWERS,
            label="the publish page"),
        _review("start-review", "submitted", label="assign to me",
                done=_status_is("submitted", PracticeStatus.IN_REVIEW)),
        _review("comment", "submitted", data={"body": "Who evaluated it?",
                                              "audience": "submitter"},
                done=lambda o: fresh(o.submitted).comments.filter(
                    body="Who evaluated it?").exists()),
        _review("request-changes", "submitted", data={"comment": "Add the evaluation."},
                done=_status_is("submitted", PracticeStatus.CHANGES_REQUESTED)),
        _review("publish", "submitted", data={"note": "Good evidence."},
                done=_status_is("submitted", PracticeStatus.PUBLISHED)),
        _review("decline", "submitted", data={"reason": "Not police practice."},
                done=_status_is("submitted", PracticeStatus.DECLINED)),
        _review("withdraw", "own_published", data={"reason": "The force asked."},
                done=_status_is("own_published", PracticeStatus.WITHDRAWN)),
        _review("accept-names", "proposing", data={"names": ["organisation", "topic:Drones"]},
                done=lambda o: fresh(o.proposing).proposed_topics == []),
    ],
    # The API.
    "GET /api/v1/practices": [get("/api/v1/practices", expected=EVERYONE)],
    "GET /api/v1/practices/{practice_id}": [
        get("/api/v1/practices/{}", Pk("public"), expected=EVERYONE, label="public entry"),
        get("/api/v1/practices/{}", Pk("members_only"), expected=expect(200, anonymous=404),
            label="members-only entry"),
        get("/api/v1/practices/{}", Pk("draft"), expected=SEES_UNPUBLISHED,
            label="the member's draft"),
    ],
    "POST /api/v1/practices": [
        Case(("/api/v1/practices",), expect(201, anonymous=401), method="post",
             data={"title": "Street triage", "evidence_label": "promising",
                   "description": "A mental health nurse rides with officers."},
             done=lambda o: Practice.objects.filter(title="Street triage").exists()),
    ],
}


def practice_objects(*, force, member):
    """Entries in each state: two published by the force, and the member's draft, submission,
    published entry and a submission proposing names the Exchange does not know yet."""
    unpublished = {"organisation": force, "submitted_by": member, "published_at": None}
    return SimpleNamespace(
        public=PracticeFactory(title="Public entry", organisation=force),
        members_only=PracticeFactory(title="Members-only entry", organisation=force,
                                     visibility=Visibility.MEMBERS),
        draft=PracticeFactory(title="Member's draft", status=PracticeStatus.DRAFT, **unpublished),
        submitted=PracticeFactory(title="Member's submission", status=PracticeStatus.SUBMITTED,
                                  **unpublished),
        proposing=PracticeFactory(title="Member's proposal", status=PracticeStatus.SUBMITTED,
                                  proposed_organisation="Kent Fire and Rescue",
                                  proposed_topics=["Drones"], **unpublished),
        own_published=PracticeFactory(title="Member's published entry", organisation=force,
                                      submitted_by=member),
    )


def objects(*, force, other_force, people):
    return practice_objects(force=force, member=people["member"])
