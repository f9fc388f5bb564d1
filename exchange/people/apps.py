from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "exchange.people"
    label = "people"
    verbose_name = "People"
