from django.contrib import admin
from django.urls import include, path

from .api import api

admin.site.site_header = "Learning Exchange administration"
admin.site.site_title = "Learning Exchange admin"

urlpatterns = [
    path("lessons/", include("exchange.lessons.urls")),
    path("visits/", include("exchange.visits.urls")),
    path("support/", include("exchange.support.urls")),
    path("", include("exchange.common.urls")),
    path("account/", include("exchange.people.urls")),
    path("practice/", include("exchange.practice.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
