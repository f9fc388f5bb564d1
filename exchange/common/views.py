from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from exchange.practice.models import Practice

from .context_processors import PROGRAMMES

# Each programme's name and one sentence, for the home and about pages. Where each one lives
# comes from the navigation (PROGRAMMES), so a programme that stops being "coming" moves once.
PROGRAMME_SUMMARIES = {
    "practice": ("Practice bank", "Search practice from forces and partners, each labelled by "
                 "whether it worked, is promising, is new or innovative, or did not work."),
    "visits": ("Peer learning visits", "Themed visits to a host organisation, police or not, "
               "with a report of learning points and six weeks of follow-up."),
    "support": ("Peer support and peer matching", "Peer reviews, workshops, mentoring and "
                "introductions, and groups of four forces learning from each other."),
    "events": ("Events and improvement networks", "Knowledge sharing events with recordings, "
               "and networks of people in similar jobs."),
    "lessons": ("Learning the Lessons", "Anonymised case studies from investigations, with key "
                "learning and questions for reflection."),
}
COMING = {
    "visits": ("Peer learning visits", "Themed visits to a host organisation, with preparation, "
               "a report of learning points to the host and six weeks of follow-up."),
    "support": ("Peer support and peer matching", "Peer reviews, workshops, mentoring and "
                "introductions, and groups of four forces learning from each other's practice."),
    "events": ("Events and improvement networks", "Knowledge sharing events with invitations "
               "and recordings, and networks of people in similar jobs."),
    "lessons": ("Learning the Lessons", "Themed issues of anonymised case studies from "
                "investigations, with key learning and reflective questions."),
}


def programmes():
    return [{"title": PROGRAMME_SUMMARIES[key][0], "summary": PROGRAMME_SUMMARIES[key][1],
             "href": reverse(url_name)} for key, _, url_name in PROGRAMMES]


@require_GET
def home(request):
    latest = (Practice.objects.public_listing(request.user)
              .select_related("organisation").order_by("-published_at")[:3])
    return render(request, "common/home.html", {"latest": latest, "programmes": programmes()})


@require_GET
def coming(request, programme):
    title, description = COMING[programme]
    return render(request, "common/coming.html", {"title": title, "description": description})


@require_GET
def static_page(request, template):
    return render(request, f"common/{template}.html", {"programmes": programmes()})
