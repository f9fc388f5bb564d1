"""After an import (or the demo seed) the query planner has statistics for the practice tables,
so the first searches after a fresh import do not take seconds."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

DATA = Path(__file__).parent / "data"
PRACTICE_TABLES = {"practice_practice", "practice_practice_topics", "practice_practicefocus"}


def analysed_tables():
    """The tables the planner has statistics for."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # reltuples is -1 until a table is first analysed (or vacuumed).
            cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= 0")
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def no_statistics(db):
    """Forget the practice tables' statistics. ANALYZE on PostgreSQL writes them in place, past
    the test's rollback, so an earlier test's import would otherwise leave them behind."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE relname = ANY(%s)",
                           [sorted(PRACTICE_TABLES)])
        elif "sqlite_stat1" in connection.introspection.table_names(cursor):
            cursor.execute("DELETE FROM sqlite_stat1")
    assert not PRACTICE_TABLES & analysed_tables()


def test_the_import_command_leaves_statistics_for_the_practice_tables(
        no_statistics, django_capture_on_commit_callbacks):
    # On PostgreSQL the ANALYZE waits for the import's transaction to commit.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_practices", str(DATA / "practices.json"), "--publish",
                     stdout=io.StringIO(), stderr=io.StringIO())
    assert analysed_tables() >= PRACTICE_TABLES


def test_the_demo_seed_leaves_statistics_for_the_practice_tables(
        no_statistics, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--practices", "5", stdout=io.StringIO())
    assert analysed_tables() >= PRACTICE_TABLES


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's statistics roll back")
def test_on_postgresql_a_rolled_back_import_leaves_no_statistics_behind(no_statistics):
    # The test's own transaction is never committed, like an import that fails at the end.
    call_command("import_practices", str(DATA / "practices.json"), "--publish",
                 stdout=io.StringIO(), stderr=io.StringIO())
    assert not PRACTICE_TABLES & analysed_tables()
