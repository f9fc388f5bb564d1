"""Demo news for `manage.py seed_demo`: five published posts, newest first the launch of the small
grants scheme, and one draft still being written. Written with the domain functions, so each has
its activity-log rows, then dated as if published over the past weeks."""

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.common.models import Topic
from exchange.people.models import User

from . import domain
from .models import NewsPost

# (days ago, or None for a draft; title; topic slugs; summary; body)
POSTS = [
    (1, "Small grants scheme opens for applications", ["evidence-based-policing", "managing-change"],
     "Member organisations can now apply for a small grant to try out and evaluate an "
     "improvement, with up to £15,000 a project.",
     "The Learning Exchange's **small grants scheme** is open.\n\n"
     "Leads of member organisations in this programme year can apply for between £2,000 and "
     "£15,000 to try an improvement and find out whether it works.\n\n"
     "## What we fund\n\n"
     "* a clear problem and an idea of what to change;\n"
     "* a plan to evaluate it, however small;\n"
     "* sharing what you find in the practice bank, whatever the result.\n\n"
     "A panel of staff scores each application against the published criteria, and every "
     "applicant gets feedback. Read the call and apply from the [small grants page](/grants/)."),
    (9, "Three improvement networks start meeting", ["managing-change", "demand-management"],
     "Networks on continuous improvement, demand and artificial intelligence in policing are "
     "open to join.",
     "Improvement networks bring together people working on the same problem across forces.\n\n"
     "Each network has facilitators, online meetings with notes and actions, a discussion "
     "space for members and a shelf of shared resources. Join one from the "
     "[networks page](/networks/), or propose a new one."),
    (18, "Learning the Lessons: new issue on missing people", ["missing-people", "vulnerability"],
     "The latest issue gathers case studies on risk assessment and early searches for missing "
     "people.",
     "The new issue of Learning the Lessons looks at how forces assess risk when someone is "
     "reported missing, with anonymised case studies and questions for reflection.\n\n"
     "Answer the questions to add your reflections to your learning record."),
    (30, "Peer learning visits for the new programme year", ["neighbourhood-policing"],
     "Hosts for this year's peer learning visits are confirmed; leads can apply for places.",
     "This year's visits cover neighbourhood policing, contact handling and youth diversion.\n\n"
     "Leads apply for places for their colleagues; each visit is followed by six weeks of "
     "check-ins and a short report."),
    (45, "Welcome to the Learning Exchange", [],
     "One place for police forces in England and Wales to learn from each other.",
     "The Learning Exchange joins the practice bank, peer learning visits, peer support, "
     "Learning the Lessons, events, networks and small grants in one service.\n\n"
     "Sign in with your work email address to take part."),
    (None, "Knowledge sharing events: what is coming this autumn", ["investigations"],
     "A draft: the autumn programme of knowledge sharing events and online seminars.",
     "Draft. To be finished once the autumn dates are confirmed."),
]


def has_content():
    return NewsPost.objects.exists()


def load(*, stdout, options):
    """Add the demo posts once. Side effects: posts, their topics, activity-log rows."""
    if has_content():
        stdout.write("News: already loaded.")
        return
    author = User.objects.filter(email="staff@example.org").first()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    now = timezone.now()
    with transaction.atomic():
        for days_ago, title, slugs, summary, body in reversed(POSTS):
            post = domain.create_post(actor=author, data={
                "title": title, "summary": summary, "body": body},
                topics=[topics[slug] for slug in slugs if slug in topics])
            if days_ago is not None:
                post = domain.publish(actor=author, post=post)
                published_at = now - datetime.timedelta(days=days_ago)
                NewsPost.objects.filter(pk=post.pk).update(published_at=published_at)
    drafts = sum(days_ago is None for days_ago, *_ in POSTS)
    stdout.write(f"News: {len(POSTS) - drafts} published posts (the newest the small grants "
                 f"launch) and {drafts} draft.")
