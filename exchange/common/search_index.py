# ruff: noqa: S608 - every statement is built from constant table and column names, never input.
"""The tables and triggers behind a full-text index, for both databases.

An index is declared once as a :class:`FullTextIndex` (in its app's ``search_index.py``) and
created by that app's migration with :meth:`FullTextIndex.create`: an FTS5 table on SQLite, a
table with a GIN-indexed ``tsvector`` on PostgreSQL, each named after the index and joined to
its source rows by ``rowid``. Database triggers keep it in step with the source table, so
``bulk_create``, imports and raw SQL are indexed too. Titles weigh most, then summaries and the
names of related rows, then the body columns.

An index may also hold the names of rows in other tables (:class:`LinkedNames` through a
many-to-many table, :class:`ForeignName` through a foreign key). Triggers on those tables
re-index the source rows they touch with one set-based statement: adding or removing a link
re-indexes its entry, and renaming a topic or an organisation re-indexes every entry that
carries it, however many, without a query per row.

SQLite rebuilds a table to alter it (a migration that adds a constraint copies the table): that
silently drops the table's own triggers, and fails outright ("error in trigger ... no such
table") while a trigger on another table names the table being rebuilt. So on SQLite the
triggers of every registered index are dropped before ``migrate`` runs and created after it
(see ``CommonConfig.ready``), and a migration makes only the index table and its rows; a data
migration that writes indexed text on SQLite calls :meth:`FullTextIndex.rebuild`. PostgreSQL
alters tables in place, so its triggers are made by the migration and simply renewed after.
"""

from dataclasses import dataclass

REGISTERED = []
MIGRATING = set()  # aliases of SQLite databases in the middle of a migrate: no triggers then
TEXT_SEARCH_CONFIG = "english"
# bm25 weights on SQLite; PostgreSQL's ts_rank gets the same order from the letters A, B, C.
TITLE_WEIGHT, SUMMARY_WEIGHT, NAMES_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 4.0, 1.0


def _postgres(connection):
    return connection.vendor == "postgresql"


def _json_texts(column, postgres):
    """The texts of a JSON list column, space-separated ('' for anything but a list)."""
    if postgres:
        return (f"coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text("
                f"CASE WHEN jsonb_typeof({column}) = 'array' THEN {column} ELSE '[]' END)), '')")
    return (f"coalesce((SELECT group_concat(value, ' ') FROM json_each("
            f"CASE WHEN json_type({column}) = 'array' THEN {column} ELSE '[]' END)), '')")


def _join(parts):
    """One SQL text expression of ``parts`` separated by spaces, NULLs as ''."""
    return " || ' ' || ".join(f"coalesce({part}, '')" for part in parts) or "''"


@dataclass(frozen=True)
class LinkedNames:
    """The names (and aliases) of the rows linked to a source row through a many-to-many table."""

    link_table: str  # e.g. practice_practice_topics
    source_key: str  # its column naming the source row
    target_key: str  # its column naming the linked row
    table: str  # the linked rows
    name: str = "name"
    aliases: str = "aliases"  # a JSON list of other names

    def sql(self, row, postgres):
        aggregate = "string_agg" if postgres else "group_concat"
        names = _join([f"n.{self.name}", _json_texts(f"n.{self.aliases}", postgres)])
        return (f"(SELECT {aggregate}({names}, ' ') FROM {self.link_table} k JOIN {self.table} n "
                f"ON n.id = k.{self.target_key} WHERE k.{self.source_key} = {row}.id)")

    def watches(self, source):
        return [
            Watch(self.link_table, "insert", f"SELECT new.{self.source_key}", key=self.source_key),
            Watch(self.link_table, "delete", f"SELECT old.{self.source_key}", key=self.source_key),
            Watch(self.table, "update", f"SELECT {self.source_key} FROM {self.link_table} "
                                        f"WHERE {self.target_key} = new.id",
                  columns=(self.name, self.aliases)),
        ]

    def source_columns(self):
        return ()


