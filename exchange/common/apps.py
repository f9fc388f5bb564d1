from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class CommonConfig(AppConfig):
    name = "exchange.common"
    label = "common"
    verbose_name = "Common"

    def ready(self):
        from .search_index import create_registered_triggers, drop_registered_triggers

        # After every migrate, not only in the migration that made them: SQLite drops a table's
        # triggers whenever a later migration rebuilds that table, and cannot rebuild a table
        # that another table's trigger names, so on SQLite they are dropped before it too.
        pre_migrate.connect(drop_registered_triggers, sender=self,
                            dispatch_uid="exchange_search_triggers_off")
        post_migrate.connect(create_registered_triggers, sender=self,
                             dispatch_uid="exchange_search_triggers")
