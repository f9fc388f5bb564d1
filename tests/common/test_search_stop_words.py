"""Stop words ("in", "the", "of") are left out of a search on both databases, as PostgreSQL's
English configuration leaves them out; a quoted phrase is still a phrase."""

import pytest

from exchange.common.search import STOP_WORDS, fts5_query, highlight, query_terms, search
from exchange.practice.models import Practice
from tests.factories import PracticeFactory

# query_terms and highlight read the staff-edited synonym list (cached for five minutes), so
# even the tests of plain text may read the database: they must not pass only while the cache
# another test warmed is still fresh.
pytestmark = pytest.mark.django_db


def test_the_stop_list_is_postgresqls_english_one():
    assert {"in", "the", "of", "and", "or", "don", "t"} <= STOP_WORDS
    assert len(STOP_WORDS) == 127
    assert "knife" not in STOP_WORDS


def test_stop_words_are_not_query_terms_or_highlighted():
    assert query_terms("The use of knives in schools") == ["use", "knives", "schools"]
    assert highlight("Knives in schools", "knives in schools") == (
        "<mark>Knives</mark> in <mark>schools</mark>")


def test_a_quoted_phrase_keeps_its_inner_words_and_loses_those_at_its_ends():
    assert fts5_query('"learning the lessons" in knife') == '"learning the lessons" "knife"'
    assert fts5_query('"the knife" of') == '"knife"'
    assert fts5_query('knife "NEAR(') == '"knife" "near"'


def test_a_query_of_stop_words_alone_has_no_words():
    assert query_terms("the of in") == []
    assert query_terms('"to be"') == []


@pytest.mark.django_db
def test_a_search_with_stop_words_finds_entries_without_them():
    entry = PracticeFactory(title="Burglary reduction", summary="", description="Target hardening.",
                            mechanism="", implementation="")
    assert list(search(Practice.objects.all(), "reduction of burglary")) == [entry]
    assert list(search(Practice.objects.all(), "the burglary reduction in")) == [entry]


@pytest.mark.django_db
def test_a_quoted_phrase_matches_the_words_together_only():
    together = PracticeFactory(title="Learning the lessons from reviews")
    PracticeFactory(title="Lessons in learning", description="Learning from reviews.")
    assert list(search(Practice.objects.all(), '"learning the lessons"')) == [together]


@pytest.mark.django_db
def test_a_search_of_stop_words_alone_leaves_the_list_alone():
    PracticeFactory.create_batch(2)
    assert search(Practice.objects.all(), "the of").count() == 2
