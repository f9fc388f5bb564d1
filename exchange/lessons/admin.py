from django.contrib import admin

from .domain import is_locked
from .enums import LOCKED_STATES
from .models import Article, CaseStudy, FindingOverride, LessonsIssue, Subscriber, ThemeProposal

# Never editable here: states change through the editors' pages (the domain checks the gate and
# the second editor, and logs), and the revision and email bookkeeping is the domain's.
WORKFLOW_FIELDS = ["status", "created_by", "reviewed_by", "published_at", "revision_of"]


class PublishedReadOnly(admin.ModelAdmin):
    """Published text (and merged revisions) is read-only here: readers see only what passed
    the anonymisation gate and a second editor, so changes go through a revision on the
    editors' pages. An existing row's issue is fixed; a new one joins an unpublished issue."""

    always_read_only = WORKFLOW_FIELDS

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and is_locked(obj):
            return [field.name for field in self.model._meta.fields if field.editable]
        fixed = ["issue"] if obj is not None and hasattr(obj, "issue_id") else []
        return [*self.always_read_only, *fixed]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and is_locked(obj):
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issue":
            kwargs["queryset"] = LessonsIssue.objects.exclude(status__in=LOCKED_STATES)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(LessonsIssue)
class LessonsIssueAdmin(PublishedReadOnly):
    list_display = ["number", "title", "theme", "status", "publication_date"]
    list_filter = ["status", "theme"]
    search_fields = ["title"]
    always_read_only = [*WORKFLOW_FIELDS, "emailed_at"]


@admin.register(CaseStudy)
class CaseStudyAdmin(PublishedReadOnly):
    list_display = ["title", "issue", "status", "updated_at"]
    list_filter = ["status", "issue"]
    search_fields = ["title", "external_id"]
    list_select_related = ["issue"]


@admin.register(Article)
class ArticleAdmin(PublishedReadOnly):
    list_display = ["title", "kind", "issue"]
    list_select_related = ["issue"]
    always_read_only = ["revision_of"]


@admin.register(FindingOverride)
class FindingOverrideAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "content_type", "object_id", "created_by", "created_at"]
    readonly_fields = [f.name for f in FindingOverride._meta.fields]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed_at", "unsubscribed_at"]
    search_fields = ["email"]
    exclude = ["token"]


@admin.register(ThemeProposal)
class ThemeProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at"]
