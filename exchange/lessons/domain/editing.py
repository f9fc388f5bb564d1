"""Writing: creating and saving issues, case studies (with their questions) and articles that
readers have not seen, and whether something may still change in place."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from exchange.common.domain import StateMachine, log_activity
from exchange.people.rules import is_editor

from ..enums import EDITORIAL_TRANSITIONS, LOCKED_STATES, Audience, EditorialStatus
from ..models import (
    CASE_TEXT_FIELDS,
    Article,
    CaseStudy,
    CaseStudyRole,
    LessonsIssue,
    ReflectiveQuestion,
)

STATES = StateMachine(field="status", transitions=EDITORIAL_TRANSITIONS)
ISSUE_FIELDS = ["number", "theme", "title", "publication_date", "cover_summary", "introduction"]
# What a revision of a case carries and copies back: not its issue or its import key.
CASE_CONTENT_FIELDS = [*CASE_TEXT_FIELDS, "position", "force", "force_name", "date_of_incident",
                       "source_url"]
CASE_FIELDS = [*CASE_CONTENT_FIELDS, "issue", "external_id"]
ARTICLE_FIELDS = ["kind", "title", "author_name", "author_role", "organisation", "standfirst",
                  "body", "position"]
LOCKED_MESSAGE = ("This is published, so it changes only through a revision, which passes the "
                  "anonymisation check and a second editor before readers see it.")
# The second editor approves exactly what is published, so nothing changes under them.
IN_REVIEW_MESSAGE = ("This is with a second editor for review, so it cannot be changed: they "
                     "approve exactly what will be published. To change it, return it to draft, "
                     "make the change and send it for review again.")


def require_editor(user):
    if not is_editor(user):
        raise PermissionDenied("Only Learning the Lessons editors can do that.")



def is_locked(obj):
    """Whether readers see (or saw) ``obj``'s text, so it changes only through a revision: a
    published or merged issue or case, or a part of such an issue."""
    issue = obj if isinstance(obj, LessonsIssue) else obj.issue
    return (getattr(obj, "status", None) in LOCKED_STATES
            or (issue is not None and issue.status in LOCKED_STATES))


def is_merged(obj):
    """Whether ``obj`` is (part of) a revision already merged: there is nothing left to do."""
    issue = obj if isinstance(obj, LessonsIssue) else obj.issue
    return EditorialStatus.MERGED in {getattr(obj, "status", None),
                                      issue.status if issue is not None else None}


def is_in_review(obj):
    """Whether ``obj`` waits for a second editor: an issue or case in review, or a part of an
    issue in review (a case or article is reviewed and published with its issue)."""
    issue = obj if isinstance(obj, LessonsIssue) else obj.issue
    return EditorialStatus.IN_REVIEW in {getattr(obj, "status", None),
                                         issue.status if issue is not None else None}


def _require_changeable(obj):
    if is_locked(obj):
        raise ValidationError(LOCKED_MESSAGE)
    if is_in_review(obj):
        raise ValidationError(IN_REVIEW_MESSAGE)


def next_issue_number():
    """The number the next new issue is given: one after the highest so far."""
    highest = LessonsIssue.objects.originals().aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def create_issue(*, actor, data):
    """A new draft issue, authored by ``actor``, numbered one after the last issue; an import
    or the demo that carries its issue's ``number`` keeps it. Side effects: row, log."""
    require_editor(actor)
    issue = LessonsIssue(created_by=actor)
    _assign(issue, {name: value for name, value in data.items() if name != "number"},
            ISSUE_FIELDS)
    if data.get("number") is not None:
        issue.number = data["number"]
        issue.full_clean()
        issue.save()
    else:
        _save_with_next_number(issue)
    log_activity(subject=issue, actor=actor, verb="create", to_state=issue.status)
    return issue


def _save_with_next_number(issue, attempts=5):
    """Two editors drafting at once may both read the same next number; the unique constraint
    refuses the second, which takes the number after."""
    for attempt in range(attempts):
        issue.number = next_issue_number()
        issue.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                issue.save()
            return
        except IntegrityError:
            if attempt == attempts - 1:
                raise


