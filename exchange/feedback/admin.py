"""Answers in the admin: to read, and to delete one whose "Other" text still names someone the
scrubbing missed. Nobody adds or edits an answer."""

from django.contrib import admin

from .models import PageFeedback


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "path", "useful", "reason_other"]
    list_filter = ["useful", "reason_not_found", "reason_not_relevant", "reason_too_complicated",
                   "reason_other"]
    search_fields = ["path", "other_text"]
    date_hierarchy = "created_at"
    readonly_fields = ["path", "useful", "reason_not_found", "reason_not_relevant",
                       "reason_too_complicated", "reason_other", "other_text", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
