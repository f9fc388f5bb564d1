"""The benchmark's parts that need Django: the synthetic corpus, the request mix, the floor.

:func:`generate` writes N published entries with ``bulk_create`` from the demo's building blocks
(the database triggers index them, as they would an import). :data:`REQUESTS` is the fixed mix
of API requests; :func:`floor` runs the same full-text query (or filter) written by hand in SQL,
the least any implementation must pay, so the API and the finder are reported as ratios to it.
"""

import datetime
import random
import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from exchange.common.models import Topic
from exchange.common.search import TEXT_SEARCH_CONFIG, fts5_query
from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation
from exchange.practice.demo import compose
from exchange.practice.demo.blocks import FORCES, IDEAS
from exchange.practice.enums import EvidenceLabel, PracticeStatus, Visibility
from exchange.practice.interchange import format_start_date
from exchange.practice.models import Practice, PracticeFocus, PracticeRecognition

TopicLink = Practice.topics.through
LABELS = list(EvidenceLabel.values)
# Words no building block uses, each given to about one entry in 5,000: the rare searches.
RARE_WORDS = ["kingfisher", "marigold", "ravensworth", "quartzite"]
RARE_CHANCE = 1 / 5000
POLICE = [OrganisationType.TERRITORIAL_POLICE, OrganisationType.NATIONAL_POLICE]

# The fixed mix: (kind, API query parameters). Page 2 is asked for with "page".
REQUESTS = [
    ("search", {"q": "knife"}),
    ("search", {"q": "knife crime schools"}),
    ("search", {"q": "domestic abuse"}),
    ("search", {"q": "mental health nurse"}),
    ("search", {"q": "county lines"}),
    ("search", {"q": "burglary"}),
    ("search", {"q": "officers"}),
    ("search", {"q": "partners"}),
    ("search", {"q": "young people"}),
    ("search", {"q": "drones thermal camera"}),
    ("search", {"q": "restorative"}),
    ("search", {"q": "Sceptre"}),
    ("rare", {"q": "kingfisher"}),
    ("rare", {"q": "marigold"}),
    ("rare", {"q": "ravensworth"}),
    ("rare", {"q": "quartzite officers"}),
    ("search+filter", {"q": "knife", "evidence_label": "worked"}),
    ("search+filter", {"q": "domestic abuse", "topic": "domestic-abuse"}),
    ("search+filter", {"q": "drugs", "region": "north_west"}),
    ("search+filter", {"q": "victims", "year": "2021"}),
    ("search+filter", {"q": "young people", "focus": "diversion", "stage": "evaluated_locally"}),
    ("search+filter", {"q": "patrols", "organisation": "kent-police"}),
    ("search+filter", {"q": "fraud", "recognition": "tilley_award"}),
    ("search+filter", {"q": "officers", "evidence_label": "promising", "region": "london"}),
    ("filter", {}),
    ("filter", {"evidence_label": "promising"}),
    ("filter", {"evidence_label": "didnt_work"}),
    ("filter", {"topic": "county-lines"}),
    ("filter", {"topic": "wellbeing"}),
    ("filter", {"organisation": "merseyside-police"}),
    ("filter", {"region": "wales"}),
    ("filter", {"recognition": "hmicfrs_inspection"}),
    ("filter", {"year": "2019"}),
    ("filter", {"focus": "prevention", "stage": "independently_evaluated"}),
    ("filter", {"evidence_label": "worked", "topic": "burglary", "region": "south_east"}),
    ("page 2", {"q": "knife", "page": "2"}),
    ("page 2", {"q": "officers", "page": "2"}),
    ("page 2", {"page": "2"}),
    ("page 2", {"evidence_label": "worked", "page": "2"}),
    ("page 2", {"topic": "domestic-abuse", "page": "2"}),
]
PAGE_SIZE = 20


# The corpus --------------------------------------------------------------------------------


def generate(count, *, seed=2026, batch_size=2000, progress=None):
    """Write ``count`` published entries in batches; return how long it took in seconds.

    About two thirds are public. Their topics, focus and recognition rows are written too.
    """
    from exchange.common.management.commands.seed_demo import load_topics

    load_topics()
    rng = random.Random(seed)
    places = _places()
    topics = dict(Topic.objects.values_list("slug", "pk"))
    started = time.perf_counter()
    for start in range(0, count, batch_size):
        specs = [_entry(rng, places) for _ in range(min(batch_size, count - start))]
        write_entries(specs, topics)
        if progress:
            progress(start + len(specs))
    return time.perf_counter() - started


def _places():
    """``[(organisation, [areas])]`` for every police force, with real places where known."""
    places = []
    for organisation in Organisation.objects.filter(type__in=POLICE).order_by("slug"):
        short = organisation.name.replace(" Constabulary", "").replace(" Police", "")
        places.append((organisation, list(FORCES.get(organisation.slug, (short,)))))
    return places


