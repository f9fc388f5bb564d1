from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .programmes import counted_programmes, programme, teasers


def programme_summaries():
    """Each programme's title, summary and address, for the home and about pages (not news,
    which is no programme: see ``Programme.is_programme``)."""
    return [{"title": candidate.title, "summary": candidate.summary,
             "href": reverse(candidate.url_name)} for candidate in counted_programmes()]


@require_GET
def home(request):
    # Each programme's teaser brings its own template and context, in the order the home page
    # asks for (Teaser.order): news, events and visits, practice, Learning the Lessons.
    blocks = [{"template": teaser.template, "context": teaser.context(request)}
              for teaser in teasers()]
    return render(request, "common/home.html",
                  {"programmes": programme_summaries(), "teasers": blocks})


@require_GET
def coming(request, key):
    try:
        announced = programme(key)
    except LookupError:
        raise Http404 from None
    return render(request, "common/coming.html",
                  {"title": announced.title, "description": announced.coming_soon})


@require_GET
def static_page(request, template):
    return render(request, f"common/{template}.html", {"programmes": programme_summaries()})
