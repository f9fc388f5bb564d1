from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "exchange.feedback"
    label = "feedback"
    verbose_name = "Page feedback"
