from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "exchange.visits"
    label = "visits"
    verbose_name = "Peer learning visits"
