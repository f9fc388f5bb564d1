"""Keeping the query planner's statistics current after a bulk change.

A database plans a query from statistics about its tables. PostgreSQL's autovacuum gathers
them in time; SQLite gathers none until ``ANALYZE`` runs. Without them, SQLite plans the
practice search's counts and facets by walking the listing index and running the full-text
match once per row: seconds instead of milliseconds after a fresh import of 10,000 entries
(docs/performance.md). So every import command and the demo seed call
:func:`refresh_planner_statistics` when they have written their rows.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

# Rows SQLite reads per index when analysing: what SQLite recommends for PRAGMA optimize, so a
# refresh takes about the same time whatever the size of the bank.
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_planner_statistics(*, using=DEFAULT_DB_ALIAS):
    """Gather the planner's statistics for every table now, rather than whenever the database
    gets round to it.

    Side effects: SQLite: ``ANALYZE`` with ``analysis_limit`` (rows in ``sqlite_stat1``), then
    ``PRAGMA optimize`` as SQLite advises after a change to many rows, at once (both are part of
    the transaction). PostgreSQL: ``ANALYZE`` of the database (it samples, so the cost is
    bounded), once the current transaction commits: PostgreSQL writes a table's row count in
    place, past any rollback, so analysing rows that may yet be rolled back would leave every
    other session planning for them.
    """
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA optimize")
    else:
        transaction.on_commit(lambda: _analyze(connection), using=using)


def _analyze(connection):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
