"""(Being built: every URL of this area answers 501 until its views land.)"""

from django.urls import path

from ._pending import pending

urlpatterns = [
    path("matching/", pending, name="matching"),
    path("matching/join/", pending, name="matching-join"),
    path("matching/new/", pending, name="group-new"),
    path("matching/<int:pk>/", pending, name="group"),
    path("matching/<int:pk>/state/<slug:action>/", pending, name="group-state"),
    path("matching/<int:pk>/guide/", pending, name="guide"),
    path("matching/<int:pk>/submission/", pending, name="submission"),
    path("matching/<int:pk>/submissions/", pending, name="submissions"),
    path("matching/<int:pk>/host-days/", pending, name="host-days"),
    path("host-days/<int:pk>.ics", pending, name="host-day-ics"),
    path("matching/<int:pk>/reports/", pending, name="group-reports"),
    path("matching/<int:pk>/reports/<slug:which>.<slug:fmt>", pending, name="group-report-download"),
]
