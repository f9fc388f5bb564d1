from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "exchange.mail"
    label = "mail"
    verbose_name = "Mail"
