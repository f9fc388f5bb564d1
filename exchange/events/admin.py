"""Staff back office for events: read and search. Changes go through the organisers' pages,
whose domain functions log them and tell the people concerned."""

from django.contrib import admin

from .models import Event, EventRequest, InvitationSubscriber, PlaceOffer, Registration, WaitingPlace


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ["title", "kind", "starts_at", "status", "capacity"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "summary"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnly):
    list_display = ["event", "user", "status", "registered_at", "attended"]
    list_filter = ["status"]
    search_fields = ["event__title", "user__email"]


@admin.register(WaitingPlace)
class WaitingPlaceAdmin(ReadOnly):
    list_display = ["event", "position", "registration", "status"]


@admin.register(PlaceOffer)
class PlaceOfferAdmin(ReadOnly):
    list_display = ["event", "entry", "status", "expires_at"]
    list_filter = ["status"]


@admin.register(EventRequest)
class EventRequestAdmin(ReadOnly):
    list_display = ["topic", "requested_by", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["why", "audience"]


@admin.register(InvitationSubscriber)
class InvitationSubscriberAdmin(ReadOnly):
    list_display = ["email", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