@transaction.atomic
def update_issue(*, issue, actor, data):
    """Edit an unpublished issue's fields; its number stays the one it was given.
    Refuses a published issue: see :func:`revise_issue`. Side effects: row, log."""
    require_editor(actor)
    _require_changeable(issue)
    data = {name: value for name, value in data.items() if name != "number"}
    _assign(issue, data, ISSUE_FIELDS)
    issue.full_clean()
    issue.save()
    log_activity(subject=issue, actor=actor, verb="edit")
    return issue


def _assign(obj, data, names):
    for name in names:
        if name in data:
            setattr(obj, name, data[name])


@transaction.atomic
def save_case_study(*, actor, data, case=None, questions=None, log=True):
    """Create or edit a case study that readers have not seen (a draft, or part of a revision).

    ``data`` may hold any of CASE_FIELDS plus ``themes`` (Topics) and ``roles`` (values);
    ``questions`` maps an audience to its question texts, in order, and replaces them all.
    Refuses a published case or a new case in a published issue: see :func:`revise_case` and
    :func:`add_case`. Side effects: the row, its themes, roles and questions, a log row.
    """
    if actor is not None:
        require_editor(actor)
    created = case is None
    case = case or CaseStudy(created_by=actor)
    if not created:
        _require_changeable(case)
    _assign(case, data, CASE_FIELDS)
    _require_changeable(case)
    _write_case(case, data, questions)
    if log:
        log_activity(subject=case, actor=actor, verb="create" if created else "edit",
                     to_state=case.status if created else "")
    return case


def _write_case(case, data, questions):
    _assign(case, data, CASE_FIELDS)
    case.full_clean(exclude=["themes", "created_by", "reviewed_by", "revision_of"])
    case.save()
    if "themes" in data:
        case.themes.set(data["themes"])
    if "roles" in data:
        case.role_rows.all().delete()
        CaseStudyRole.objects.bulk_create(
            [CaseStudyRole(case_study=case, value=v) for v in sorted(set(data["roles"]))])
    if questions is not None:
        replace_questions(case, questions)


def replace_questions(case, questions):
    """Set ``case``'s questions. A question keeps its row at its audience and place, with its
    new wording, so readers' private answers to it are kept. Side effects: question rows."""
    wanted = {(audience, n): text for audience in Audience.values for n, text in
              enumerate(t.strip() for t in questions.get(audience, []) if t.strip())}
    kept, changed, extra = {}, [], []
    for question in ReflectiveQuestion.objects.filter(case_study=case).order_by("id"):
        key = (question.audience, question.position)
        if key not in wanted or key in kept:
            extra.append(question.pk)
            continue
        kept[key] = question
        if question.text != wanted[key]:
            question.text = wanted[key]
            changed.append(question)
    ReflectiveQuestion.objects.filter(pk__in=extra).delete()
    ReflectiveQuestion.objects.bulk_update(changed, ["text"])
    ReflectiveQuestion.objects.bulk_create([
        ReflectiveQuestion(case_study=case, audience=audience, text=text, position=n)
        for (audience, n), text in wanted.items() if (audience, n) not in kept])


def questions_of(case):
    """``{audience: [text, …]}`` of ``case``, as :func:`replace_questions` takes it."""
    questions = {}
    for question in ReflectiveQuestion.objects.filter(case_study=case).order_by("position", "id"):
        questions.setdefault(question.audience, []).append(question.text)
    return questions


def case_content(case):
    """The content of ``case`` as :func:`save_case_study` takes it (not its issue or key)."""
    data = {name: getattr(case, name) for name in CASE_CONTENT_FIELDS}
    data["themes"] = list(case.themes.all())
    data["roles"] = [row.value for row in case.role_rows.all()]
    return data


@transaction.atomic
def save_article(*, actor, issue, data, article=None):
    """Create or edit an article of an unpublished ``issue`` (or of an issue's revision).
    Refuses a published issue's: see :func:`revise_article` and :func:`add_article`.
    Side effects: row, log (on the issue)."""
    require_editor(actor)
    created = article is None
    article = article or Article(issue=issue)
    _require_changeable(article)
    _assign(article, data, ARTICLE_FIELDS)
    article.full_clean()
    article.save()
    log_activity(subject=issue, actor=actor, verb="add_article" if created else "edit_article",
                 note=article.title)
    return article
