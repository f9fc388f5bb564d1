"""The outbox's periodic job, run by the worker's scheduler (exchange.common.scheduling)."""

import datetime

from exchange.common.scheduling import PeriodicJob

from .domain import sweep_outbox

JOBS = [
    PeriodicJob(name="mail.outbox", every=datetime.timedelta(minutes=1), run=sweep_outbox),
]
