"""(Being built: every URL of this area answers 501 until its views land.)"""

from django.urls import path

from ._pending import pending

urlpatterns = [
    path("requests/", pending, name="requests"),
    path("requests/new/", pending, name="request-new"),
    path("requests/<int:pk>/", pending, name="request"),
    path("requests/<int:pk>/state/<slug:action>/", pending, name="request-state"),
    path("requests/<int:pk>/terms/", pending, name="terms"),
    path("requests/<int:pk>/terms/<int:number>/accept/", pending, name="terms-accept"),
    path("requests/<int:pk>/self-assessment/", pending, name="self-assessment"),
    path("matrix/", pending, name="matrix"),
    path("self-assessments/", pending, name="assessments"),
    path("self-assessments/<int:pk>/", pending, name="assessment"),
]
