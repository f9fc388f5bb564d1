"""Learning the Lessons business rules: writing, the anonymisation gate, the two-editor
workflow, private reflections, the mailing list and readers' voice.

Views, the API, the admin and the management commands all call these functions.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from exchange.common.domain import StateMachine, activity, log_activity
from exchange.common.models import Activity
from exchange.common.search import search
from exchange.mail.domain import Email, queue_email, queue_emails
from exchange.people.rules import is_editor

from .anonymisation import find_identifiers
from .enums import EDITORIAL_TRANSITIONS, LOCKED_STATES, OPEN_STATES, Audience, EditorialStatus
from .models import (
    ARTICLE_TEXT_FIELDS,
    CASE_TEXT_FIELDS,
    ISSUE_TEXT_FIELDS,
    Article,
    CaseStudy,
    CaseStudyRole,
    FindingOverride,
    LessonsIssue,
    Reflection,
    ReflectiveQuestion,
    Subscriber,
    ThemeProposal,
    ThemeVote,
)

STATES = StateMachine(field="status", transitions=EDITORIAL_TRANSITIONS)
CONFIRM_SALT = "lessons.subscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
ISSUE_FIELDS = ["number", "theme", "title", "publication_date", "cover_summary", "introduction"]
# What a revision of a case carries and copies back: not its issue or its import key.
CASE_CONTENT_FIELDS = [*CASE_TEXT_FIELDS, "position", "force", "force_name", "date_of_incident",
                       "source_url"]
CASE_FIELDS = [*CASE_CONTENT_FIELDS, "issue", "external_id"]
ARTICLE_FIELDS = ["kind", "title", "author_name", "author_role", "organisation", "standfirst",
                  "body", "position"]
# The log verbs of writing: whoever wrote any part of something cannot be its second editor.
WRITING_VERBS = ["create", "edit", "create_revision", "add_article", "edit_article"]
LOCKED_MESSAGE = ("This is published, so it changes only through a revision, which passes the "
                  "anonymisation check and a second editor before readers see it.")


def require_editor(user):
    if not is_editor(user):
        raise PermissionDenied("Only Learning the Lessons editors can do that.")


# The anonymisation gate -------------------------------------------------------------------


@dataclass(frozen=True)
class GateFinding:
    subject: object
    field: str
    finding: object

    @property
    def field_label(self):
        if isinstance(self.subject, ReflectiveQuestion):
            return f"Question for {self.subject.get_audience_display().lower()}"
        return self.subject._meta.get_field(self.field).verbose_name.capitalize()


def text_parts(subject):
    """``[(object, field, text)]``: every published text of a case, article or issue."""
    if isinstance(subject, CaseStudy):
        parts = [(subject, name, getattr(subject, name)) for name in CASE_TEXT_FIELDS]
        return parts + [(q, "text", q.text) for q in subject.questions.all()]
    if isinstance(subject, Article):
        return [(subject, name, getattr(subject, name)) for name in ARTICLE_TEXT_FIELDS]
    parts = [(subject, name, getattr(subject, name)) for name in ISSUE_TEXT_FIELDS]
    for case in subject.case_studies.prefetch_related("questions"):
        parts += text_parts(case)
    for article in subject.articles.all():
        parts += text_parts(article)
    return parts


def override_owner(subject):
    """Overrides are stored on the case, article or issue; a question's belong to its case."""
    return subject.case_study if isinstance(subject, ReflectiveQuestion) else subject


def gate_findings(subject):
    """What still blocks publication of ``subject``: findings not overridden by an editor."""
    overrides = _overrides_for(subject)
    found = []
    for obj, field, text in text_parts(subject):
        owner = override_owner(obj)
        for finding in find_identifiers(text):
            # A revision keeps the overrides of the published text it was copied from.
            if not any((model, pk, finding.kind, finding.text) in overrides
                       for model, pk in _override_keys(owner)):
                found.append(GateFinding(obj, field, finding))
    return found


def _override_keys(owner):
    keys = [(type(owner), owner.pk)]
    if getattr(owner, "revision_of_id", None):
        keys.append((type(owner), owner.revision_of_id))
    return keys


def _overrides_for(subject):
    """``{(model, pk, kind, text)}`` of every override on ``subject`` and its parts, in one query
    (an issue has about ten cases and their articles)."""
    owners = {key for obj, _, _ in text_parts(subject) for key in _override_keys(override_owner(obj))}
    models_by_type = {ContentType.objects.get_for_model(model): model for model, _ in owners}
    wanted = Q(pk__in=[])  # nothing, until an owner is added
    for content_type, model in models_by_type.items():
        wanted |= Q(content_type=content_type, object_id__in=[pk for m, pk in owners if m is model])
    rows = FindingOverride.objects.filter(wanted).values_list("content_type_id", "object_id",
                                                              "kind", "text")
    by_id = {content_type.pk: model for content_type, model in models_by_type.items()}
    return {(by_id[type_id], pk, kind, text) for type_id, pk, kind, text in rows}


