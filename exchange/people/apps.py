from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "exchange.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from . import middleware  # noqa: F401  (connects the sign-in signal that stamps a session)
