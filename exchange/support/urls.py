"""Peer support and peer matching, at /support/. Each view module lists its own URLs."""

from .views import engagement, landing, matching, peers, requests, team

app_name = "support"

urlpatterns = [
    *landing.urlpatterns,
    *peers.urlpatterns,
    *requests.urlpatterns,
    *team.urlpatterns,
    *engagement.urlpatterns,
    *matching.urlpatterns,
]
