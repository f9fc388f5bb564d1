from django.contrib import admin

from .models import Activity, ScheduledJob, SearchSynonym, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """The log is evidence of who decided what: it can be read and searched, never edited."""

    list_display = ["created_at", "actor", "verb", "content_type", "object_id", "from_state",
                    "to_state"]
    list_filter = ["verb", "content_type"]
    search_fields = ["note", "actor__email", "actor__full_name"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    """When each periodic job runs next and how it last went. The jobs are declared in code;
    an administrator may only bring a run forward by editing ``due_at``."""

    list_display = ["name", "due_at", "last_started_at", "last_finished_at", "last_outcome"]
    readonly_fields = ["name", "last_started_at", "last_finished_at", "last_outcome", "last_error"]

    def has_add_permission(self, request):
        return False


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The acronyms and variants every search expands ("DA" also finds "domestic abuse"). A
    change applies to the next search: saving or deleting clears the cached list."""

    list_display = ["term", "expansions"]
    search_fields = ["term", "expansions"]
