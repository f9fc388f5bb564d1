from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError

from .domain import decide_membership, revoke_api_token
from .enums import MembershipStatus
from .models import ApiToken, Membership, Organisation, User


class ExchangeUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class ExchangeUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["status", "created_at", "decided_at", "decided_by"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = ExchangeUserChangeForm
    add_form = ExchangeUserCreationForm
    list_display = ["email", "full_name", "job_title", "is_staff", "is_active", "email_verified_at",
                    "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["full_name", "job_title", "email_verified_at"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups",
                                    "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"],
                "fields": ["email", "full_name", "usable_password", "password1", "password2"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "region", "website"]
    list_filter = ["type", "region"]
    search_fields = ["name", "aliases", "slug", "email_domains"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "status", "created_at", "decided_at"]
    list_filter = ["status", "role", "organisation__type"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["status", "created_at", "decided_at", "decided_by"]
    actions = ["approve", "decline"]

    @admin.action(description="Approve the selected memberships")
    def approve(self, request, queryset):
        self._decide(request, queryset, "approve")

    @admin.action(description="Decline the selected memberships")
    def decline(self, request, queryset):
        self._decide(request, queryset, "decline")

    def _decide(self, request, queryset, decision):
        done, refused = 0, []
        for membership in queryset.filter(status=MembershipStatus.PENDING):
            try:
                decide_membership(membership=membership, decision=decision, actor=request.user)
            except (PermissionDenied, ValidationError) as error:
                refused.append(f"{membership}: {' '.join(getattr(error, 'messages', [str(error)]))}")
            else:
                done += 1
        self.message_user(request, f"{decision.title()}d {done} membership(s); each person was "
                                   "emailed.", messages.SUCCESS)
        skipped = queryset.exclude(status=MembershipStatus.PENDING).count()
        if skipped:
            self.message_user(request, f"Skipped {skipped} that were not waiting for a decision.",
                              messages.WARNING)
        for problem in refused:
            self.message_user(request, problem, messages.ERROR)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "hint", "user__email", "user__full_name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "key_hash", "hint", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        # A token is shown once when made; people make them on their profile or with a command.
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            revoke_api_token(token=token)
        self.message_user(request, "Revoked the selected tokens.", messages.SUCCESS)
