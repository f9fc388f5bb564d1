"""Benchmark: searching and filtering the practice bank, and importing into it.

    .venv/bin/python bench/practice_search.py --entries 100000 [--database-url postgres://...]

Creates a fresh database (SQLite under var/, or `bench_exchange` on the PostgreSQL server named
by --database-url or DATABASE_URL), migrates it, writes N synthetic entries, then times a fixed
mix of requests three ways: the API through Django's test client, the search layer alone
(exchange.practice.finder.find), and the floor (the same query written directly in SQL). Each
request is run once to warm up and then five times; p50 and p95 are over all those timings.
Then the import rate of import_practices against a bulk insert of the same 2,000 rows. Last,
a fresh import as a person makes one: a new database, N entries through `manage.py
import_practices --publish` (no ANALYZE but what the command does itself), and the same mix
timed at once, as ratios to the floor measured on that data in the same run.
docs/performance.md explains the figures.
"""

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "bench_exchange"
IMPORT_ROWS = 2000


def main(argv=None):
    args = parse_arguments(argv)
    url = args.database_url or os.environ.get("DATABASE_URL") or ""
    database = prepare_database(url, args.entries)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
    # Not a development server: no query log in memory, no email leaving the machine.
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["EXCHANGE_EMAIL_TRANSPORT"] = "dummy"
    import django

    django.setup()
    try:
        return run(args, database)
    finally:
        if not args.keep:
            database.drop()


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000, help="Entries to generate.")
    parser.add_argument("--database-url", default=None,
                        help="A PostgreSQL server (its database name is ignored); default "
                             "DATABASE_URL, and SQLite when neither is set.")
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs of each request.")
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database.")
    parser.add_argument("--verbose", action="store_true", help="Print each request's timings.")
    return parser.parse_args(argv)


class SQLiteDatabase:
    def __init__(self, entries):
        self.path = ROOT / "var" / f"bench-{entries}.sqlite3"
        self.path.parent.mkdir(exist_ok=True)
        self.drop()
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(self.path)
        self.name = "SQLite"

    def reset(self):
        """An empty database again (the next query opens a new file)."""
        self.drop()

    def drop(self):
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


class PostgreSQLDatabase:
    def __init__(self, url):
        import psycopg

        self.psycopg = psycopg
        parts = urlsplit(url)
        self.server = urlunsplit(parts._replace(path="/postgres"))
        self.name = "PostgreSQL"
        self._execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        self._execute(f"CREATE DATABASE {BENCH_DATABASE}")
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))

    def reset(self):
        self.drop()
        self._execute(f"CREATE DATABASE {BENCH_DATABASE}")

    def _execute(self, sql):
        with self.psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(sql)

    def drop(self):
        from django.db import connections

        connections.close_all()
        self._execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def prepare_database(url, entries):
    if url.startswith(("postgres://", "postgresql://")):
        return PostgreSQLDatabase(url)
    return SQLiteDatabase(entries)


def run(args, database):
    from django.core.management import call_command
    from django.db import connection

    from bench import corpus

    name = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    say(f"{name}: migrating a fresh database")
    call_command("migrate", verbosity=0)
    say(f"Generating {args.entries:,} entries")
    seconds = corpus.generate(args.entries, progress=lambda n: progress(n, args.entries))
    say(f"\rGenerated {args.entries:,} entries in {seconds:.1f} s ({args.entries / seconds:,.0f}/s)")
    analyse(connection)
    layers = measure(corpus, repeat=args.repeat, verbose=args.verbose)
    rates = import_rates(corpus)
    report(name, args.entries, layers, rates)
    say("")
    say(f"{name}: a fresh import, as a person makes one")
    database.reset()
    call_command("migrate", verbosity=0)
    _, rate = fresh_import(corpus, args.entries)
    fresh_layers = measure(corpus, repeat=args.repeat, verbose=args.verbose)
    report_fresh(name, args.entries, fresh_layers, rate)
    return 0


