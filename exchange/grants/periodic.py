"""Small grants' periodic jobs, run by the worker's scheduler (exchange.common.scheduling)."""

import datetime

from exchange.common.scheduling import PeriodicJob

from .domain.progress import send_report_reminders

JOBS = [
    # Each report's reminder is claimed on its own, so workers ticking together send it once.
    PeriodicJob(name="grants.report_reminders", every=datetime.timedelta(hours=1),
                run=send_report_reminders),
]
