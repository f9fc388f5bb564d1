from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "exchange.news"
    label = "news"
    verbose_name = "News"
