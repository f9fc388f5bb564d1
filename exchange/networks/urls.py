"""Improvement networks, at /networks/. Each view module lists its own URLs."""

from .views import discussion, meetings, networks, proposals, resources

app_name = "networks"

# Fixed paths (propose/, manage/) come before a network's <slug:slug>/.
urlpatterns = [
    *proposals.urlpatterns,
    *meetings.urlpatterns,
    *discussion.urlpatterns,
    *resources.urlpatterns,
    *networks.urlpatterns,
]