@dataclass(frozen=True)
class ForeignName:
    """The name (and aliases) of the row a source row's foreign key points at."""

    column: str  # the source's foreign key column, e.g. organisation_id
    table: str
    name: str = "name"
    aliases: str = "aliases"

    def sql(self, row, postgres):
        names = _join([f"n.{self.name}", _json_texts(f"n.{self.aliases}", postgres)])
        return f"(SELECT {names} FROM {self.table} n WHERE n.id = {row}.{self.column})"

    def watches(self, source):
        return [Watch(self.table, "update", f"SELECT id FROM {source} WHERE {self.column} = new.id",
                      columns=(self.name, self.aliases))]

    def source_columns(self):
        return (self.column,)


@dataclass(frozen=True)
class ChoiceLabel:
    """The label of a ``TextChoices`` column ("North West", not "north_west")."""

    column: str
    choices: tuple  # ((value, label), ...)

    def sql(self, row, postgres):
        cases = " ".join(f"WHEN '{value}' THEN '{label}'" for value, label in self.choices)
        return f"(CASE {row}.{self.column} {cases} ELSE '' END)"


@dataclass(frozen=True)
class TextList:
    """A JSON list of texts on the source row (an entry's partners)."""

    column: str

    def sql(self, row, postgres):
        return _json_texts(f"{row}.{self.column}", postgres)


@dataclass(frozen=True)
class Watch:
    """A trigger on another table: after ``event`` there, re-index the source rows that
    ``sources`` (SQL over the changed row, ``new``/``old``) selects."""

    table: str
    event: str  # insert, update or delete
    sources: str
    columns: tuple = ()  # for an update: only when one of these changed
    key: str = ""  # for a link table: its column naming the source row

    def name(self, index):
        return f"{index.table}_{self.table}_{self.event}"


