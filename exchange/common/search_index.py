# ruff: noqa: S608 - every statement is built from constant table and column names, never input.
"""The tables and triggers behind a full-text index, for both databases.

An index is declared once as a :class:`FullTextIndex` (in its app's ``search_index.py``) and
created by that app's migration with :meth:`FullTextIndex.create`: an FTS5 table on SQLite, a
table with a GIN-indexed ``tsvector`` on PostgreSQL, each named after the index and joined to
its source rows by ``rowid``. Database triggers keep it in step with the source table, so
``bulk_create``, imports and raw SQL are indexed too. Titles weigh most, then summaries, then
the body columns.

SQLite rebuilds a table to alter it (a migration that adds a constraint copies the table), and
that silently drops the table's triggers; so the triggers of every registered index are created
again, idempotently, after each ``migrate`` (see ``CommonConfig.ready``).
"""

from dataclasses import dataclass

REGISTERED = []
TEXT_SEARCH_CONFIG = "english"


@dataclass(frozen=True)
class FullTextIndex:
    table: str  # the index table, and on both databases the name of its document column
    source: str  # the indexed table
    body_columns: tuple
    title_column: str = "title"
    summary_column: str = "summary"

    @property
    def indexed_columns(self):
        return [self.title_column, self.summary_column, *self.body_columns]

    # --- SQLite ---------------------------------------------------------------------------

    def _sqlite_insert(self):
        body = " || ' ' || ".join(f"coalesce(new.{c}, '')" for c in self.body_columns)
        return (f"INSERT INTO {self.table}(rowid, title, summary, body) VALUES "
                f"(new.id, new.{self.title_column}, new.{self.summary_column}, {body});")

    def _sqlite_tables(self):
        return [
            f"CREATE VIRTUAL TABLE {self.table} USING fts5("
            "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')",
            f"INSERT INTO {self.table}({self.table}, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
        ]

    def _sqlite_triggers(self):
        insert = self._sqlite_insert()
        return [
            f"CREATE TRIGGER IF NOT EXISTS {self.table}_insert AFTER INSERT ON {self.source} "
            f"BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {self.table}_update AFTER UPDATE OF "
            f"{', '.join(self.indexed_columns)} ON {self.source} BEGIN "
            f"DELETE FROM {self.table} WHERE rowid = old.id; {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {self.table}_delete AFTER DELETE ON {self.source} "
            f"BEGIN DELETE FROM {self.table} WHERE rowid = old.id; END",
        ]

    def _sqlite_drop(self):
        return [*(f"DROP TRIGGER IF EXISTS {self.table}_{event}"
                  for event in ("insert", "update", "delete")),
                f"DROP TABLE IF EXISTS {self.table}"]

    # --- PostgreSQL -----------------------------------------------------------------------

    def _postgres_tables(self):
        return [
            # No foreign key: a TRUNCATE of the source table (test flushes) must not be refused.
            f"CREATE TABLE {self.table} (rowid bigint PRIMARY KEY, {self.table} tsvector NOT NULL)",
            f"CREATE INDEX {self.table}_document_gin ON {self.table} USING gin ({self.table})",
        ]

    def _postgres_triggers(self):
        body = "concat_ws(' ', " + ", ".join(f"NEW.{c}" for c in self.body_columns) + ")"
        config = TEXT_SEARCH_CONFIG
        return [
            f"""
            CREATE OR REPLACE FUNCTION {self.table}_refresh() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                DELETE FROM {self.table} WHERE rowid = OLD.id;
                RETURN NULL;
              END IF;
              INSERT INTO {self.table} (rowid, {self.table}) VALUES (
                NEW.id,
                setweight(to_tsvector('{config}', coalesce(NEW.{self.title_column}, '')), 'A') ||
                setweight(to_tsvector('{config}', coalesce(NEW.{self.summary_column}, '')), 'B') ||
                setweight(to_tsvector('{config}', {body}), 'C')
              ) ON CONFLICT (rowid) DO UPDATE SET {self.table} = EXCLUDED.{self.table};
              RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """,
            f"DROP TRIGGER IF EXISTS {self.table}_write ON {self.source}",
            f"CREATE TRIGGER {self.table}_write AFTER INSERT OR UPDATE OF "
            f"{', '.join(self.indexed_columns)} ON {self.source} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.table}_refresh()",
            f"DROP TRIGGER IF EXISTS {self.table}_remove ON {self.source}",
            f"CREATE TRIGGER {self.table}_remove AFTER DELETE ON {self.source} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.table}_refresh()",
        ]

    def _postgres_drop(self):
        return [f"DROP TRIGGER IF EXISTS {self.table}_write ON {self.source}",
                f"DROP TRIGGER IF EXISTS {self.table}_remove ON {self.source}",
                f"DROP FUNCTION IF EXISTS {self.table}_refresh()",
                f"DROP TABLE IF EXISTS {self.table}"]

    # --- What migrations and commands call ------------------------------------------------

    def create(self, connection):
        """Create the index table and its triggers (a migration's forward step)."""
        postgres = connection.vendor == "postgresql"
        tables = self._postgres_tables() if postgres else self._sqlite_tables()
        _execute(connection, tables)
        self.create_triggers(connection)

    def drop(self, connection):
        """Remove the index and its triggers (a migration's reverse step)."""
        postgres = connection.vendor == "postgresql"
        _execute(connection, self._postgres_drop() if postgres else self._sqlite_drop())

    def create_triggers(self, connection):
        """Create the triggers if both tables exist. Safe to run any number of times."""
        tables = connection.introspection.table_names()
        if self.table not in tables or self.source not in tables:
            return
        postgres = connection.vendor == "postgresql"
        _execute(connection, self._postgres_triggers() if postgres else self._sqlite_triggers())

    def rebuild(self, connection):
        """Index every row again (after a restore, or if the index was ever lost)."""
        # Touching an indexed column fires the update trigger for every row.
        _execute(connection, [f"DELETE FROM {self.table}",
                              f"UPDATE {self.source} SET {self.title_column} = {self.title_column}"])


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def register(index):
    """Remember ``index`` so its triggers are re-created after every migrate."""
    if index not in REGISTERED:
        REGISTERED.append(index)
    return index


def create_registered_triggers(sender, using="default", **kwargs):
    """post_migrate handler: make sure every registered index still has its triggers."""
    from django.db import connections

    for index in REGISTERED:
        index.create_triggers(connections[using])
