"""The practice bank: entries, their label history, review comments, and the search index.

An edit to a published entry is a separate ``Practice`` row whose ``revision_of`` points at the
live one; it goes through review on its own, and publishing it copies its content onto the live
entry (which never leaves the public site) and marks the revision ``merged``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from exchange.common.enums import Region
from exchange.common.models import Topic
from exchange.common.search import SearchDocumentField
from exchange.people.models import Membership, Organisation
from exchange.people.rules import is_reviewer

from .enums import (
    DatePrecision,
    EvidenceLabel,
    Focus,
    PracticeStatus,
    Recognition,
    Scale,
    Stage,
    Visibility,
)
from .rules import may_read_members_only

# The content fields: what a submitter writes and a revision carries. Import, export, the API
# and the copy from a revision onto the live entry all go by this list.
CONTENT_FIELDS = [
    "title", "summary", "evidence_label", "stage", "organisation", "region", "partners",
    "start_date", "start_date_precision", "scale", "target_groups", "aim", "intended_outcome",
    "description", "results", "effect", "mechanism", "moderators", "implementation",
    "economic_cost", "contact_name", "contact_email", "links", "source_url", "visibility",
]
# Names a member's submission gave that are not on the Exchange yet: kept as text until a
# reviewer accepts them (domain.accept_proposed_names), so no member creates an organisation
# or a topic that public lists would show.
PROPOSAL_FIELDS = ["proposed_organisation", "proposed_topics"]
# Long text fields that accept Markdown (rendered through the sanitiser).
MARKDOWN_FIELDS = [
    "aim", "intended_outcome", "description", "results", "effect", "mechanism", "moderators",
    "implementation", "economic_cost",
]


class PracticeQuerySet(models.QuerySet):
    def live(self):
        """Published entries. A revision is never ``published`` (publishing merges it into its
        live entry; a check constraint holds this), so the status alone decides and the listing
        indexes below can answer counts and facets without reading rows."""
        return self.filter(status=PracticeStatus.PUBLISHED)

    def published(self):
        """What anyone may read: live public entries. ``Topic.objects.in_use_by_published``
        finds this method by name, so it decides which topics public lists show."""
        return self.live().filter(visibility=Visibility.PUBLIC)

    def for_user(self, user):
        """What ``user`` may see in any list: exactly what ``practice.view_practice`` lets the
        detail page show them (``rules.can_view``, asked here as one query)."""
        if is_reviewer(user):
            return self
        visible = models.Q(pk__in=self.public_listing(user).values("pk"))
        if not user.is_authenticated:
            return self.filter(visible)
        visible |= models.Q(submitted_by=user)
        if user.is_organisation_lead:
            # A lead sees their force's unpublished submissions; no other force ever does.
            colleagues = Membership.objects.active().filter(organisation=user.organisation)
            visible |= models.Q(submitted_by__in=colleagues.values("user"))
        return self.filter(visible)

    def public_listing(self, user):
        """Published entries for the finder, the feed, the export and the API list."""
        live = self.live()
        if user is not None and may_read_members_only(user):
            return live
        return live.filter(visibility=Visibility.PUBLIC)


class Practice(models.Model):
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True, help_text="One line.")
    evidence_label = models.CharField(max_length=20, choices=EvidenceLabel.choices, db_index=True)
    stage = models.CharField(max_length=30, choices=Stage.choices, blank=True, db_index=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="practices")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="practices")
    region = models.CharField(max_length=30, choices=Region.choices, blank=True, db_index=True)
    partners = models.JSONField(default=list, blank=True)
    start_date = models.DateField(null=True, blank=True)
    start_date_precision = models.CharField(max_length=5, choices=DatePrecision.choices,
                                            default=DatePrecision.DAY)
    # Kept from start_date so the year facet is an indexed column, not a function per row.
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True,
                                                  editable=False)
    scale = models.CharField(max_length=20, choices=Scale.choices, blank=True)
    target_groups = models.JSONField(default=list, blank=True)
    aim = models.TextField(blank=True)
    intended_outcome = models.TextField(blank=True)
    description = models.TextField()
    results = models.TextField(blank=True)
    # Evidence in the EMMIE shape.
    effect = models.TextField(blank=True, help_text="What effect did it have, and how sure are you?")
    mechanism = models.TextField(blank=True, help_text="Why does it work: what makes the change happen?")
    moderators = models.TextField(blank=True, help_text="Where and for whom does it work (context)?")
    implementation = models.TextField(blank=True, help_text="What does it take to put in place?")
    economic_cost = models.TextField(blank=True, help_text="What does it cost, and what does it save?")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    links = models.JSONField(default=list, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    visibility = models.CharField(max_length=10, choices=Visibility.choices,
                                  default=Visibility.PUBLIC, db_index=True)
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # The entry's identity in every export, so importing a file back (into this bank or an
    # empty one) updates the entries it came from rather than adding copies.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False,
                           verbose_name="interchange id")
    proposed_organisation = models.CharField(
        max_length=200, blank=True,
        help_text="An organisation the submitter named that is not on the Exchange yet.")
    proposed_topics = models.JSONField(
        default=list, blank=True, help_text="Topics the submitter named that are not on the "
                                            "Exchange yet.")

    status = models.CharField(max_length=20, choices=PracticeStatus.choices,
                              default=PracticeStatus.DRAFT, db_index=True)
    revision_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="revisions")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="practices")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="practices_to_review")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "visibility", "-published_at"],
                         name="practice_listing_idx"),
            models.Index(fields=["organisation", "status"], name="practice_org_status_idx"),
            # One per facet: status first (the listing's filter), the facet's column to group
            # by, then visibility so the public's filter is read from the index too.
            models.Index(fields=["status", "evidence_label", "visibility"], name="practice_f_label_idx"),
            models.Index(fields=["status", "stage", "visibility"], name="practice_f_stage_idx"),
            models.Index(fields=["status", "region", "visibility"], name="practice_f_region_idx"),
            models.Index(fields=["status", "start_year", "visibility"], name="practice_f_year_idx"),
            models.Index(fields=["status", "organisation", "visibility"], name="practice_f_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=PracticeStatus.PUBLISHED, revision_of__isnull=False),
                name="practice_revision_never_published",
                violation_error_message="A revision is merged into its entry, never published.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.start_year = self.start_date.year if self.start_date else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "start_date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "start_year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("practice:detail", kwargs={"pk": self.revision_of_id or self.pk})

    @property
    def is_live(self):
        return self.status == PracticeStatus.PUBLISHED and self.revision_of_id is None


class PracticeFocus(models.Model):
    """One focus of an entry; a row each so the focus filter and its counts use an index."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="focus_rows")
    value = models.CharField(max_length=20, choices=Focus.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "value"],
                                               name="practice_focus_once")]
        indexes = [models.Index(fields=["value", "practice"], name="practice_focus_value_idx")]

    def __str__(self):
        return self.get_value_display()


