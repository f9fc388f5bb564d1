"""Scaffolding while the areas are built side by side: every planned URL resolves from the start,
so one area's links to another's work. Removed when the last area lands."""

from django.http import HttpResponse


def pending(request, *args, **kwargs):
    return HttpResponse("Being built.", status=501)
