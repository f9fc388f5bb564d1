from django.urls import path

from . import views
from .programmes import coming_programmes

app_name = "common"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.static_page, {"template": "about"}, name="about"),
    path("accessibility/", views.static_page, {"template": "accessibility"}, name="accessibility"),
    path("privacy/", views.static_page, {"template": "privacy"}, name="privacy"),
    # A "coming soon" page for each programme announced in exchange/coming_programmes.py and
    # not yet built; an app that declares the programme's key takes its place.
    *[path(f"{announced.key}/", views.coming, {"key": announced.key},
           name=f"coming-{announced.key}") for announced in coming_programmes()],
]