class PracticeRecognition(models.Model):
    """One recognition of an entry (an inspection, an award, a fund)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE,
                                 related_name="recognition_rows")
    value = models.CharField(max_length=30, choices=Recognition.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "value"],
                                               name="practice_recognition_once")]
        indexes = [models.Index(fields=["value", "practice"], name="practice_recog_value_idx")]

    def __str__(self):
        return self.get_value_display()


class LabelChange(models.Model):
    """The history of an entry's "does it work?" label, newest first."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="label_changes")
    label = models.CharField(max_length=20, choices=EvidenceLabel.choices)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # Why a reviewer chose this label over the one before it (or the one submitted).
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["practice", "-changed_at"], name="label_change_idx")]

    def __str__(self):
        return f"{self.practice_id}: {self.label} from {self.changed_at:%Y-%m-%d}"


class ReviewComment(models.Model):
    """A reviewer's comment or request on a submission. ``to_submitter`` ones are shown to them."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    body = models.TextField()
    to_submitter = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Comment on {self.practice_id} by {self.author}"


class PracticeSearchIndex(models.Model):
    """The full-text index row of an entry: an FTS5 table on SQLite, a tsvector on PostgreSQL.

    Both are created by migration 0002 and kept in step with ``practice_practice`` by database
    triggers, so bulk inserts and imports are indexed too. Query it only through
    :mod:`exchange.common.search`.
    """

    practice = models.OneToOneField(Practice, primary_key=True, db_column="rowid",
                                    on_delete=models.DO_NOTHING, related_name="search_index")
    # Named after its table: that is FTS5's hidden column for MATCH, and PostgreSQL's tsvector.
    document = SearchDocumentField(db_column="practice_search")

    class Meta:
        managed = False
        db_table = "practice_search"

    def __str__(self):
        return f"Search index of practice {self.practice_id}"
