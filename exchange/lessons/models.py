"""Learning the Lessons: issues, case studies, questions, articles, the gate's overrides,
private reflections, the mailing list and readers' voice. See docs/design/lessons.md."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from exchange.common.models import SubscriberBase, Topic
from exchange.common.models import SubscriberQuerySet as BaseSubscriberQuerySet
from exchange.common.models import new_token as new_token  # the name 0001_initial uses
from exchange.common.search import SearchDocumentField
from exchange.people.models import Organisation
from exchange.people.rules import is_editor

from .enums import (
    OPEN_STATES,
    ArticleKind,
    Audience,
    EditorialStatus,
    FindingKind,
    ProposalStatus,
    Role,
)

# The text of a case study that the gate checks and the search indexes.
CASE_TEXT_FIELDS = ["title", "summary", "findings", "key_learning", "action_taken",
                    "outcome_for_individuals"]
ARTICLE_TEXT_FIELDS = ["title", "standfirst", "body"]
ISSUE_TEXT_FIELDS = ["title", "cover_summary", "introduction"]


class EditorialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EditorialStatus.PUBLISHED)

    def for_user(self, user):
        """Published for everyone; editors see drafts, work in review and revisions too."""
        if is_editor(user):
            return self
        return self.published()

    def originals(self):
        """Rows that are not revisions of published work."""
        return self.filter(revision_of__isnull=True)

    def open_revisions(self):
        return self.filter(revision_of__isnull=False, status__in=OPEN_STATES)


def _revision_rules(model):
    """A revision is merged onto its live row, never published itself; and only one revision
    of a row is open at a time, so two editors never change the same thing apart."""
    return [
        models.CheckConstraint(
            condition=~models.Q(status=EditorialStatus.PUBLISHED, revision_of__isnull=False),
            name=f"lessons_{model}_revision_never_published",
            violation_error_message="A revision is merged into what it changes, never published."),
        models.UniqueConstraint(
            fields=["revision_of"], condition=models.Q(status__in=sorted(OPEN_STATES)),
            name=f"lessons_{model}_one_open_revision",
            violation_error_message="There is already an open revision of this."),
    ]


class Editorial(models.Model):
    """What issues and case studies share: the editorial state, its author and second editor,
    and for a revision of published work, the row it changes."""

    status = models.CharField(max_length=20, choices=EditorialStatus.choices,
                              default=EditorialStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class LessonsIssue(Editorial):
    number = models.PositiveIntegerField()
    theme = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="lessons_issues")
    title = models.CharField(max_length=200)
    publication_date = models.DateField(null=True, blank=True)
    cover_summary = models.CharField(max_length=400, blank=True,
                                     help_text="Two or three lines for the archive and the email.")
    introduction = models.TextField(blank=True, help_text="Markdown.")
    revision_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="revisions")
    # Set when subscribers are emailed, so no issue is ever emailed twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = EditorialQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            # A revision carries its issue's number: unique among the issues themselves.
            models.UniqueConstraint(fields=["number"], condition=models.Q(revision_of__isnull=True),
                                    name="lessons_issue_number_once",
                                    violation_error_message="An issue with this number exists."),
            *_revision_rules("issue"),
        ]

    def __str__(self):
        return f"Issue {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("lessons:issue", kwargs={"number": self.number})


class CaseStudyQuerySet(EditorialQuerySet):
    def for_listing(self):
        return self.select_related("issue").prefetch_related("themes", "role_rows")


class CaseStudy(Editorial):
    issue = models.ForeignKey(LessonsIssue, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="case_studies")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    themes = models.ManyToManyField(Topic, blank=True, related_name="case_studies")
    force = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", help_text="Kept for editors; never published.")
    date_of_incident = models.DateField(null=True, blank=True)
    summary = models.TextField(help_text="What happened.")
    findings = models.TextField(blank=True, help_text="The investigation's findings.")
    key_learning = models.TextField(blank=True)
    action_taken = models.TextField(blank=True, help_text="What the force did.")
    outcome_for_individuals = models.TextField(
        blank=True, help_text="Outcomes for the officers and staff involved.")
    source_url = models.URLField(max_length=500, blank=True)
    force_name = models.CharField(
        max_length=200, blank=True,
        help_text="A force or body named by the source but not recognised; never published.")
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    revision_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="revisions")

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["issue__number", "position", "id"]
        verbose_name_plural = "case studies"
        constraints = _revision_rules("case")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lessons:case", kwargs={"pk": self.pk})

    @property
    def roles(self):
        return [row.value for row in self.role_rows.all()]


class CaseStudyRole(models.Model):
    """One role a case concerns; a row each so the factor table filters on an index."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="role_rows")
    value = models.CharField(max_length=40, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case_study", "value"],
                                               name="lessons_case_role_once")]
        indexes = [models.Index(fields=["value", "case_study"], name="lessons_role_value_idx")]

    def __str__(self):
        return self.get_value_display()