@transaction.atomic
def override_finding(*, subject, kind, text, reason, actor):
    """An editor says one finding in ``subject`` does not identify anyone, and why.

    Side effects: a FindingOverride row (the same kind and text in ``subject`` is not flagged
    again) and an activity-log row on ``subject`` naming the text and the reason.
    """
    require_editor(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason this is not identifying"})
    subject = override_owner(subject)
    override, _ = FindingOverride.objects.update_or_create(
        content_type_id=_content_type_id(subject), object_id=subject.pk, kind=kind, text=text,
        defaults={"reason": reason, "created_by": actor})
    log_activity(subject=subject, actor=actor, verb="override_finding",
                 note=f"{kind} '{text}': {reason}")
    return override


def _content_type_id(obj):
    return ContentType.objects.get_for_model(obj).pk


def marked_text(text, findings):
    """``text`` escaped, each finding wrapped in <mark> with its kind, for the edit page."""
    out, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out.append(escape(text[cursor:finding.start]))
        out.append(f'<mark class="exchange-finding" title="{escape(finding.kind)}">'
                   f"{escape(text[finding.start:finding.end])}</mark>")
        cursor = finding.end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))


# Writing ---------------------------------------------------------------------------------


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


def _require_changeable(obj):
    if is_locked(obj):
        raise ValidationError(LOCKED_MESSAGE)


@transaction.atomic
def create_issue(*, actor, data):
    """A new draft issue, authored by ``actor``. Side effects: row, log."""
    require_editor(actor)
    issue = LessonsIssue(created_by=actor)
    _assign(issue, data, ISSUE_FIELDS)
    issue.full_clean()
    issue.save()
    log_activity(subject=issue, actor=actor, verb="create", to_state=issue.status)
    return issue


@transaction.atomic
def update_issue(*, issue, actor, data):
    """Edit an unpublished issue's fields (a revision keeps its issue's number).
    Refuses a published issue: see :func:`revise_issue`. Side effects: row, log."""
    require_editor(actor)
    _require_changeable(issue)
    if issue.revision_of_id:
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


# Revisions of published work -----------------------------------------------------------------


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


# The editorial workflow ----------------------------------------------------------------


def editorial_actions(subject):
    """The workflow actions a person can take on ``subject`` now (merging is publishing)."""
    return [action for action in STATES.allowed_actions(subject) if action != "merge"]


@transaction.atomic
def submit_for_review(*, subject, actor):
    """Send an issue or a standalone case to a second editor. Side effects: state, log."""
    require_editor(actor)
    return STATES.change(subject, action="submit_for_review", actor=actor)


@transaction.atomic
def return_to_draft(*, subject, actor, note):
    """Send work in review back to its author with what to change. Side effects: state,
    log, an email to the author."""
    require_editor(actor)
    if not (note or "").strip():
        raise ValidationError({"note": "Say what needs to change"})
    STATES.change(subject, action="return_to_draft", actor=actor, note=note.strip())
    author = subject.created_by
    if author is not None and author != actor:
        queue_email(to=author.email, template="lessons_returned_to_draft",
                    context={"subject": subject, "note": note.strip(), "user": author,
                             "url": _edit_url(subject)})
    return subject


def publish_refusal(subject, actor):
    """Why ``actor`` may not publish ``subject`` now, or None."""
    if actor.pk in _writers(subject):
        return "A second editor, who wrote none of it, must review and publish this."
    findings = gate_findings(subject)
    if findings:
        return (f"The anonymisation check found {len(findings)} possible identifier"
                f"{'s' if len(findings) != 1 else ''}. Remove each or override it with a reason.")
    return None


def _writers(subject):
    """The ids of everyone who wrote ``subject`` or, for an issue, any of its cases or
    articles: its author and whoever the log names as creating or editing a part."""
    cases = list(subject.case_studies.values_list("pk", "created_by_id")) \
        if isinstance(subject, LessonsIssue) else []
    wanted = Q(content_type_id=_content_type_id(subject), object_id=subject.pk)
    if cases:
        wanted |= Q(content_type_id=ContentType.objects.get_for_model(CaseStudy).pk,
                    object_id__in=[pk for pk, _ in cases])
    logged = Activity.objects.filter(wanted, verb__in=WRITING_VERBS, actor__isnull=False)
    return ({subject.created_by_id, *(author for _, author in cases),
             *logged.values_list("actor_id", flat=True)} - {None})


