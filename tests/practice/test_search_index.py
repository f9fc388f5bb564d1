import pytest
from django.db import connection

from exchange.common.search import search
from exchange.practice.models import Practice
from exchange.practice.search_index import PRACTICE_INDEX
from tests.factories import PracticeFactory


@pytest.mark.django_db
def test_rebuilding_the_index_restores_search_after_it_was_emptied():
    practice = PracticeFactory(title="Hate crime reporting centres")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practice_search")
    assert list(search(Practice.objects.all(), "hate")) == []
    PRACTICE_INDEX.rebuild(connection)
    assert list(search(Practice.objects.all(), "hate")) == [practice]


@pytest.mark.django_db
def test_creating_the_triggers_twice_indexes_each_entry_once():
    PRACTICE_INDEX.create_triggers(connection)
    PRACTICE_INDEX.create_triggers(connection)
    PracticeFactory(title="Rural crime watch")
    assert search(Practice.objects.all(), "rural").count() == 1


@pytest.mark.django_db
def test_every_index_has_its_triggers_after_migrate():
    from exchange.common.search_index import REGISTERED

    assert {index.table for index in REGISTERED} == {"practice_search", "lessons_case_search"}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {row[0] for row in cursor.fetchall()}
        for index in REGISTERED:
            assert {f"{index.table}_{e}" for e in ("insert", "update", "delete")} <= names
            assert {watch.name(index) for watch in index.watches()} <= names
        assert "practice_search_common_topic_update" in names
