"""The practice bank's periodic jobs, run by the worker's scheduler (exchange.common.scheduling)."""

from exchange.common.scheduling import PeriodicJob

from .domain import SUMMARY_PERIOD, send_review_summary

JOBS = [
    # The scheduler's claim moves the job's next run on by a day before it runs, so however
    # many workers tick, each reviewer who chose it gets one summary a day.
    PeriodicJob(name="practice.review_summary", every=SUMMARY_PERIOD, run=send_review_summary),
]
