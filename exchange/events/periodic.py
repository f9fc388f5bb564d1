"""Events' periodic jobs, run by the worker's scheduler (exchange.common.scheduling)."""

import datetime

from exchange.common.scheduling import PeriodicJob

from .domain.places import periodic_expire, periodic_remind

JOBS = [
    # An offer's deadline is checked every five minutes, each offer claimed on its own.
    PeriodicJob(name="events.expire_offers", every=datetime.timedelta(minutes=5),
                run=periodic_expire),
    # Reminders go a day before; each registration's reminded_at is claimed with one
    # conditional UPDATE, so workers ticking together remind a person once.
    PeriodicJob(name="events.reminders", every=datetime.timedelta(minutes=15),
                run=periodic_remind),
]
