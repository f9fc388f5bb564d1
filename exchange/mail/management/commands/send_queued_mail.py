from django.core.management.base import BaseCommand

from exchange.mail.domain import send_queued


class Command(BaseCommand):
    help = "Send every email still queued in the outbox (normally the task worker does this)."

    def handle(self, *args, **options):
        sent = send_queued()
        self.stdout.write(f"Sent {sent} queued email(s).")
