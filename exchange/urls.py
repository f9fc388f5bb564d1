from django.contrib import admin
from django.urls import include, path

from .api import api

admin.site.site_header = "Learning Exchange administration"
admin.site.site_title = "Learning Exchange admin"

urlpatterns = [
    path("lessons/", include("exchange.lessons.urls")),
    path("visits/", include("exchange.visits.urls")),
    path("support/", include("exchange.support.urls")),
    path("events/", include("exchange.events.urls")),
    path("networks/", include("exchange.networks.urls")),
    path("news/", include("exchange.news.urls")),
    path("grants/", include("exchange.grants.urls")),
    path("feedback/", include("exchange.feedback.urls")),
    path("", include("exchange.common.urls")),
    path("account/", include("exchange.people.urls")),
    path("practice/", include("exchange.practice.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
