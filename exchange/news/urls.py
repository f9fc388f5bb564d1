"""news, at /news/."""

from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.news_list, name="list"),
    path("feed.atom", views.LatestNewsFeed(), name="feed"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.post_form, name="create"),
    path("manage/<int:pk>/", views.preview, name="preview"),
    path("manage/<int:pk>/edit/", views.post_form, name="edit"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("<slug:slug>/", views.news_detail, name="detail"),
]
