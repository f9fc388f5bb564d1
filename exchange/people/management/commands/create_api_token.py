from django.core.management.base import BaseCommand, CommandError

from exchange.people.domain import create_api_token
from exchange.people.models import User


class Command(BaseCommand):
    help = "Create a personal API token for the person with EMAIL and print it (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="Created on the command line",
                            help="What the token is for, shown on the person's profile.")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Nobody has the email address {email!r}.")
        if not user.is_active:
            raise CommandError(f"The account {user.email} is deactivated.")
        _, raw = create_api_token(user=user, name=name)
        self.stdout.write(raw)
