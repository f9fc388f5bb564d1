"""Staff back office for improvement networks: archiving a network, correcting a record."""

from django.contrib import admin

from .models import Meeting, Network, NetworkMembership, NetworkProposal


class MembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "status", "notify_posts"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "topic", "is_closed", "status", "created_at"]
    list_filter = ["status", "is_closed", "topic"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "starts_at", "ends_at"]
    list_filter = ["network"]
    date_hierarchy = "starts_at"


@admin.register(NetworkProposal)
class NetworkProposalAdmin(admin.ModelAdmin):
    list_display = ["name", "proposed_by", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["proposed_by", "decided_by", "network"]
