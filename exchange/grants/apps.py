from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "exchange.grants"
    label = "grants"
    verbose_name = "Small grants"