def analyse(connection):
    """Give the planner statistics, as autovacuum or a routine ANALYZE would in production."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(corpus, *, repeat, verbose):
    """``{layer: [milliseconds]}`` over the whole mix, for the layers that exist."""
    from django.test import Client

    client = Client()
    layers = {"api": lambda p: corpus.run_api(client, p), "finder": corpus.run_finder,
              "no-facets": corpus.run_finder_without_facets, "floor": corpus.floor,
              "floor+facets": corpus.floor_with_facets}
    samples = {name: [] for name in layers}
    for kind, params in corpus.REQUESTS:
        line = []
        for name, function in layers.items():
            timings = corpus.timed(function, params, repeat=repeat)
            samples[name] += timings
            line.append(f"{name} {sorted(timings)[len(timings) // 2]:7.1f}")
        if verbose:
            _, count = corpus.floor(params)
            say(f"  {kind:14} {params!s:62} {count:7} matches  " + "  ".join(line) + " ms")
    return samples


def import_rates(corpus):
    """Rows per second for import_practices and for a bulk insert of the same rows."""
    from django.db import transaction

    from exchange.common.models import Topic
    from exchange.practice.importers import import_practices

    specs, rows = corpus.interchange_rows(IMPORT_ROWS)
    started = time.perf_counter()
    report = import_practices(rows=rows)
    imported = time.perf_counter() - started
    if report.problems:
        raise RuntimeError(f"The benchmark's rows did not import: {report.problems[:5]}")
    topics = dict(Topic.objects.values_list("slug", "pk"))
    started = time.perf_counter()
    with transaction.atomic():
        corpus.write_entries(specs, topics)
    bulk = time.perf_counter() - started
    return {"import": IMPORT_ROWS / imported, "bulk": IMPORT_ROWS / bulk}


def fresh_import(corpus, entries):
    """Import ``entries`` new entries through ``manage.py import_practices --publish``, with the
    site's topics loaded first (as ``seed_demo`` or an administrator would); no ANALYZE but
    what the command does. Returns the seconds it took and its rows per second."""
    from django.core.management import call_command

    from exchange.common.management.commands.seed_demo import load_topics

    load_topics()
    _, rows = corpus.interchange_rows(entries, seed=11)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "entries.json"
        path.write_text(json.dumps([row for _, row in rows]), encoding="utf-8")
        started = time.perf_counter()
        call_command("import_practices", str(path), "--publish", stdout=io.StringIO())
        seconds = time.perf_counter() - started
    say(f"Imported {entries:,} entries in {seconds:.1f} s ({entries / seconds:,.0f}/s)")
    return seconds, entries / seconds


def report_fresh(name, entries, layers, rate):
    """The fresh import's figures, as ratios to the floor measured on the same data."""
    from bench.corpus import summary

    figures = {layer: summary(samples) for layer, samples in layers.items()}
    floor, same = figures["floor"], figures["floor+facets"]
    say("")
    say(f"{'fresh import':13} {'p50 ms':>8} {'p95 ms':>8} {'p50 / floor':>12} {'p50 / floor+facets':>19}")
    for layer, figure in figures.items():
        say(f"{layer:13} {figure['p50']:8.1f} {figure['p95']:8.1f} "
            f"{figure['p50'] / floor['p50']:12.1f} {figure['p50'] / same['p50']:19.1f}")
    say("")
    say("| database | entries imported | import rows/s | API p50 / p95 ms | finder p50 / p95 ms "
        "| no-facets p50 / p95 ms | floor+facets p50 / p95 ms | bare floor p50 / p95 ms "
        "| API / floor+facets (p50) | API / bare floor (p50) | API p95 / floor+facets p95 |")
    api, finder, bare = figures["api"], figures["finder"], figures["no-facets"]
    say(f"| {name} | {entries:,} | {rate:,.0f} | {api['p50']:.1f} / {api['p95']:.1f} "
        f"| {finder['p50']:.1f} / {finder['p95']:.1f} | {bare['p50']:.1f} / {bare['p95']:.1f} "
        f"| {same['p50']:.1f} / {same['p95']:.1f} | {floor['p50']:.1f} / {floor['p95']:.1f} "
        f"| {api['p50'] / same['p50']:.1f}x | {api['p50'] / floor['p50']:.1f}x "
        f"| {api['p95'] / same['p95']:.1f}x |")


def report(name, entries, layers, rates):
    from bench.corpus import summary

    figures = {layer: summary(samples) for layer, samples in layers.items()}
    floor = figures["floor"]
    same = figures["floor+facets"]
    say("")
    say(f"{'layer':13} {'p50 ms':>8} {'p95 ms':>8} {'p50 / floor':>12} {'p50 / floor+facets':>19}")
    for layer, figure in figures.items():
        say(f"{layer:13} {figure['p50']:8.1f} {figure['p95']:8.1f} "
            f"{figure['p50'] / floor['p50']:12.1f} {figure['p50'] / same['p50']:19.1f}")
    say(f"import_practices {rates['import']:,.0f} rows/s; bulk insert {rates['bulk']:,.0f} rows/s; "
        f"import takes {rates['bulk'] / rates['import']:.1f}x the bulk insert's time")
    say("")
    say("| database | entries | API p50 / p95 ms | finder p50 / p95 ms | floor+facets p50 / p95 ms "
        "| bare floor p50 / p95 ms | API / floor+facets (p50) | finder / floor+facets (p50) "
        "| API / bare floor (p50) | import rows/s | bulk rows/s | import / bulk time |")
    api, finder = figures["api"], figures["finder"]
    say(f"| {name} | {entries:,} | {api['p50']:.1f} / {api['p95']:.1f} "
        f"| {finder['p50']:.1f} / {finder['p95']:.1f} | {same['p50']:.1f} / {same['p95']:.1f} "
        f"| {floor['p50']:.1f} / {floor['p95']:.1f} "
        f"| {api['p50'] / same['p50']:.1f}x | {finder['p50'] / same['p50']:.1f}x "
        f"| {api['p50'] / floor['p50']:.1f}x "
        f"| {rates['import']:,.0f} | {rates['bulk']:,.0f} | {rates['bulk'] / rates['import']:.1f}x |")


def progress(done, total):
    print(f"\r  {done:,} / {total:,}", end="", file=sys.stderr, flush=True)


def say(text):
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
