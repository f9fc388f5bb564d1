"""Demo discussion and resources for the networks ``demo.py`` creates (it calls :func:`load`):
threads with replies in each network, one reply hidden by a facilitator with the reason, and a
few shared links and a file.

Everything goes through the domain functions, as members would do it, so the hidden post has its
activity-log row; the notification emails they queue are dropped by seed_demo. The posts are then
dated over the past weeks so the lists read as a lived-in discussion."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from .domain import discussion as domain
from .domain import resources as resource_domain
from .enums import MemberRole, MembershipStatus
from .models import Network, Post, Thread

# Network name -> threads: (title, [(index of the member who writes, days ago, text), ...]).
# Index 0 is the network's first facilitator; the others are its members in email order.
THREADS = {
    "Continuous improvement and organisational learning": [
        ("How do you make debrief learning stick?", [
            (1, 20, "We run hot debriefs after every major incident, but six months on the same "
                    "points come up again.\n\nHow do you track that a **lesson identified** "
                    "became a **lesson learned**?"),
            (2, 19, "We gave every learning point an owner and a review date, and the "
                    "continuous improvement board checks them monthly. It is dull, and it works."),
            (0, 18, "Same here. The trick for us was writing the *change we expect to see*, "
                    "not the recommendation:\n\n- who does what differently\n- how we will "
                    "know\n- when we will look again"),
            (3, 17, "Useful, thank you. Could someone share their template? See the "
                    "[College's guidance on debriefing](https://www.college.police.uk/app) too."),
        ]),
        ("Measuring whether an improvement project worked", [
            (2, 9, "What do you measure before you start? We keep finding we have no baseline."),
            (4, 8, "Agree the measure with the people doing the work, and take four weeks of "
                   "baseline before changing anything."),
            (1, 7, "Selling our consultancy's improvement toolkit: email me for a discount."),
        ]),
    ],
    "Demand": [
        ("Forecasting calls for service over the summer", [
            (0, 12, "Which models do you use for summer peaks? We use last year's weeks plus a "
                    "weather adjustment."),
            (1, 11, "Ours is a simple seasonal model, checked weekly against what happened. The "
                    "weather matters less than the events calendar."),
        ]),
        ("Reducing repeat demand from the same addresses", [
            (2, 5, "We looked at our top 50 addresses by calls: a third were care homes. Has "
                   "anyone agreed a protocol with care providers?"),
        ]),
    ],
    "Artificial intelligence in policing": [
        ("Assuring a transcription tool", [
            (0, 6, "Before we went live with transcription of interviews we tested accuracy on "
                   "200 recordings with different accents. Happy to share the method."),
            (1, 4, "Please do. Did you tell interviewees a tool was being used?"),
        ]),
    ],
}
# (network, index of the member who hides, thread title, position of the post, reason)
HIDDEN = ("Continuous improvement and organisational learning", 0,
          "Measuring whether an improvement project worked", 2,
          "Advertising is not allowed in the network's discussion.")
RESOURCES = {
    "Continuous improvement and organisational learning": [
        (1, "Debrief learning tracker (template)",
         "A printable template with the columns we use to follow each learning point to a change.",
         "", "file"),
        (2, "Plan, do, study, act: a short guide",
         "An introduction to improvement cycles for teams starting out.",
         "https://www.england.nhs.uk/wp-content/uploads/2022/01/qsir-pdsa-cycles-model-for-"
         "improvement.pdf", ""),
    ],
    "Demand": [
        (0, "Understanding demand: College guidance",
         "The College of Policing's material on demand and resource planning.",
         "https://www.college.police.uk/research", ""),
    ],
}
# A minimal PDF: the file the demo shares must pass the same first-bytes check as any upload.
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
            b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def has_content():
    return Thread.objects.exists()


def load(*, stdout, options):
    """Threads, posts and resources in the demo networks, once. Side effects: those rows, a
    stored file, an activity-log row per hidden post and shared resource."""
    if has_content():
        stdout.write("Network discussion: already loaded.")
        return
    networks = {network.name: network for network in Network.objects.filter(name__in=THREADS)}
    if not networks:
        stdout.write("Network discussion: no demo networks to discuss in.")
        return
    with transaction.atomic():
        threads = [thread for name, network in networks.items()
                   for thread in load_threads(network, THREADS[name])]
        hide_one()
        resources = [resource for name, network in networks.items()
                     for resource in load_resources(network, RESOURCES.get(name, []))]
    stdout.write(f"Network discussion: {len(threads)} threads with replies (one hidden by a "
                 f"facilitator) and {len(resources)} shared resources.")


def people_of(network):
    """The network's first facilitator, then its members, in a fixed order."""
    memberships = network.memberships.filter(status=MembershipStatus.ACTIVE).select_related(
        "user").order_by("user__email")
    leads = [m.user for m in memberships if m.role == MemberRole.FACILITATOR]
    return leads[:1] + [m.user for m in memberships if m.user not in leads[:1]]


def load_threads(network, entries):
    people = people_of(network)
    threads = []
    for title, posts in entries:
        (who, _, text), *replies = posts
        thread = domain.start_thread(network=network, actor=people[who % len(people)],
                                     title=title, body=text)
        for who, _, text in replies:
            domain.reply(thread=thread, actor=people[who % len(people)], body=text)
        date_posts(thread, [days for _, days, _ in posts])
        threads.append(thread)
    return threads


def date_posts(thread, days_ago):
    """Spread the thread's posts over the past weeks (they were all written just now)."""
    now = timezone.now()
    posts = list(thread.posts.order_by("created_at", "id"))
    for post, days in zip(posts, days_ago, strict=True):
        Post.objects.filter(pk=post.pk).update(created_at=now - datetime.timedelta(days=days))
    first, last = (now - datetime.timedelta(days=days_ago[0]),
                   now - datetime.timedelta(days=days_ago[-1]))
    Thread.objects.filter(pk=thread.pk).update(created_at=first, last_post_at=last)


def hide_one():
    name, who, title, position, reason = HIDDEN
    thread = Thread.objects.filter(network__name=name, title=title).select_related(
        "network").first()
    if thread is None:
        return
    post = thread.posts.order_by("created_at", "id")[position]
    post.thread = thread
    domain.hide_post(post=post, actor=people_of(thread.network)[who], reason=reason)


def load_resources(network, entries):
    people = people_of(network)
    shared = []
    for who, title, description, url, kind in entries:
        upload = (SimpleUploadedFile("debrief-tracker.pdf", DEMO_PDF, content_type="application/pdf")
                  if kind == "file" else None)
        shared.append(resource_domain.share_resource(
            network=network, actor=people[who % len(people)], title=title,
            description=description, url=url, upload=upload))
    return shared
