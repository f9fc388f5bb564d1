from django.core.management.base import BaseCommand

from exchange.mail.domain import send_queued


class Command(BaseCommand):
    help = ("Send every queued email that is due (new, or past its retry time); the worker's "
            "scheduler does this every minute.")

    def handle(self, *args, **options):
        sent = send_queued()
        self.stdout.write(f"Sent {sent} queued email(s).")
