"""The visits programme's periodic jobs, run by the worker's scheduler (exchange.common.scheduling)."""

import datetime

from exchange.common.scheduling import PeriodicJob

from .domain import process_deadlines

JOBS = [
    # Offers expire 48 hours after they are made and reminders are due at 09:00: five minutes
    # late is soon enough for both.
    PeriodicJob(name="visits.deadlines", every=datetime.timedelta(minutes=5),
                run=process_deadlines),
]
