"""(Being built: every URL of this area answers 501 until its views land.)"""

from django.urls import path

from ._pending import pending

urlpatterns = [
    path("requests/<int:pk>/team/", pending, name="team"),
    path("invitations/", pending, name="invitations"),
    path("invitations/<int:pk>/", pending, name="invitation"),
    path("requests/<int:pk>/pairings/", pending, name="pairings"),
    path("pairings/<int:pk>/", pending, name="pairing"),
]
