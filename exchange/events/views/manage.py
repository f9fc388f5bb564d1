"""Organisers' pages: creating and editing events, registrations, attendance, materials."""

urlpatterns = []
