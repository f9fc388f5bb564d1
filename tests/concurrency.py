"""Running functions at the same moment in threads, each on its own database connection, to
test the row locks that count places (DESIGN.md, "Capacity is counted under a lock").

Only PostgreSQL runs such races: SQLite serialises every writer, so modules that use
:func:`run_together` mark themselves with :data:`POSTGRESQL_ONLY` and ``transaction=True``.
"""

import threading

import pytest
from django.db import close_old_connections, connection

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every writer, so a race cannot happen there; "
           "run with DATABASE_URL=postgres://… to test the row locks")


def run_together(functions):
    """Call each of ``functions`` in its own thread, all released at once by a barrier; return
    what each returned, or the name of the exception it raised, in the order they finished."""
    barrier = threading.Barrier(len(functions))
    outcomes = []

    def worker(function):
        barrier.wait()
        try:
            outcomes.append(function())
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
