from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "exchange.practice"
    label = "practice"
    verbose_name = "Practice"

    def ready(self):
        from . import search_index  # noqa: F401 - registers the index for trigger upkeep
