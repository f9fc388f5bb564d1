"""grants, at /grants/."""

from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [path("", views.list_view, name="list")]
