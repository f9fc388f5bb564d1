"""The scheduler: runs each app's periodic jobs when they are due, once however many workers tick.

An app declares its jobs in its own ``periodic.py`` as ``JOBS = [PeriodicJob(...)]``; they are
found through the app registry (as ``seed_demo`` finds ``demo`` modules), so this foundation
module never imports a programme app. Each job's next run is a :class:`ScheduledJob` row: a
tick claims a due row by moving its ``due_at`` on with a conditional UPDATE, then runs the job.
A worker that dies mid-run loses that run only; the job comes round again after its interval.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import close_old_connections
from django.utils import timezone

from .models import ScheduledJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """``run(now=…)`` every ``every``; ``name`` is unique, by convention ``<app>.<job>``."""

    name: str
    every: timedelta
    run: Callable


def periodic_jobs():
    """Every job declared in a ``periodic`` module of the project's apps, in app order."""
    jobs = []
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("exchange."):
            continue
        name = f"{app_config.name}.periodic"
        if find_spec(name) is not None:
            jobs.extend(import_module(name).JOBS)
    return jobs


def claim(job, *, now):
    """True if this caller won the job's run due at ``now`` (and moved its next run on)."""
    ScheduledJob.objects.get_or_create(name=job.name, defaults={"due_at": now})
    return bool(ScheduledJob.objects.filter(name=job.name, due_at__lte=now).update(
        due_at=now + job.every, last_started_at=now))


def tick(*, now=None, jobs=None):
    """Run every due job once. Returns ``{name: outcome}`` for the jobs run; a job that raised
    has ``"failed: <error>"`` and does not stop the others. Side effects: the jobs' own, and
    their :class:`ScheduledJob` rows."""
    now = now or timezone.now()
    done = {}
    for job in periodic_jobs() if jobs is None else jobs:
        if claim(job, now=now):
            done[job.name] = _run(job, now=now)
    return done


def _run(job, *, now):
    try:
        outcome, error = job.run(now=now), ""
    except Exception as exception:
        logger.exception("Periodic job %s failed", job.name)
        outcome, error = f"failed: {exception}", repr(exception)
    ScheduledJob.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_outcome=str(outcome)[:2000], last_error=error[:2000])
    return outcome


def run_forever(*, seconds, stop):
    """Tick every ``seconds`` until the ``stop`` event is set (the worker's scheduler loop)."""
    while not stop.is_set():
        try:
            tick()
        except Exception:
            # A database that is away or locked for a moment must not end the loop.
            logger.exception("The scheduler's tick failed; trying again in %s s", seconds)
        finally:
            close_old_connections()
        stop.wait(seconds)