class ReflectiveQuestion(models.Model):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="questions")
    audience = models.CharField(max_length=20, choices=Audience.choices, db_index=True)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["audience", "position", "id"]

    def __str__(self):
        return self.text[:60]


def questions_by_audience(questions):
    """``[(audience label, [question, …])]`` in the order of :class:`Audience`, each audience's
    questions in their order, audiences without one left out: the one order of the case page
    (signed in or not) and the issue's documents."""
    questions = sorted(questions, key=lambda q: (q.position, q.pk or 0))
    grouped = [(label, [q for q in questions if q.audience == value])
               for value, label in Audience.choices]
    return [(label, chosen) for label, chosen in grouped if chosen]


class ArticleQuerySet(models.QuerySet):
    def for_user(self, user):
        if is_editor(user):
            return self
        return self.filter(issue__status=EditorialStatus.PUBLISHED)


class Article(models.Model):
    """A stakeholder article or a force spotlight; published with its issue."""

    issue = models.ForeignKey(LessonsIssue, on_delete=models.CASCADE, related_name="articles")
    kind = models.CharField(max_length=20, choices=ArticleKind.choices,
                            default=ArticleKind.STAKEHOLDER)
    title = models.CharField(max_length=200)
    author_name = models.CharField(max_length=150, blank=True,
                                   help_text="The byline: a named author is not an identifier.")
    author_role = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    standfirst = models.CharField(max_length=400, blank=True)
    body = models.TextField(help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    # In an issue revision: the published article this one changes (none for a new article).
    revision_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="revisions")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["issue", "position", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lessons:article", kwargs={"pk": self.pk})


class FindingOverrideQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def for_user(self, user):
        return self if is_editor(user) else self.none()


class FindingOverride(models.Model):
    """An editor's decision, with a reason, that one finding in one object does not identify
    anyone. The same text of the same kind in that object is not flagged again."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=30, choices=FindingKind.choices)
    text = models.CharField(max_length=300)
    reason = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FindingOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "kind", "text"],
                                               name="lessons_override_once")]

    def __str__(self):
        return f"{self.get_kind_display()} '{self.text}' overridden"


class ReflectionQuerySet(models.QuerySet):
    def for_user(self, user):
        # Private to the reader: not even staff or administrators see someone else's answers.
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Reflection(models.Model):
    """A reader's private answer to one reflective question."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="lessons_reflections")
    question = models.ForeignKey(ReflectiveQuestion, on_delete=models.CASCADE,
                                 related_name="reflections")
    answer = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "question"],
                                               name="lessons_one_reflection_per_question")]

    def __str__(self):
        return f"Reflection {self.pk}"


class SubscriberQuerySet(BaseSubscriberQuerySet):
    def for_user(self, user):
        return self if is_editor(user) else self.none()


class Subscriber(SubscriberBase):
    """An address on the mailing list of new issues (see domain/mailing_list.py)."""

    themes = models.ManyToManyField(Topic, blank=True, related_name="lessons_subscribers",
                                    help_text="None means every theme.")

    objects = SubscriberQuerySet.as_manager()


class ThemeProposalQuerySet(models.QuerySet):
    def for_user(self, user):
        """Approved proposals, and a reader's own while an editor has not approved them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(status=ProposalStatus.APPROVED) | models.Q(proposed_by=user))

    def approved(self):
        return self.filter(status=ProposalStatus.APPROVED)

    def waiting(self):
        return self.filter(status=ProposalStatus.PENDING)

    def ranked(self):
        return self.annotate(vote_count=models.Count("votes")).order_by("-vote_count", "title")


class ThemeProposal(models.Model):
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=ProposalStatus.choices,
                              default=ProposalStatus.PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThemeProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class ThemeVote(models.Model):
    proposal = models.ForeignKey(ThemeProposal, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="lessons_one_vote_per_person")]

    def __str__(self):
        return f"Vote for {self.proposal_id}"


class CaseStudySearchIndex(models.Model):
    """The full-text index row of a case study (migration 0002, kept in step by triggers)."""

    case_study = models.OneToOneField(CaseStudy, primary_key=True, db_column="rowid",
                                      on_delete=models.DO_NOTHING, related_name="search_index")
    document = SearchDocumentField(db_column="lessons_case_search")

    class Meta:
        managed = False
        db_table = "lessons_case_search"

    def __str__(self):
        return f"Search index of case study {self.case_study_id}"
