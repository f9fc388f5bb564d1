from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "exchange.lessons"
    label = "lessons"
    verbose_name = "Learning the Lessons"

    def ready(self):
        from . import search_index  # noqa: F401 - registers the index for trigger upkeep
