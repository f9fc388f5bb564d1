"""(Being built: every URL of this area answers 501 until its views land.)"""

from django.urls import path

from ._pending import pending

urlpatterns = [
    path("requests/<int:pk>/engagement/", pending, name="engagement"),
    path("requests/<int:pk>/documents/", pending, name="documents"),
    path("documents/<int:pk>/", pending, name="document"),
    path("documents/<int:pk>/remove/", pending, name="document-remove"),
    path("requests/<int:pk>/report/", pending, name="report"),
    path("requests/<int:pk>/report.<slug:fmt>", pending, name="report-download"),
    path("requests/<int:pk>/action-plan/", pending, name="action-plan"),
    path("requests/<int:pk>/progress-review/", pending, name="progress-review"),
    path("requests/<int:pk>/feedback/", pending, name="feedback"),
    path("requests/<int:pk>/summary/", pending, name="summary"),
    path("learning/", pending, name="learning"),
]
