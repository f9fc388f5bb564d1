import datetime

from django.utils import timezone

from exchange.feedback.models import REASON_FIELDS, PageFeedback


def answer(path="/about/", *, useful=True, reasons=(), text="", days_ago=0, at=None):
    """A stored answer, given ``days_ago`` (or ``at``), as the domain would have stored it."""
    row = PageFeedback.objects.create(
        path=path, useful=useful, other_text=text,
        **{field: reason in reasons for reason, field in REASON_FIELDS.items()})
    when = at or timezone.now() - datetime.timedelta(days=days_ago)
    PageFeedback.objects.filter(pk=row.pk).update(created_at=when)
    row.created_at = when
    return row
