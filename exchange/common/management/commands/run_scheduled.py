"""`manage.py run_scheduled [--once]`: run the apps' periodic jobs when they are due.

`run_worker` already does this; use this command when the scheduler should run on its own,
e.g. from cron with `--once` every minute.
"""

import threading

from django.core.management.base import BaseCommand

from exchange.common import scheduling


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (deadlines, email retries); --once for cron."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop.")
        parser.add_argument("--every", type=float, default=60,
                            help="Seconds between ticks when not --once (default 60).")

    def handle(self, *args, once, every, **options):
        if once:
            for name, outcome in scheduling.tick().items():
                self.stdout.write(f"{name}: {outcome}")
            return
        scheduling.run_forever(seconds=every, stop=threading.Event())
