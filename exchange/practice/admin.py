"""The practice bank in the Django admin: the back office for staff, using the same domain
functions as the site so a decision taken here is logged and emailed the same way.

A live entry's content is read-only here, as on the site: it changes through a revision that
is reviewed. Its label is the exception staff may change here, and that goes through
``domain.change_label``, which keeps the label history; the history itself is read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from . import domain
from .models import (
    CONTENT_FIELDS,
    LabelChange,
    Practice,
    PracticeFocus,
    PracticeRecognition,
    ReviewComment,
)

# What the admin must not change in place on a live entry (the label has its own path).
LIVE_READ_ONLY = [name for name in CONTENT_FIELDS if name != "evidence_label"] + [
    "topics", "revision_of"]


class ContentInline(admin.TabularInline):
    """Rows that are part of an entry's content: fixed once the entry is live."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _is_live(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _is_live(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_live(obj) and super().has_delete_permission(request, obj)


class FocusInline(ContentInline):
    model = PracticeFocus


class RecognitionInline(ContentInline):
    model = PracticeRecognition


class ReadOnly:
    """The label history is written only by the domain (``change_label``, publishing)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LabelChangeInline(ReadOnly, admin.TabularInline):
    model = LabelChange
    extra = 0


class ReviewCommentInline(admin.StackedInline):
    model = ReviewComment
    extra = 0
    raw_id_fields = ["author"]
    readonly_fields = ["created_at"]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "evidence_label", "organisation", "published_at"]
    list_filter = ["status", "evidence_label", "stage", "visibility", "region"]
    search_fields = ["title", "summary", "external_id"]
    list_select_related = ["organisation"]
    raw_id_fields = ["submitted_by", "reviewer", "revision_of", "organisation"]
    filter_horizontal = ["topics"]
    readonly_fields = ["status", "created_at", "updated_at", "submitted_at", "start_year"]
    date_hierarchy = "published_at"
    inlines = [FocusInline, RecognitionInline, LabelChangeInline, ReviewCommentInline]
    actions = ["publish_selected"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + LIVE_READ_ONLY if _is_live(obj) else fields

    def save_model(self, request, obj, form, change):
        """Save what the form may change; a new label goes through the domain."""
        label = obj.evidence_label
        if change and "evidence_label" in form.changed_data:
            obj.evidence_label = form.initial["evidence_label"]
        super().save_model(request, obj, form, change)
        if label != obj.evidence_label:
            try:
                domain.change_label(practice=obj, label=label, actor=request.user,
                                    note="Changed in the admin")
            except ValidationError as error:
                self.message_user(request, " ".join(_messages_of(error)), messages.ERROR)

    @admin.action(description="Publish the selected entries")
    def publish_selected(self, request, queryset):
        published, refused = 0, []
        for practice in queryset:
            try:
                domain.publish(practice=practice, actor=request.user)
            except (PermissionDenied, ValidationError) as error:
                refused.append(f"{practice.title}: {' '.join(_messages_of(error))}")
            else:
                published += 1
        if published:
            self.message_user(request, f"Published {published} entr{'y' if published == 1 else 'ies'}.",
                              messages.SUCCESS)
        for problem in refused:
            self.message_user(request, f"Not published: {problem}", messages.WARNING)


def _is_live(obj):
    return obj is not None and obj.pk is not None and obj.is_live


def _messages_of(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


@admin.register(LabelChange)
class LabelChangeAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["practice", "label", "changed_at", "changed_by"]
    list_filter = ["label"]
    search_fields = ["practice__title"]
    list_select_related = ["practice", "changed_by"]
    raw_id_fields = ["practice", "changed_by"]
    date_hierarchy = "changed_at"


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ["practice", "author", "to_submitter", "created_at"]
    list_filter = ["to_submitter"]
    search_fields = ["practice__title", "body"]
    list_select_related = ["practice", "author"]
    raw_id_fields = ["practice", "author"]
