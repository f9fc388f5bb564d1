"""Scaffold: replaced by the area's own views."""

from django.shortcuts import render
from django.urls import path


def list_view(request):
    return render(request, "networks/list.html")


urlpatterns = [path("", list_view, name="list")]
