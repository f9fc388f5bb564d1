"""Subscribing to invitations for future events (double opt-in)."""

urlpatterns = []