def _entry(rng, places):
    organisation, areas = rng.choice(places)
    content = compose(rng, idea=rng.choice(IDEAS), area=rng.choice(areas), label=rng.choice(LABELS))
    content["visibility"] = Visibility.PUBLIC if rng.random() < 2 / 3 else Visibility.MEMBERS
    content["organisation"] = organisation
    if rng.random() < RARE_CHANCE * len(RARE_WORDS):
        content["description"] += f"\n\nIt ran as Operation {rng.choice(RARE_WORDS).title()}."
    days = rng.randint(0, 10 * 365)
    content["published_at"] = timezone.now() - datetime.timedelta(days=days, seconds=rng.randint(0, 86399))
    return content


def practice_from(content, **fields):
    """An unsaved published ``Practice`` from :func:`compose`'s content (plus ``organisation``)."""
    organisation = content["organisation"]
    plain = {name: value for name, value in content.items()
             if name not in {"topics", "focus", "recognition", "organisation"}}
    return Practice(**plain, organisation=organisation, region=organisation.region,
                    start_year=content["start_date"].year, status=PracticeStatus.PUBLISHED,
                    **fields)


def write_entries(specs, topics):
    """``bulk_create`` the entries of ``specs`` and their related rows (the floor of writing)."""
    practices = Practice.objects.bulk_create([practice_from(spec) for spec in specs])
    links, focus, recognition = [], [], []
    for practice, spec in zip(practices, specs, strict=True):
        links += [TopicLink(practice_id=practice.pk, topic_id=topics[slug]) for slug in spec["topics"]]
        focus += [PracticeFocus(practice_id=practice.pk, value=v) for v in spec["focus"]]
        recognition += [PracticeRecognition(practice_id=practice.pk, value=v) for v in spec["recognition"]]
    TopicLink.objects.bulk_create(links, batch_size=5000)
    PracticeFocus.objects.bulk_create(focus, batch_size=5000)
    PracticeRecognition.objects.bulk_create(recognition, batch_size=5000)
    return practices


def interchange_rows(count, *, seed=7):
    """``count`` entries as ``[(row_number, dict)]`` in the import format, and the same as
    :func:`compose` content for the bulk insert they are compared with."""
    rng = random.Random(seed)
    places = _places()
    topic_names = dict(Topic.objects.values_list("slug", "name"))
    specs, rows = [], []
    for number in range(count):
        spec = _entry(rng, places)
        spec.pop("published_at")
        specs.append(spec)
        row = {name: value for name, value in spec.items() if name not in {"start_date_precision"}}
        row.update(
            organisation=spec["organisation"].name,
            topics=[topic_names[slug] for slug in spec["topics"]],
            start_date=format_start_date(spec["start_date"], spec["start_date_precision"]),
            external_id=f"bench-{seed}-{number}",
        )
        rows.append((number + 2, row))
    return specs, rows


# The floor ---------------------------------------------------------------------------------


