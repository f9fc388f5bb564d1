from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "exchange.support"
    label = "support"
    verbose_name = "Peer support and peer matching"
