"""Staff back office for visits. Saving a visit goes through the domain, so it is logged."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from . import domain
from .models import (
    Application,
    CheckIn,
    HostOffer,
    HostReport,
    LearningPoint,
    Material,
    PlaceOffer,
    ProgrammeMembership,
    ProgrammeYear,
    Visit,
    Visitor,
)


class ProgrammeMembershipInline(admin.TabularInline):
    model = ProgrammeMembership
    extra = 1
    autocomplete_fields = ["organisation"]
    readonly_fields = ["added_by", "added_at"]


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    inlines = [ProgrammeMembershipInline]


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["title", "host_organisation", "date", "status", "capacity", "programme_year"]
    list_filter = ["status", "programme_year"]
    search_fields = ["title", "theme", "host_organisation__name"]
    autocomplete_fields = ["host_organisation"]
    readonly_fields = ["status", "questions_sent_at", "short_report_published_at", "created_by"]
    actions = ["run_allocation"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in domain.programme.VISIT_FIELDS
                if name in form.cleaned_data}
        if change:
            domain.update_visit(actor=request.user, visit=obj, data=data)
        else:
            obj.pk = domain.create_visit(actor=request.user, data=data).pk

    @admin.action(description="Run the allocation of places")
    def run_allocation(self, request, queryset):
        for visit in queryset:
            try:
                domain.run_allocation(visit=visit, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{visit}: {error}", messages.ERROR)


class VisitorInline(admin.TabularInline):
    model = Visitor
    extra = 0
    fields = ["user", "role", "place", "questions"]
    readonly_fields = ["user", "place"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "visit", "status", "applied_at"]
    list_filter = ["status"]
    inlines = [VisitorInline]
    readonly_fields = ["visit", "organisation", "applied_by", "status"]


@admin.register(PlaceOffer)
class PlaceOfferAdmin(admin.ModelAdmin):
    list_display = ["visit", "entry", "places", "status", "expires_at"]
    list_filter = ["status"]
    readonly_fields = ["visit", "entry", "places", "status", "decided_at", "decided_by"]


@admin.register(HostOffer)
class HostOfferAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "theme", "contact_email", "created_at"]
    search_fields = ["organisation_name", "theme"]


admin.site.register([Material, LearningPoint, HostReport, CheckIn])
