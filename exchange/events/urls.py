"""Knowledge sharing events, at /events/. Each view module lists its own URLs."""

from .views import invitations, listing, manage, registration, requests

app_name = "events"

# Fixed paths (manage/, request/, invitations/, mine/) come before the <slug:slug>/ of an event.
urlpatterns = [
    *manage.urlpatterns,
    *requests.urlpatterns,
    *invitations.urlpatterns,
    *registration.urlpatterns,
    *listing.urlpatterns,
]
