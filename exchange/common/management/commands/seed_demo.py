"""`manage.py seed_demo`: topics, staff groups, demo accounts, then each app's demo content.

The organisations come from the people app's data migration, so they exist after `migrate`.
Each installed app may have a ``demo`` module with ``load(*, stdout, options)``; it is found
through the app registry so this foundation app never imports a programme app.
"""

import json
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone

from exchange.common.models import Topic
from exchange.common.planner_statistics import refresh_planner_statistics
from exchange.mail.models import OutboxMessage
from exchange.people.enums import MembershipRole, MembershipStatus, StaffRole
from exchange.people.models import Membership, Organisation, User

# Documented in README.md. Demo databases only: never run seed_demo against production data.
DEMO_PASSWORD = "exchange-demo-2026"  # noqa: S105
TOPICS_FILE = Path(__file__).resolve().parents[2] / "data" / "topics.json"
DEMO_FORCES = {
    "kent": "kent-police",
    "essex": "essex-police",
    "merseyside": "merseyside-police",
    "lancashire": "lancashire-constabulary",
}
STAFF_ACCOUNTS = [
    # email, full name, superuser, groups
    ("admin@example.org", "Ada Administrator", True, [StaffRole.ADMINISTRATOR]),
    ("staff@example.org", "Sasha Staff", False,
     [StaffRole.REVIEWER, StaffRole.EDITOR, StaffRole.ORGANISER]),
]
# A peer in peer support's pool (exchange/support/demo.py gives the account its Peer row).
PEER_ACCOUNT = ("peer@example.org", "Priya Peer", "west-yorkshire-police")
# The emails that seeding queues are deleted before they could be sent (seeding is not news),
# so their send tasks go nowhere rather than leave a worker a queue for messages that are gone.
DISCARDED_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


class Command(BaseCommand):
    help = "Load demo topics, accounts and content. Every account gets the password printed at the end."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already has people or practice.")
        parser.add_argument("--practices", type=int, default=None,
                            help="How many practice entries to create (default 200).")

    def handle(self, *args, **options):
        if options["if_empty"] and database_has_content():
            self.stdout.write("The database has content already; demo data not loaded.")
            return
        with transaction.atomic():
            topics = load_topics()
            load_groups()
            accounts = load_accounts()
        self.stdout.write(f"Topics: {topics} loaded.")
        last_message = OutboxMessage.objects.aggregate(last=Max("pk"))["last"] or 0
        with override_settings(TASKS=DISCARDED_TASKS):
            for app_config in apps.get_app_configs():
                module = demo_module(app_config)
                if module is not None:
                    module.load(stdout=self.stdout, options=options)
        # Seeding is not news: the emails the domain functions queued on the way are dropped,
        # so the demo outbox starts clean and nobody is told about invented decisions.
        OutboxMessage.objects.filter(pk__gt=last_message).delete()
        refresh_planner_statistics()
        self.print_accounts(accounts)

    def print_accounts(self, accounts):
        self.stdout.write("")
        self.stdout.write("Demo accounts (all with the same password):")
        for email, description in accounts:
            self.stdout.write(f"  {email:34} {description}")
        self.stdout.write(f"Password: {DEMO_PASSWORD}")


def database_has_content():
    if User.objects.exists():
        return True
    return any(module is not None and getattr(module, "has_content", lambda: False)()
               for module in map(demo_module, apps.get_app_configs()))


def demo_module(app_config):
    """The app's ``demo`` module, or None. Only the project's own apps are asked."""
    if not app_config.name.startswith("exchange."):
        return None
    name = f"{app_config.name}.demo"
    return import_module(name) if find_spec(name) is not None else None


def load_topics(path=TOPICS_FILE):
    """Create or update every topic in ``path`` by slug; return how many there are."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for entry in entries:
        Topic.objects.update_or_create(slug=entry["slug"], defaults={
            "name": entry["name"], "aliases": entry.get("aliases", []),
            "description": entry.get("description", ""),
        })
    return len(entries)


def load_groups():
    for role in StaffRole.values:
        Group.objects.get_or_create(name=role)


def load_accounts():
    """The demo accounts, created once and left as they are after; ``[(email, description)]``."""
    accounts = []
    for email, name, superuser, roles in STAFF_ACCOUNTS:
        user = demo_user(email, name, is_staff=True, is_superuser=superuser)
        user.groups.add(*Group.objects.filter(name__in=roles))
        accounts.append((email, ", ".join(roles) + (" (superuser)" if superuser else "")))
    for key, slug in DEMO_FORCES.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"Organisation {slug!r} is missing: run `manage.py migrate` first.")
        for role in (MembershipRole.LEAD, MembershipRole.MEMBER):
            email = f"{role}.{key}@example.org"
            user = demo_user(email, f"{key.title()} {role.label.split()[-1].title()}")
            Membership.objects.get_or_create(user=user, organisation=organisation, defaults={
                "role": role, "status": MembershipStatus.ACTIVE, "decided_at": timezone.now()})
            accounts.append((email, f"{role.label}, {organisation.name}"))
    email, name, slug = PEER_ACCOUNT
    organisation = Organisation.objects.get(slug=slug)
    Membership.objects.get_or_create(user=demo_user(email, name), organisation=organisation,
                                     defaults={"role": MembershipRole.MEMBER,
                                               "status": MembershipStatus.ACTIVE,
                                               "decided_at": timezone.now()})
    accounts.append((email, f"Peer (peer support), inspector, {organisation.name}"))
    return accounts


def demo_user(email, full_name, *, is_staff=False, is_superuser=False):
    user, created = User.objects.get_or_create(email=email, defaults={
        "full_name": full_name, "is_staff": is_staff, "is_superuser": is_superuser,
        "email_verified_at": timezone.now(),
    })
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
