"""`manage.py run_worker`: the one background process. It runs django-tasks-db's worker (the
queued tasks: email) and, in a thread beside it, the scheduler (the apps' periodic jobs:
deadlines, email retries, stale claims).

With a backend that runs tasks at once (`EXCHANGE_TASKS_IMMEDIATE=true`) there is no queue to
work through, so only the scheduler runs.
"""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.tasks import task_backends
from django_tasks_db import DatabaseBackend

from exchange.common import scheduling


class Command(BaseCommand):
    help = "Run the task worker and the scheduler of periodic jobs together (production's worker)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=60,
                            help="Seconds between scheduler ticks (default 60).")
        parser.add_argument("--interval", type=float, default=1,
                            help="Seconds the task worker waits when the queue is empty (default 1).")
        parser.add_argument("--batch", action="store_true",
                            help="Tick once, run every queued task, then stop.")

    def handle(self, *args, every, interval, batch, **options):
        has_queue = isinstance(task_backends["default"], DatabaseBackend)
        if batch:
            scheduling.tick()
            if has_queue:
                call_command("db_worker", batch=True, reload=False, startup_delay=False,
                             verbosity=options["verbosity"], stdout=self.stdout)
            return
        if not has_queue:
            self.stdout.write("Tasks run at once (no queue): running the scheduler only.")
            scheduling.run_forever(seconds=every, stop=threading.Event())
            return
        stop = threading.Event()
        # A daemon: when the worker stops (a signal, Ctrl+C), the scheduler stops with it. A job
        # cut short comes round again after its interval, and every job is safe to repeat.
        scheduler = threading.Thread(target=scheduling.run_forever, name="scheduler", daemon=True,
                                     kwargs={"seconds": every, "stop": stop})
        scheduler.start()
        try:
            call_command("db_worker", reload=False, interval=interval,
                         verbosity=options["verbosity"], stdout=self.stdout)
        finally:
            stop.set()
