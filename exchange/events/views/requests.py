"""Asking for a knowledge sharing event, and organisers' triage."""

urlpatterns = []
