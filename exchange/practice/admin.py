"""The practice bank in the Django admin: the back office for staff, using the same domain
functions as the site so a decision taken here is logged and emailed the same way."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from . import domain
from .models import LabelChange, Practice, PracticeFocus, PracticeRecognition, ReviewComment


class FocusInline(admin.TabularInline):
    model = PracticeFocus
    extra = 0


class RecognitionInline(admin.TabularInline):
    model = PracticeRecognition
    extra = 0


class LabelChangeInline(admin.TabularInline):
    model = LabelChange
    extra = 0
    raw_id_fields = ["changed_by"]


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


def _messages_of(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


@admin.register(LabelChange)
class LabelChangeAdmin(admin.ModelAdmin):
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
