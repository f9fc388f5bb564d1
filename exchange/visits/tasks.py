from django.tasks import task

from .domain import process_deadlines


@task()
def process_visit_deadlines():
    """Expire due place offers and send due check-in reminders (safe to run on many workers)."""
    return process_deadlines()
