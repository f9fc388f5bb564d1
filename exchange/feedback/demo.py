"""Demo answers to "Was this page useful?" for `manage.py seed_demo`: twelve weeks of answers on
a few public pages, so the staff report has a trend, reasons and "Other" texts to show. The texts
are scrubbed as the answer view scrubs them."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from .domain import scrub
from .enums import Reason
from .models import REASON_FIELDS, PageFeedback

# (page, how likely "Yes" is)
PAGES = [("/", 0.8), ("/practice/", 0.7), ("/support/", 0.6), ("/about/", 0.85),
         ("/lessons/", 0.65), ("/account/sign-in/", 0.5)]
OTHER_TEXTS = [
    "I wanted the date of the next visit and could not see it.",
    "Too many filters; I only wanted to search by force.",
    "Ask PC 2231 Hughes, she could not sign in either (ring 01632 960451).",
    "The summary did not say whether the scheme is still running.",
]


def has_content():
    return PageFeedback.objects.exists()


def load(*, stdout, options):
    """Add about a hundred answers spread over the last twelve weeks, once."""
    if has_content():
        stdout.write("Page feedback: already loaded.")
        return
    chance = random.Random(11)  # the same demo every time
    now = timezone.now()
    rows = []
    for day in range(84):
        for _ in range(chance.randint(0, 2)):
            page, likely = chance.choice(PAGES)
            rows.append(_answer(chance, page, likely,
                                now - datetime.timedelta(days=day, hours=chance.randint(0, 9))))
    with transaction.atomic():
        created = PageFeedback.objects.bulk_create(rows)
        for row, answer in zip(created, rows, strict=True):
            PageFeedback.objects.filter(pk=row.pk).update(created_at=answer.when)
    stdout.write(f"Page feedback: {len(rows)} answers.")


def _answer(chance, page, likely, when):
    useful = chance.random() < likely
    reasons = set() if useful else set(chance.sample(list(Reason), chance.randint(1, 2)))
    text = scrub(chance.choice(OTHER_TEXTS)) if Reason.OTHER in reasons else ""
    answer = PageFeedback(path=page, useful=useful, other_text=text,
                          **{field: reason in reasons for reason, field in REASON_FIELDS.items()})
    answer.when = when
    return answer
