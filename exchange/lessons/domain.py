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
from django.db.models import Q, Value
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
from .enums import EDITORIAL_TRANSITIONS, Audience, EditorialStatus
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
CASE_FIELDS = [*CASE_TEXT_FIELDS, "issue", "position", "force", "date_of_incident", "source_url",
               "external_id"]
ARTICLE_FIELDS = ["kind", "title", "author_name", "author_role", "organisation", "standfirst",
                  "body", "position"]


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
            if (type(owner), owner.pk, finding.kind, finding.text) not in overrides:
                found.append(GateFinding(obj, field, finding))
    return found


def _overrides_for(subject):
    """``{(model, pk, kind, text)}`` of every override on ``subject`` and its parts, in one query
    (an issue has about ten cases and their articles)."""
    owners = {(type(override_owner(obj)), override_owner(obj).pk) for obj, _, _ in text_parts(subject)}
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
    """Edit an issue's fields. Side effects: row, log."""
    require_editor(actor)
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
    """Create or edit a case study.

    ``data`` may hold any of CASE_FIELDS plus ``themes`` (Topics) and ``roles`` (values);
    ``questions`` maps an audience to its question texts, in order, and replaces them all.
    Side effects: the row, its themes, roles and questions, an activity-log row.
    """
    if actor is not None:
        require_editor(actor)
    created = case is None
    case = case or CaseStudy(created_by=actor)
    _assign(case, data, CASE_FIELDS)
    case.full_clean(exclude=["themes", "created_by", "reviewed_by"])
    case.save()
    if "themes" in data:
        case.themes.set(data["themes"])
    if "roles" in data:
        case.role_rows.all().delete()
        CaseStudyRole.objects.bulk_create(
            [CaseStudyRole(case_study=case, value=v) for v in sorted(set(data["roles"]))])
    if questions is not None:
        replace_questions(case, questions)
    if log:
        log_activity(subject=case, actor=actor, verb="create" if created else "edit",
                     to_state=case.status if created else "")
    return case


def replace_questions(case, questions):
    case.questions.all().delete()
    ReflectiveQuestion.objects.bulk_create([
        ReflectiveQuestion(case_study=case, audience=audience, text=text.strip(), position=n)
        for audience in Audience.values for n, text in enumerate(questions.get(audience, []))
        if text.strip()])


@transaction.atomic
def save_article(*, actor, issue, data, article=None):
    """Create or edit an article of ``issue``. Side effects: row, log (on the issue)."""
    require_editor(actor)
    created = article is None
    article = article or Article(issue=issue)
    _assign(article, data, ARTICLE_FIELDS)
    article.full_clean()
    article.save()
    log_activity(subject=issue, actor=actor, verb="add_article" if created else "edit_article",
                 note=article.title)
    return article


# The editorial workflow ----------------------------------------------------------------


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
    if subject.created_by_id and subject.created_by_id == actor.pk:
        return "A second editor, not the author, must review and publish this."
    findings = gate_findings(subject)
    if findings:
        return (f"The anonymisation check found {len(findings)} possible identifier"
                f"{'s' if len(findings) != 1 else ''}. Remove each or override it with a reason.")
    return None


@transaction.atomic
def publish(*, subject, actor, note=""):
    """A second editor approves and publishes an issue (with its cases) or a standalone case.

    Refused if ``actor`` wrote it or the anonymisation gate has findings. Side effects: state,
    ``published_at``, ``reviewed_by``, log; for an issue its cases are published too and one
    email per matching confirmed subscriber is queued.
    """
    require_editor(actor)
    refusal = publish_refusal(subject, actor)
    if refusal:
        raise ValidationError(refusal)
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
    """Take a published issue or case off the site. Side effects: state, log."""
    require_editor(actor)
    if not (reason or "").strip():
        raise ValidationError({"note": "Give the reason for withdrawing"})
    return STATES.change(subject, action="withdraw", actor=actor, note=reason.strip())


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


def unsubscribe(*, token):
    """One-click unsubscribe by the token in every email. Returns the subscriber or None.
    Side effect: ``unsubscribed_at``."""
    subscriber = Subscriber.objects.filter(token=token).first()
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
    """Queue the issue email to each matching subscriber. Side effects: outbox rows."""
    cases = list(issue.case_studies.order_by("position", "id").only("id", "title"))
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
