"""Page feedback, at /feedback/."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.answer, name="answer"),
    path("report/", views.report, name="report"),
    path("report/page/", views.report_page, name="report-page"),
]
