"""Registering, cancelling, the waiting list and offers; a person's events."""

urlpatterns = []
