"""Revisions of published work: changes to a published issue, case or article wait in a
revision, which a second editor's approval merges onto the published row."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from exchange.common.domain import activity, log_activity
from exchange.common.models import Activity

from ..enums import LOCKED_STATES, OPEN_STATES, EditorialStatus
from ..models import Article, CaseStudy, FindingOverride, LessonsIssue
from .editing import (
    ARTICLE_FIELDS,
    ISSUE_FIELDS,
    STATES,
    _assign,
    _write_case,
    case_content,
    is_locked,
    is_merged,
    questions_of,
    require_editor,
    save_article,
    save_case_study,
    update_issue,
)


def open_revision(obj):
    """The open (draft or in review) revision of a published issue, case or article, or None."""
    if isinstance(obj, Article):
        return obj.revisions.filter(issue__status__in=OPEN_STATES).first()
    return obj.revisions.filter(status__in=OPEN_STATES).first()


@transaction.atomic
def working_issue(*, issue, actor):
    """Where changes to ``issue`` are written: the issue itself while unpublished; for a
    published issue its open revision, made now (a copy of its fields) if there is none.

    Side effects: at most one revision row and its log row.
    """
    if actor is not None:
        require_editor(actor)
    if is_merged(issue):
        raise ValidationError("These changes are already published; change the issue itself.")
    if not is_locked(issue):
        return issue
    live = LessonsIssue.objects.select_for_update().get(pk=issue.pk)
    revision = open_revision(live)
    if revision is None:
        revision = LessonsIssue(revision_of=live, created_by=actor,
                                **{name: getattr(live, name) for name in ISSUE_FIELDS})
        revision.save()
        log_activity(subject=revision, actor=actor, verb="create_revision",
                     to_state=revision.status, note=f"Changes to issue {live.number}")
    return revision


@transaction.atomic
def revise_issue(*, issue, actor, data):
    """Change an issue's fields: in place while unpublished, else in its revision. Returns the
    row written. Side effects: as :func:`working_issue` and :func:`update_issue`."""
    target = working_issue(issue=issue, actor=actor)
    return update_issue(issue=target, actor=actor, data=data)


@transaction.atomic
def add_case(*, issue, actor, data, questions=None):
    """A new case in ``issue``; for a published issue it waits in the issue's revision.
    Side effects: as :func:`working_issue` and :func:`save_case_study`."""
    target = working_issue(issue=issue, actor=actor) if issue is not None else None
    return save_case_study(actor=actor, data={**data, "issue": target}, questions=questions)


@transaction.atomic
def revise_case(*, case, actor, data, questions=None):
    """Change a case: in place while readers have not seen it; else in its revision, which for
    a case in a published issue is part of the issue's revision. Returns the row written.

    Side effects: a revision row (a copy of the case) if none is open, as :func:`working_issue`,
    and as :func:`save_case_study`.
    """
    if not is_locked(case) or is_merged(case):
        return save_case_study(actor=actor, case=case, data=data, questions=questions)
    live = CaseStudy.objects.select_for_update(of=("self",)).select_related("issue").get(pk=case.pk)
    parent = working_issue(issue=live.issue, actor=actor) if live.issue_id and \
        live.issue.status in LOCKED_STATES else None
    revision = open_revision(live)
    if revision is None:
        revision = _copy_case(live, issue=parent, actor=actor)
    data = {name: value for name, value in data.items() if name not in ("issue", "external_id")}
    return save_case_study(actor=actor, case=revision, data=data, questions=questions)


def _copy_case(case, *, issue, actor):
    revision = CaseStudy(revision_of=case, issue=issue, created_by=actor)
    _write_case(revision, case_content(case), questions_of(case))
    log_activity(subject=revision, actor=actor, verb="create_revision", to_state=revision.status,
                 note=f"Changes to case study {case.pk}")
    return revision


@transaction.atomic
def add_article(*, issue, actor, data):
    """A new article in ``issue``; for a published issue it waits in the issue's revision.
    Side effects: as :func:`working_issue` and :func:`save_article`."""
    target = working_issue(issue=issue, actor=actor)
    return save_article(actor=actor, issue=target, data=data)


@transaction.atomic
def revise_article(*, article, actor, data):
    """Change an article: in place while its issue is unpublished, else in the issue's revision
    (articles are published with their issue). Returns the row written.
    Side effects: as :func:`working_issue` and :func:`save_article`."""
    target = working_issue(issue=article.issue, actor=actor)
    if target.pk == article.issue_id:
        return save_article(actor=actor, issue=target, article=article, data=data)
    live = Article.objects.get(pk=article.pk)
    revision = target.articles.filter(revision_of=live).first() or Article(
        issue=target, revision_of=live, **{name: getattr(live, name) for name in ARTICLE_FIELDS})
    return save_article(actor=actor, issue=target, article=revision, data=data)


def discard_refusal(obj):
    """Why ``obj`` cannot be discarded, or "" when it is an open revision that can be."""
    if not obj.revision_of_id:
        return "Only a revision of published work can be discarded, not the published work."
    if obj.status not in OPEN_STATES:
        return "These changes are already published, so they cannot be discarded."
    if isinstance(obj, CaseStudy) and obj.issue_id:
        return "This case is part of the changes to its issue: discard those changes instead."
    return ""


@transaction.atomic
def discard_revision(*, revision, actor, reason=""):
    """Throw away an open (draft or in review) revision of a published issue or standalone
    case, so the published row can be changed afresh. The published rows are untouched.

    Side effects: deletes the revision and what belongs only to it (for an issue revision, its
    new and changed cases and articles; their questions and roles; the gate overrides given on
    any of them) and writes a ``discard_revision`` log row, with ``reason``, on the live row.
    Refuses non-editors, live rows, merged revisions and a case revision that is part of an
    issue revision (that is discarded with its issue).
    """
    require_editor(actor)
    model = type(revision)
    revision = (model.objects.select_for_update(of=("self",)).filter(pk=revision.pk)
                .order_by("pk").first())
    refusal = discard_refusal(revision) if revision is not None else "It is already discarded."
    if refusal:
        raise ValidationError(refusal)
    live = model.objects.get(pk=revision.revision_of_id)
    parts = ([*revision.case_studies.all(), *revision.articles.all()]
             if isinstance(revision, LessonsIssue) else [])
    _delete_overrides([*parts, revision])
    # A case's issue is SET_NULL: delete the revision's cases first, or they would outlive it.
    CaseStudy.objects.filter(pk__in=[row.pk for row in parts
                                     if isinstance(row, CaseStudy)]).delete()
    revision.delete()
    log_activity(subject=live, actor=actor, verb="discard_revision", from_state=live.status,
                 to_state=live.status, note=reason)
    return live


def _delete_overrides(rows):
    """Delete the gate overrides given on any of ``rows`` in one statement."""
    given_on = Q(pk__in=[])
    for row in rows:
        given_on |= Q(content_type=ContentType.objects.get_for_model(row), object_id=row.pk)
    FindingOverride.objects.filter(given_on).delete()


def _merge(revision, *, actor, note):
    """Copy an approved revision onto the published row it changes. Returns the live row."""
    live = type(revision).objects.select_for_update().get(pk=revision.revision_of_id)
    if isinstance(revision, LessonsIssue):
        _merge_issue(revision, live, actor=actor)
    else:
        _merge_case(revision, live)
    revision.reviewed_by = actor
    STATES.change(revision, action="merge", actor=actor, note=note, extra_fields=["reviewed_by"])
    live.reviewed_by = actor
    live.save(update_fields=["reviewed_by", "updated_at"])
    log_activity(subject=live, actor=actor, verb="publish_revision", from_state=live.status,
                 to_state=live.status, note=note or f"Changes approved ({revision.pk})")
    return live


def _merge_case(revision, live):
    _write_case(live, case_content(revision), questions_of(revision))
    _carry_overrides(revision, live)


def _merge_issue(revision, live, *, actor):
    """The issue's fields, its changed cases and articles are copied onto the live ones; new
    cases and articles join the live issue, the cases published now. Nobody is emailed."""
    _assign(live, {name: getattr(revision, name) for name in ISSUE_FIELDS if name != "number"},
            ISSUE_FIELDS)
    live.full_clean()
    live.save()
    _carry_overrides(revision, live)
    cases = list(revision.case_studies.select_related("revision_of")
                 .prefetch_related("themes", "role_rows"))
    for case in cases:
        if case.revision_of_id:
            _merge_case(case, case.revision_of)
    changed = [case for case in cases if case.revision_of_id]
    _move_cases(changed, status=EditorialStatus.MERGED, actor=actor, issue=revision,
                note=f"Merged into issue {live.number}")
    added = [case for case in cases if not case.revision_of_id]
    _move_cases(added, status=EditorialStatus.PUBLISHED, actor=actor, issue=live,
                note=f"Published with changes to issue {live.number}")
    for article in revision.articles.select_related("revision_of"):
        if article.revision_of_id:
            _assign(article.revision_of, {n: getattr(article, n) for n in ARTICLE_FIELDS},
                    ARTICLE_FIELDS)
            article.revision_of.save()
            _carry_overrides(article, article.revision_of)
        else:
            article.issue = live
            article.save(update_fields=["issue", "updated_at"])


def _move_cases(cases, *, status, actor, issue, note):
    """Cases that follow their issue: one UPDATE and one log INSERT for all of them."""
    if not cases:
        return
    now = timezone.now()
    CaseStudy.objects.filter(pk__in=[c.pk for c in cases]).update(
        status=status, issue=issue, reviewed_by=actor, updated_at=now,
        published_at=Coalesce("published_at", Value(now))
        if status == EditorialStatus.PUBLISHED else F("published_at"))
    verb = "merge" if status == EditorialStatus.MERGED else "publish"
    Activity.objects.bulk_create([
        activity(subject=case, actor=actor, verb=verb, from_state=case.status, to_state=status,
                 note=note) for case in cases])


def _carry_overrides(source, target):
    """The overrides an editor gave on a revision's text now hold for the published text."""
    FindingOverride.objects.bulk_create([
        FindingOverride(content_type_id=row.content_type_id, object_id=target.pk, kind=row.kind,
                        text=row.text, reason=row.reason, created_by_id=row.created_by_id)
        for row in FindingOverride.objects.for_object(source)], ignore_conflicts=True)
