"""The benchmark's generator and floor on a small corpus: they must agree with the finder."""

import pytest

from bench import corpus
from exchange.practice.enums import PracticeStatus, Visibility
from exchange.practice.models import Practice


@pytest.fixture
def bank(db):
    corpus.generate(200, batch_size=80)
    return Practice.objects.all()


def test_generator_writes_published_entries_with_topics_and_a_public_majority(bank):
    assert bank.count() == 200
    assert set(bank.values_list("status", flat=True)) == {PracticeStatus.PUBLISHED}
    public = bank.filter(visibility=Visibility.PUBLIC).count()
    assert 100 < public < 170
    assert bank.filter(topics__isnull=True).count() == 0
    assert bank.filter(start_year__isnull=True).count() == 0


def test_floor_counts_what_the_finder_counts_for_every_request_of_the_mix(bank):
    for _, params in corpus.REQUESTS:
        floor_ids, floor_count = corpus.floor(params)
        finder_ids, finder_count = corpus.run_finder(params, with_facets=False)

        assert len(floor_ids) <= corpus.PAGE_SIZE, params
        if set(params) <= {"q", "page"} and "q" in params:
            # A bare full-text query: it does not leave out members-only entries.
            assert floor_count >= finder_count, params
        else:
            assert floor_count == finder_count, params
        if "page" not in params and "q" not in params:
            assert floor_ids == finder_ids, params


def test_a_common_word_matches_many_entries(bank):
    _, count = corpus.floor({"q": "officers"})
    assert count > 50


def test_interchange_rows_import_and_bulk_insert_alike(bank):
    from exchange.common.models import Topic
    from exchange.practice.importers import import_practices

    specs, rows = corpus.interchange_rows(20)
    report = import_practices(rows=rows)
    assert report.problems == [] and report.created == 20
    corpus.write_entries(specs, dict(Topic.objects.values_list("slug", "pk")))
    assert Practice.objects.count() == 240
    assert Practice.objects.filter(status=PracticeStatus.SUBMITTED).count() == 20


def test_timing_gives_percentiles(bank):
    samples = corpus.timed(corpus.floor, {"q": "knife"}, repeat=3)
    figures = corpus.summary(samples)
    assert len(samples) == 3 and 0 < figures["p50"] <= figures["p95"]


def test_the_floor_with_facets_counts_labels_and_focus_as_the_finder_does(bank):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from exchange.practice.finder import PracticeQuery, facet_counts

    for _, params in corpus.REQUESTS:
        query, _ = PracticeQuery.from_params({k: v for k, v in params.items() if k != "page"})
        facets = facet_counts(AnonymousUser(), query)
        statements = corpus.floor_facet_sql(params, connection.vendor)
        with connection.cursor() as cursor:
            results = []
            for sql, sql_params in statements:
                cursor.execute(sql, sql_params)
                results.append(cursor.fetchall())
        focus = dict(results[-3])
        assert focus == {f["value"]: f["count"] for f in facets["focus"] if f["count"]}, params
        labels = {}
        if "evidence_label" in params:
            labels = dict(results[1])
        else:
            for row in results[0]:
                labels[row[0]] = labels.get(row[0], 0) + row[-1]
        assert labels == {f["value"]: f["count"] for f in facets["evidence_label"] if f["count"]}, params
