from django.contrib import admin

from .models import Article, CaseStudy, FindingOverride, LessonsIssue, Subscriber, ThemeProposal


@admin.register(LessonsIssue)
class LessonsIssueAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "theme", "status", "publication_date"]
    list_filter = ["status", "theme"]
    search_fields = ["title"]
    # State changes go through the editors' pages, which check the gate and log them.
    readonly_fields = ["status", "created_by", "reviewed_by", "published_at"]


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "issue", "status", "updated_at"]
    list_filter = ["status", "issue"]
    search_fields = ["title", "external_id"]
    readonly_fields = ["status", "created_by", "reviewed_by", "published_at"]
    list_select_related = ["issue"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "issue"]
    list_select_related = ["issue"]


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
