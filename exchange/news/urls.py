"""news, at /news/."""

from django.urls import path

from . import views

app_name = "news"

urlpatterns = [path("", views.list_view, name="list")]
