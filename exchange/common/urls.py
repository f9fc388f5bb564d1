from django.urls import path

from . import views

app_name = "common"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.static_page, {"template": "about"}, name="about"),
    path("accessibility/", views.static_page, {"template": "accessibility"}, name="accessibility"),
    path("privacy/", views.static_page, {"template": "privacy"}, name="privacy"),
    path("support/", views.coming, {"programme": "support"}, name="coming-support"),
    path("events/", views.coming, {"programme": "events"}, name="coming-events"),
]
