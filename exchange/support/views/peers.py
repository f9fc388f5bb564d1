"""(Being built: every URL of this area answers 501 until its views land.)"""

from django.urls import path

from ._pending import pending

urlpatterns = [
    path("peers/apply/", pending, name="peer-apply"),
    path("peers/you/", pending, name="peer-profile"),
    path("peers/you/edit/", pending, name="peer-edit"),
    path("peers/you/availability/", pending, name="peer-availability"),
    path("peers/you/leave/", pending, name="peer-leave"),
    path("peers/you/record/", pending, name="peer-record"),
    path("peers/you/record.<slug:fmt>", pending, name="peer-record-download"),
    path("peers/", pending, name="pool"),
    path("peers/applications/", pending, name="peer-applications"),
    path("peers/appoint/", pending, name="peer-appoint"),
    path("peers/<int:pk>/", pending, name="peer-detail"),
    path("peers/<int:pk>/decide/", pending, name="peer-decide"),
]
