"""Proposing a network, and organisers' decisions."""

urlpatterns = []