@dataclass(frozen=True)
class FullTextIndex:
    table: str  # the index table, and on both databases the name of its document column
    source: str  # the indexed table
    body_columns: tuple
    title_column: str = "title"
    summary_column: str = "summary"
    names: tuple = ()  # LinkedNames / ForeignName: weighted with the summary, above the body
    extra_body: tuple = ()  # ChoiceLabel / TextList: indexed with the body

    @property
    def indexed_columns(self):
        """The source's columns whose update changes its document."""
        extra = [c for n in self.names for c in n.source_columns()]
        return [self.title_column, self.summary_column, *self.body_columns, *extra,
                *(part.column for part in self.extra_body)]

    @property
    def fts_columns(self):
        return ["title", "summary", *(["names"] if self.names else []), "body"]

    def watches(self):
        return [watch for part in self.names for watch in part.watches(self.source)]

    def _documents(self, postgres):
        """``(names_sql, body_sql)`` for source row ``s``."""
        names = _join([part.sql("s", postgres) for part in self.names])
        body = _join([*(f"s.{c}" for c in self.body_columns),
                      *(part.sql("s", postgres) for part in self.extra_body)])
        return names, body

    # --- SQLite ---------------------------------------------------------------------------

    def _sqlite_insert(self, ids):
        """The statement that indexes the source rows whose ids ``ids`` (SQL) selects."""
        names, body = self._documents(postgres=False)
        values = ["s.id", f"s.{self.title_column}", f"s.{self.summary_column}",
                  *([names] if self.names else []), body]
        return (f"INSERT INTO {self.table}(rowid, {', '.join(self.fts_columns)}) "
                f"SELECT {', '.join(values)} FROM {self.source} s WHERE s.id IN ({ids})")

    def _sqlite_index(self, ids):
        """Trigger statements that re-index the source rows whose ids ``ids`` selects."""
        return f"DELETE FROM {self.table} WHERE rowid IN ({ids}); {self._sqlite_insert(ids)};"

    def _sqlite_tables(self):
        weights = [TITLE_WEIGHT, SUMMARY_WEIGHT, *([NAMES_WEIGHT] if self.names else []), BODY_WEIGHT]
        return [
            f"CREATE VIRTUAL TABLE {self.table} USING fts5({', '.join(self.fts_columns)}, "
            "tokenize = 'porter unicode61 remove_diacritics 2')",
            f"INSERT INTO {self.table}({self.table}, rank) VALUES "
            f"('rank', 'bm25({', '.join(str(w) for w in weights)})')",
        ]

    def _sqlite_triggers(self):
        statements = [
            f"CREATE TRIGGER {self.table}_insert AFTER INSERT ON {self.source} "
            f"BEGIN {self._sqlite_index('new.id')} END",
            f"CREATE TRIGGER {self.table}_update AFTER UPDATE OF "
            f"{', '.join(self.indexed_columns)} ON {self.source} BEGIN "
            f"DELETE FROM {self.table} WHERE rowid = old.id; {self._sqlite_index('new.id')} END",
            f"CREATE TRIGGER {self.table}_delete AFTER DELETE ON {self.source} "
            f"BEGIN DELETE FROM {self.table} WHERE rowid = old.id; END",
        ]
        for watch in self.watches():
            event = watch.event.upper()
            when = ""
            if watch.columns:
                event += f" OF {', '.join(watch.columns)}"
                when = "WHEN " + " OR ".join(f"old.{c} IS NOT new.{c}" for c in watch.columns)
            statements.append(f"CREATE TRIGGER {watch.name(self)} AFTER {event} ON {watch.table} "
                              f"{when} BEGIN {self._sqlite_index(watch.sources)} END")
        return [*self._sqlite_drop_triggers(), *statements]

    def _sqlite_drop_triggers(self):
        names = [f"{self.table}_{event}" for event in ("insert", "update", "delete")]
        return [f"DROP TRIGGER IF EXISTS {name}"
                for name in [*names, *(watch.name(self) for watch in self.watches())]]

    def _sqlite_drop(self):
        return [*self._sqlite_drop_triggers(), f"DROP TABLE IF EXISTS {self.table}"]

    def _sqlite_matches_table(self, connection):
        """Whether the FTS5 table has the columns declared (a later migration may change them)."""
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA table_info({self.table})")
            return [row[1] for row in cursor.fetchall()] == self.fts_columns

    # --- PostgreSQL -----------------------------------------------------------------------

    def _postgres_tables(self):
        return [
            # No foreign key: a TRUNCATE of the source table (test flushes) must not be refused.
            f"CREATE TABLE {self.table} (rowid bigint PRIMARY KEY, {self.table} tsvector NOT NULL)",
            f"CREATE INDEX {self.table}_document_gin ON {self.table} USING gin ({self.table})",
        ]

    def _postgres_document(self):
        names, body = self._documents(postgres=True)
        config = TEXT_SEARCH_CONFIG
        parts = [f"setweight(to_tsvector('{config}', coalesce(s.{self.title_column}, '')), 'A')",
                 f"setweight(to_tsvector('{config}', coalesce(s.{self.summary_column}, '')), 'B')",
                 *([f"setweight(to_tsvector('{config}', {names}), 'B')"] if self.names else []),
                 f"setweight(to_tsvector('{config}', {body}), 'C')"]
        return " || ".join(parts)

    def _postgres_index_function(self):
        """``{table}_index(ids)``: one statement that (re)indexes the given source rows."""
        return f"""
            CREATE OR REPLACE FUNCTION {self.table}_index(ids bigint[]) RETURNS void AS $$
              INSERT INTO {self.table} (rowid, {self.table})
              SELECT s.id, {self._postgres_document()} FROM {self.source} s WHERE s.id = ANY(ids)
              ON CONFLICT (rowid) DO UPDATE SET {self.table} = EXCLUDED.{self.table};
            $$ LANGUAGE sql
            """

    def _postgres_triggers(self):
        statements = [
            self._postgres_index_function(),
            f"""
            CREATE OR REPLACE FUNCTION {self.table}_refresh() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                DELETE FROM {self.table} WHERE rowid = OLD.id;
              ELSE
                PERFORM {self.table}_index(ARRAY[NEW.id]);
              END IF;
              RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """,
            *self._postgres_drop_triggers(),
            f"CREATE TRIGGER {self.table}_write AFTER INSERT OR UPDATE OF "
            f"{', '.join(self.indexed_columns)} ON {self.source} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.table}_refresh()",
            f"CREATE TRIGGER {self.table}_remove AFTER DELETE ON {self.source} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.table}_refresh()",
        ]
        for watch in self.watches():
            statements += self._postgres_watch(watch)
        return statements

    def _postgres_watch(self, watch):
        name = watch.name(self)
        if watch.columns:
            # A rename: one row, one statement that re-indexes every entry carrying it.
            changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in watch.columns)
            return [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                f"PERFORM {self.table}_index(ARRAY({watch.sources})); RETURN NULL; END "
                "$$ LANGUAGE plpgsql",
                f"CREATE TRIGGER {name} AFTER UPDATE OF {', '.join(watch.columns)} ON "
                f"{watch.table} FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {name}()",
            ]
        # Links: once per statement over its transition table, so a bulk insert of links
        # re-indexes each entry once, not once per link.
        rows = "new_rows" if watch.event == "insert" else "old_rows"
        referencing = "NEW TABLE AS new_rows" if watch.event == "insert" else "OLD TABLE AS old_rows"
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
            f"PERFORM {self.table}_index(ARRAY(SELECT DISTINCT {watch.key} FROM {rows})); "
            "RETURN NULL; END $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER {name} AFTER {watch.event.upper()} ON {watch.table} "
            f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]

    def _postgres_drop_triggers(self):
        statements = [f"DROP TRIGGER IF EXISTS {self.table}_write ON {self.source}",
                      f"DROP TRIGGER IF EXISTS {self.table}_remove ON {self.source}"]
        return statements + [f"DROP TRIGGER IF EXISTS {watch.name(self)} ON {watch.table}"
                             for watch in self.watches()]

    def _postgres_drop(self):
        return [*self._postgres_drop_triggers(),
                *(f"DROP FUNCTION IF EXISTS {watch.name(self)}()" for watch in self.watches()),
                f"DROP FUNCTION IF EXISTS {self.table}_refresh()",
                f"DROP FUNCTION IF EXISTS {self.table}_index(bigint[])",
                f"DROP TABLE IF EXISTS {self.table}"]

    # --- What migrations and commands call ------------------------------------------------

    def create(self, connection):
        """Create the index table and its triggers, and index the rows already there (a
        migration's forward step)."""
        tables = self._postgres_tables() if _postgres(connection) else self._sqlite_tables()
        _execute(connection, tables)
        self.create_triggers(connection)
        self.rebuild(connection)

    def drop(self, connection):
        """Remove the index and its triggers (a migration's reverse step)."""
        _execute(connection, self._postgres_drop() if _postgres(connection) else self._sqlite_drop())

    def create_triggers(self, connection):
        """(Re)create the triggers if every table they need exists, replacing any older
        definition. Safe to run any number of times."""
        tables = set(connection.introspection.table_names())
        needed = {self.table, self.source, *(watch.table for watch in self.watches())}
        if not needed <= tables:
            return
        if _postgres(connection):
            _execute(connection, self._postgres_triggers())
        elif connection.alias not in MIGRATING and self._sqlite_matches_table(connection):
            _execute(connection, self._sqlite_triggers())

    def rebuild(self, connection):
        """Index every row again (after a restore, or if the index was ever lost)."""
        if _postgres(connection):
            statements = [f"DELETE FROM {self.table}",
                          f"SELECT {self.table}_index(ARRAY(SELECT id FROM {self.source}))"]
        else:
            statements = [f"DELETE FROM {self.table}",
                          self._sqlite_insert(f"SELECT id FROM {self.source}")]
        _execute(connection, statements)


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def register(index):
    """Remember ``index`` so its triggers are re-created after every migrate."""
    if index not in REGISTERED:
        REGISTERED.append(index)
    return index


def drop_registered_triggers(sender, using="default", **kwargs):
    """pre_migrate handler: on SQLite, no index trigger may name a table a migration rebuilds."""
    from django.db import connections

    connection = connections[using]
    if _postgres(connection):
        return
    MIGRATING.add(using)
    for index in REGISTERED:
        _execute(connection, index._sqlite_drop_triggers())


def create_registered_triggers(sender, using="default", **kwargs):
    """post_migrate handler: make sure every registered index has its current triggers."""
    from django.db import connections

    MIGRATING.discard(using)
    for index in REGISTERED:
        index.create_triggers(connections[using])
