"""Peer support's periodic jobs, run by the worker's scheduler (exchange.common.scheduling)."""

import datetime

from exchange.common.scheduling import PeriodicJob

from .domain.report import send_due_review_reminders

JOBS = [
    # Progress review reminders are due at 09:00; a quarter of an hour late is soon enough, and
    # each reminder row is claimed on its own, so workers ticking together send it once.
    PeriodicJob(name="support.progress_review_reminders", every=datetime.timedelta(minutes=15),
                run=send_due_review_reminders),
]