def floor(params):
    """Run the hand-written SQL for one request; return the top 20 ids and the count."""
    ids_sql, ids_params, count_sql, count_params = floor_sql(params, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(ids_sql, ids_params)
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(count_sql, count_params)
        (count,) = cursor.fetchone()
    return ids, count


def floor_sql(params, vendor):
    """``(ids_sql, ids_params, count_sql, count_params)``: the least SQL that answers the
    request. A search alone is the bare full-text query; filters add hand-written conditions
    on the published, public entries; without words the order is newest first."""
    offset = (int(params.get("page", 1)) - 1) * PAGE_SIZE
    page = f"LIMIT {PAGE_SIZE} OFFSET {offset}"
    where, where_params = _filters(params)
    q = params.get("q", "")
    if vendor == "postgresql":
        match, match_params = "practice_search @@ websearch_to_tsquery(%s::regconfig, %s)", [
            TEXT_SEARCH_CONFIG, q]
        rank = "ts_rank(practice_search, websearch_to_tsquery(%s::regconfig, %s), 1) DESC"
        rank_params = match_params
    else:
        match, match_params = "practice_search MATCH %s", [fts5_query(q)]
        rank, rank_params = "practice_search.rank", []
    if q and not where:
        body = f"FROM practice_search WHERE {match}"
        return (f"SELECT rowid {body} ORDER BY {rank} {page}", [*match_params, *rank_params],
                f"SELECT count(*) {body}", match_params)
    conditions = " AND ".join([
        f"p.status = '{PracticeStatus.PUBLISHED}'", "p.revision_of_id IS NULL",
        f"p.visibility = '{Visibility.PUBLIC}'", *where])
    practice = Practice._meta.db_table
    if not q:
        body = f"FROM {practice} p WHERE {conditions}"
        return (f"SELECT p.id {body} ORDER BY p.published_at DESC, p.id DESC {page}",
                where_params, f"SELECT count(*) {body}", where_params)
    body = (f"FROM practice_search JOIN {practice} p ON p.id = practice_search.rowid "
            f"WHERE {match} AND {conditions}")
    body_params = [*match_params, *where_params]
    return (f"SELECT p.id {body} ORDER BY {rank} {page}", [*body_params, *rank_params],
            f"SELECT count(*) {body}", body_params)


def _filters(params, without=None):
    """Hand-written WHERE conditions for the request's filters (all but ``without``)."""
    params = {k: v for k, v in params.items() if k != without}
    where, values = [], []
    simple = {"evidence_label": "p.evidence_label", "stage": "p.stage", "region": "p.region",
              "year": "p.start_year"}
    for name, column in simple.items():
        if name in params:
            where.append(f"{column} = %s")
            values.append(int(params[name]) if name == "year" else params[name])
    if "topic" in params:
        where.append(f"p.id IN (SELECT l.practice_id FROM {TopicLink._meta.db_table} l JOIN "
                     f"{Topic._meta.db_table} t ON t.id = l.topic_id WHERE t.slug = %s)")
        values.append(params["topic"])
    if "organisation" in params:
        where.append(f"p.organisation_id = (SELECT id FROM {Organisation._meta.db_table} "
                     f"WHERE slug = %s)")
        values.append(params["organisation"])
    for name, model in (("focus", PracticeFocus), ("recognition", PracticeRecognition)):
        if name in params:
            where.append(f"p.id IN (SELECT practice_id FROM {model._meta.db_table} WHERE value = %s)")
            values.append(params[name])
    return where, values


FACET_FILTERS = ["evidence_label", "stage", "focus", "topic", "organisation", "region",
                 "recognition", "year"]
COLUMN_FACETS = {"evidence_label": "p.evidence_label", "stage": "p.stage", "region": "p.region",
                 "organisation": "p.organisation_id", "year": "p.start_year"}


def floor_with_facets(params):
    """The floor plus the eight facet counts, in hand-written SQL: the same answer the API gives.

    Written as a careful engineer would by hand: the column facets nobody filtered on share one
    GROUP BY; a filtered facet and each many-valued facet (focus, recognition, topic) get their
    own, with every other filter applied.
    """
    ids, count = floor(params)
    with connection.cursor() as cursor:
        for sql, sql_params in floor_facet_sql(params, connection.vendor):
            cursor.execute(sql, sql_params)
            cursor.fetchall()
    return ids, count


def _matches(params, vendor, *, without=None):
    """``(from_where_sql, params)``: published public entries matching all filters but one."""
    where, where_params = _filters(params, without=without)
    conditions = " AND ".join([f"p.status = '{PracticeStatus.PUBLISHED}'",
                               f"p.visibility = '{Visibility.PUBLIC}'", *where])
    practice = Practice._meta.db_table
    q = params.get("q", "")
    if not q:
        return f"FROM {practice} p WHERE {conditions}", where_params
    if vendor == "postgresql":
        match = "practice_search @@ websearch_to_tsquery(%s::regconfig, %s)"
        match_params = [TEXT_SEARCH_CONFIG, q]
    else:
        match, match_params = "practice_search MATCH %s", [fts5_query(q)]
    return (f"FROM practice_search JOIN {practice} p ON p.id = practice_search.rowid "
            f"WHERE {match} AND {conditions}", [*match_params, *where_params])


def floor_facet_sql(params, vendor):
    statements = []
    together = [name for name in COLUMN_FACETS if name not in params]
    if together:
        columns = ", ".join(COLUMN_FACETS[name] for name in together)
        body, body_params = _matches(params, vendor)
        statements.append((f"SELECT {columns}, count(*) {body} GROUP BY {columns}", body_params))
    for name in COLUMN_FACETS:
        if name in params:
            column = COLUMN_FACETS[name]
            body, body_params = _matches(params, vendor, without=name)
            statements.append((f"SELECT {column}, count(*) {body} GROUP BY {column}", body_params))
    many = {"focus": (PracticeFocus._meta.db_table, "value"),
            "recognition": (PracticeRecognition._meta.db_table, "value"),
            "topic": (TopicLink._meta.db_table, "topic_id")}
    for name, (table, column) in many.items():
        body, body_params = _matches(params, vendor, without=name)
        statements.append((f"SELECT r.{column}, count(*) FROM {table} r WHERE r.practice_id IN "
                           f"(SELECT p.id {body}) GROUP BY r.{column}", body_params))
    return statements


# The layers above the floor -------------------------------------------------------------------


def run_finder(params, *, with_facets=True):
    from exchange.practice.finder import PracticeQuery, find

    query, _ = PracticeQuery.from_params({k: v for k, v in params.items() if k != "page"})
    result = find(AnonymousUser(), query, page=int(params.get("page", 1)), page_size=PAGE_SIZE,
                  with_facets=with_facets)
    return [item.pk for item in result.items], result.count


def run_finder_without_facets(params):
    """The finder's page and count only: what the floor does, through the ORM."""
    return run_finder(params, with_facets=False)


def run_api(client, params):
    response = client.get("/api/v1/practices", {**params, "page_size": PAGE_SIZE})
    if response.status_code != 200:
        raise RuntimeError(f"API answered {response.status_code} to {params}: {response.content[:300]}")
    body = response.json()
    return [item["id"] for item in body["items"]], body["count"]


def timed(function, params, *, repeat=5):
    """One warm-up, then ``repeat`` timings in milliseconds."""
    function(params)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(params)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(samples):
    return {"p50": statistics.median(samples), "p95": percentile(samples, 0.95)}
