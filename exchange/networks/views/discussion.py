"""Threads and replies within a network."""

urlpatterns = []
