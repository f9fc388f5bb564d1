"""Recording answers to "Was this page useful?", and what the staff report reads from them.

Nothing here knows who answered. The client's address is used for one thing, counting answers
against :data:`ANSWERS_PER_WINDOW`, and only as a keyed hash in the cache key; it is never
written to the database. django-ratelimit is not in the project's package index, so the limiter
is the few lines below: a fixed window counted with the cache's atomic ``incr`` (Redis in
production, shared by every app server; local memory otherwise). A fixed window lets a burst of
up to twice the limit straddle a boundary, which is enough to stop a script filling the report.
"""

import datetime
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.crypto import salted_hmac

from exchange.common.anonymisation import find_identifiers

from .enums import Reason
from .models import OTHER_TEXT_MAX_LENGTH, PATH_MAX_LENGTH, REASON_FIELDS, PageFeedback

ANSWERS_PER_WINDOW = 10
WINDOW_SECONDS = 10 * 60
REMOVED = "[removed]"
# Pages whose answers mean nothing: the feedback pages themselves, the admin, the API.
UNANSWERABLE_NAMESPACES = {"feedback", "admin", "api"}
TREND_WEEKS = 12


class TooManyAnswers(Exception):
    """The address has sent :data:`ANSWERS_PER_WINDOW` answers in this window already."""


# --- The page an answer is about ----------------------------------------------------------


def normalise_path(value):
    """The site path ``value`` names, without query string or fragment, decoded (``/news/é/``).

    ``ValidationError`` unless it is one of the Exchange's own pages that shows the question: not
    another site's address, not a path no page answers, not a feedback, admin or API page.
    """
    refused = ValidationError("We could not tell which page your answer was about.",
                              code="page")
    if not isinstance(value, str):
        raise refused
    parts = urlsplit(value.strip())
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        raise refused
    if len(path) > PATH_MAX_LENGTH or any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise refused
    try:
        match = resolve(path)
    except Resolver404:
        raise refused from None
    if set(match.namespaces) & UNANSWERABLE_NAMESPACES or path.startswith("/api/"):
        raise refused
    return path


# --- Scrubbing ------------------------------------------------------------------------------


def scrub(text):
    """``text`` with everything the anonymisation gate finds (email addresses, phone, collar
    and warrant numbers, names, and the rest of its detectors) replaced by ``[removed]``."""
    text = text or ""
    kept, last = [], 0
    for finding in find_identifiers(text):
        kept += [text[last:finding.start], REMOVED]
        last = finding.end
    kept.append(text[last:])
    return "".join(kept)


# --- The rate limit -------------------------------------------------------------------------


def _limit_key(address, now=None):
    # Keyed with the secret key: a bare hash of an IPv4 address is reversed by trying them all.
    digest = salted_hmac("exchange.feedback.answer-limit", address or "unknown",
                         algorithm="sha256").hexdigest()[:32]
    window = int((now if now is not None else time.time()) // WINDOW_SECONDS)
    return f"feedback:answers:{digest}:{window}"


def take_allowance(*, address, now=None):
    """Count one answer from ``address``; whether it is within the limit.

    Side effect: increments the address's count in the cache for the current window.
    """
    key = _limit_key(address, now)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: this is the window's first
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= ANSWERS_PER_WINDOW


def reset_allowance(*, address, now=None):
    """Forget ``address``'s count for the current window (a support request; tests)."""
    cache.delete(_limit_key(address, now))


# --- Recording --------------------------------------------------------------------------------


def record_answer(*, page, useful, reasons=(), other_text="", address):
    """Store one answer about ``page`` and return it.

    ``page`` is normalised (:func:`normalise_path`); a "Yes" keeps no reasons or text; "Other"
    text is scrubbed and cut to :data:`OTHER_TEXT_MAX_LENGTH`. Raises ``ValidationError`` for a
    page that is not ours (on ``page``), a "No" without a reason (on ``reasons``) or "Other" without its text
    (on ``other_text``), and :class:`TooManyAnswers` (storing nothing) when ``address``
    is over the limit. Side effect: counts the answer against ``address`` in the cache. Nothing
    about the person is stored.
    """
    try:
        path = normalise_path(page)
    except ValidationError as refused:
        raise ValidationError({"page": refused}) from None
    reasons = set() if useful else {Reason(reason) for reason in reasons}
    other_text = (other_text or "").strip() if Reason.OTHER in reasons else ""
    if not useful and not reasons:
        raise ValidationError({"reasons": "Select why the page was not useful"})
    if Reason.OTHER in reasons and not other_text:
        raise ValidationError({"other_text": "Enter what was wrong with the page"})
    if not take_allowance(address=address):
        raise TooManyAnswers
    fields = {field: reason in reasons for reason, field in REASON_FIELDS.items()}
    return PageFeedback.objects.create(path=path, useful=useful,
                                       other_text=scrub(other_text)[:OTHER_TEXT_MAX_LENGTH],
                                       **fields)


# --- The staff report -----------------------------------------------------------------------


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def answers(*, since=None, until=None, page_contains=""):
    """Answers given from ``since`` to ``until`` (dates in London, both included), about pages
    whose path holds ``page_contains``."""
    found = PageFeedback.objects.all()
    if since:
        found = found.filter(created_at__gte=_day_start(since))
    if until:
        found = found.filter(created_at__lt=_day_start(until + datetime.timedelta(days=1)))
    if page_contains:
        found = found.filter(path__icontains=page_contains)
    return found


def _counts():
    return {"answers": Count("id"), "useful_answers": Count("id", filter=Q(useful=True)),
            **{f"{reason.value}_count": Count("id", filter=Q(**{field: True}))
               for reason, field in REASON_FIELDS.items()}}


def by_page(found):
    """One row per page: ``path``, ``answers``, ``useful_answers`` and ``<reason>_count`` for
    each reason, most answered first. One query, however many pages."""
    return found.values("path").annotate(**_counts()).order_by("-answers", "path")


def totals(found):
    return found.aggregate(**_counts())


def percent(part, whole):
    """``part`` of ``whole`` as a whole percentage, or None when there is nothing to divide."""
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class Week:
    starts_on: datetime.date
    answers: int
    useful_answers: int

    @property
    def useful_percent(self):
        return percent(self.useful_answers, self.answers)

    @property
    def not_useful_answers(self):
        return self.answers - self.useful_answers


def weekly_trend(found, *, until=None, weeks=TREND_WEEKS):
    """The ``weeks`` weeks (Monday to Sunday, London) up to the one holding ``until`` (today if
    None), oldest first, each with its answers and useful answers; a week without any has 0.
    One query."""
    last_monday = (until or timezone.localdate())
    last_monday -= datetime.timedelta(days=last_monday.weekday())
    first_monday = last_monday - datetime.timedelta(weeks=weeks - 1)
    rows = (found.filter(created_at__gte=_day_start(first_monday),
                         created_at__lt=_day_start(last_monday + datetime.timedelta(weeks=1)))
            .annotate(week=TruncWeek("created_at")).values("week")
            .annotate(answers=Count("id"), useful_answers=Count("id", filter=Q(useful=True)))
            .order_by("week"))
    counted = {_as_date(row["week"]): row for row in rows}
    trend = []
    for n in range(weeks):
        monday = first_monday + datetime.timedelta(weeks=n)
        row = counted.get(monday, {})
        trend.append(Week(monday, row.get("answers", 0), row.get("useful_answers", 0)))
    return trend


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def other_texts(found, *, path):
    """The "Other" answers about ``path``, newest first (their text was scrubbed when saved)."""
    return found.filter(path=path, reason_other=True).order_by("-created_at", "-id")
