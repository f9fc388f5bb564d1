from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "exchange.networks"
    label = "networks"
    verbose_name = "Improvement networks"
