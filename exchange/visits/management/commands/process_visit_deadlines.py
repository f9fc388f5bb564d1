from django.core.management.base import BaseCommand

from exchange.visits.domain import process_deadlines


class Command(BaseCommand):
    help = ("Expire place offers past their deadline (offering the places on) and send check-in "
            "reminders that are due. Run it every few minutes; two runs at once never act twice.")

    def handle(self, *args, **options):
        done = process_deadlines()
        self.stdout.write(f"Offers expired: {done['offers_expired']}. "
                          f"Check-in reminders sent: {done['reminders_sent']}.")