@transaction.atomic
def publish(*, subject, actor, note=""):
    """A second editor approves and publishes an issue (with its cases) or a standalone case,
    or approves a revision, whose content then replaces the published version's.

    Refused if ``actor`` wrote any of it or the anonymisation gate has findings. Side effects:
    state, ``published_at``, ``reviewed_by``, log; for an issue its cases are published too and
    one email per matching confirmed subscriber is queued unless the issue was emailed before;
    for a revision, see :func:`_merge` (nobody is emailed). Returns the published row.
    """
    require_editor(actor)
    refusal = publish_refusal(subject, actor)
    if refusal:
        raise ValidationError(refusal)
    if subject.revision_of_id:
        return _merge(subject, actor=actor, note=note)
    now = timezone.now()
    subject.published_at = subject.published_at or now
    subject.reviewed_by = actor
    fields = ["published_at", "reviewed_by"]
    if isinstance(subject, LessonsIssue):
        subject.publication_date = subject.publication_date or timezone.localdate()
        fields.append("publication_date")
    STATES.change(subject, action="publish", actor=actor, note=note, extra_fields=fields)
    if isinstance(subject, LessonsIssue):
        _publish_cases_of(subject, actor=actor, now=now)
        send_issue(issue=subject)
    return subject


def _publish_cases_of(issue, *, actor, now):
    """Publish the issue's unpublished cases with it: one UPDATE and one log INSERT for all."""
    cases = list(issue.case_studies.exclude(status=EditorialStatus.PUBLISHED)
                 .only("id", "status", "published_at"))
    if not cases:
        return
    issue.case_studies.filter(pk__in=[c.pk for c in cases]).update(
        status=EditorialStatus.PUBLISHED, reviewed_by=actor, updated_at=now,
        published_at=Coalesce("published_at", Value(now)))
    Activity.objects.bulk_create([
        activity(subject=case, actor=actor, verb="publish", from_state=case.status,
                 to_state=EditorialStatus.PUBLISHED, note=f"Published with issue {issue.number}")
        for case in cases])


@transaction.atomic
def withdraw(*, subject, actor, reason):
    """Take a published issue (and its published cases) or case off the site.
    Side effects: states, log rows."""
    require_editor(actor)
    if not (reason or "").strip():
        raise ValidationError({"note": "Give the reason for withdrawing"})
    STATES.change(subject, action="withdraw", actor=actor, note=reason.strip())
    if isinstance(subject, LessonsIssue):
        cases = list(subject.case_studies.filter(status=EditorialStatus.PUBLISHED).only("id"))
        CaseStudy.objects.filter(pk__in=[c.pk for c in cases]).update(
            status=EditorialStatus.DRAFT, updated_at=timezone.now())
        Activity.objects.bulk_create([
            activity(subject=case, actor=actor, verb="withdraw",
                     from_state=EditorialStatus.PUBLISHED, to_state=EditorialStatus.DRAFT,
                     note=f"Withdrawn with issue {subject.number}: {reason.strip()}")
            for case in cases])
    return subject


def _edit_url(subject):
    name = "lessons:issue-edit" if isinstance(subject, LessonsIssue) else "lessons:case-edit"
    return reverse(name, kwargs={"pk": subject.pk})


# Reflect ------------------------------------------------------------------------------------


@transaction.atomic
def save_reflections(*, user, case, answers):
    """Keep ``user``'s private answers to ``case``'s questions; ``answers`` maps a question id
    to text, and an empty answer removes a kept one. Only published cases can be answered.

    Side effects: Reflection rows of ``user`` only. Deliberately not in the activity log,
    which staff can read: an answer is the reader's alone.
    """
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to keep your answers.")
    if case.status != EditorialStatus.PUBLISHED:
        raise PermissionDenied("This case study is not published.")
    question_ids = set(case.questions.values_list("pk", flat=True))
    texts = {pk: (text or "").strip() for pk, text in answers.items() if pk in question_ids}
    Reflection.objects.filter(user=user, question_id__in=[pk for pk, t in texts.items() if not t]
                              ).delete()
    kept = [Reflection(user=user, question_id=pk, answer=t) for pk, t in texts.items() if t]
    # One statement however many questions: a new answer is inserted, a changed one updated.
    Reflection.objects.bulk_create(kept, update_conflicts=True, unique_fields=["user", "question"],
                                   update_fields=["answer", "updated_at"])
    return len(kept)


def learning_record(user):
    """``user``'s reflections with their questions and cases, newest first."""
    return (Reflection.objects.for_user(user)
            .select_related("question__case_study__issue").order_by("-updated_at", "-id"))


# Mailing list -------------------------------------------------------------------------------


