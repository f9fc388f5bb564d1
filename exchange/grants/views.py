"""Scaffold: replaced by the app's own views."""

from django.shortcuts import render


def list_view(request):
    return render(request, "grants/list.html")