@transaction.atomic
def subscribe(*, email, themes):
    """Ask to join the mailing list; nothing is sent to the address until it confirms.

    The same answer whether or not the address is known (no one learns who subscribes).
    Side effects: a Subscriber row (new or reset), one confirmation email; an address already
    confirmed gets an email saying so instead, and its themes are not changed.
    """
    email = email.strip().lower()
    subscriber, created = Subscriber.objects.get_or_create(email=email)
    if not created and subscriber.confirmed_at and not subscriber.unsubscribed_at:
        queue_email(to=email, template="lessons_already_subscribed",
                    context={"subscriber": subscriber, "unsubscribe_url": unsubscribe_url(subscriber)})
        return subscriber
    subscriber.confirmed_at = None
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    subscriber.themes.set(themes)
    token = signing.dumps({"s": subscriber.pk, "e": email}, salt=CONFIRM_SALT)
    queue_email(to=email, template="lessons_subscribe_confirm", context={
        "subscriber": subscriber, "themes": list(themes),
        "confirm_url": reverse("lessons:subscribe-confirm", kwargs={"token": token})})
    return subscriber


@transaction.atomic
def confirm_subscription(*, token):
    """Confirm from the emailed link. Raises ValidationError for a bad or old link.
    Side effect: ``confirmed_at``."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError("This confirmation link is not valid or has expired.") from error
    subscriber = Subscriber.objects.filter(pk=payload.get("s"), email=payload.get("e")).first()
    if subscriber is None:
        raise ValidationError("This confirmation link is not valid or has expired.")
    if subscriber.confirmed_at is None or subscriber.unsubscribed_at:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_for(*, token):
    """The subscriber whose unsubscribe link carries ``token``, or None."""
    return Subscriber.objects.filter(token=token).first()


def unsubscribe(*, token):
    """Unsubscribe by the token in every email (a POST: never on following the link).
    Returns the subscriber or None. Side effect: ``unsubscribed_at``."""
    subscriber = subscriber_for(token=token)
    if subscriber is not None and subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def unsubscribe_url(subscriber):
    return reverse("lessons:unsubscribe", kwargs={"token": subscriber.token})


def subscribers_for(issue):
    """Confirmed subscribers who chose no themes, or one of the issue's or its cases' themes."""
    theme_ids = {issue.theme_id, *issue.case_studies.values_list("themes", flat=True)} - {None}
    return (Subscriber.objects.confirmed()
            .filter(Q(themes__isnull=True) | Q(themes__in=theme_ids)).distinct().order_by("email"))


def send_issue(*, issue):
    """Queue the issue email to each matching subscriber, once per issue however often it is
    published: the issue is claimed with a conditional update, so two calls never both send.
    Returns how many were queued. Side effects: ``emailed_at``, outbox rows."""
    now = timezone.now()
    if not LessonsIssue.objects.filter(pk=issue.pk, emailed_at__isnull=True).update(emailed_at=now):
        return 0
    issue.emailed_at = now
    cases = list(issue.case_studies.filter(status=EditorialStatus.PUBLISHED)
                 .order_by("position", "id").only("id", "title"))
    return len(queue_emails(_issue_email(issue, cases, subscriber)
                            for subscriber in subscribers_for(issue)))


def _issue_email(issue, cases, subscriber):
    link = unsubscribe_url(subscriber)
    # RFC 8058: a mail client's own "Unsubscribe" button POSTs to this address.
    headers = {"List-Unsubscribe": f"<{settings.SITE_URL}{link}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return Email(to=subscriber.email, template="lessons_issue_published", headers=headers,
                 context={"issue": issue, "cases": cases, "unsubscribe_url": link})


# Readers' voice -----------------------------------------------------------------------------


@transaction.atomic
def propose_theme(*, user, title, description=""):
    """A signed-in reader proposes a theme and votes for it. Side effects: proposal, vote, log."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to propose a theme.")
    if not (title or "").strip():
        raise ValidationError({"title": "Enter the theme you would like an issue on"})
    proposal = ThemeProposal.objects.create(title=title.strip(), description=description.strip(),
                                            proposed_by=user)
    ThemeVote.objects.create(proposal=proposal, user=user)
    log_activity(subject=proposal, actor=user, verb="propose_theme")
    return proposal


def vote(*, user, proposal, remove=False):
    """Add (or with ``remove``, take back) ``user``'s one vote for ``proposal``.
    Side effect: at most one ThemeVote row per person per proposal."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to vote.")
    if remove:
        ThemeVote.objects.filter(proposal=proposal, user=user).delete()
        return False
    try:
        with transaction.atomic():
            ThemeVote.objects.get_or_create(proposal=proposal, user=user)
    except IntegrityError:
        pass  # Two clicks at once: the other request already counted this vote.
    return True


# Finding published work ---------------------------------------------------------------------


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
