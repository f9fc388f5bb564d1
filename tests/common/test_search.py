import pytest

from exchange.common.search import fts5_query, highlight, query_terms, search
from exchange.practice.models import Practice
from tests.factories import PracticeFactory

# query_terms and highlight read the staff-edited synonym list (cached for five minutes), so
# even the tests of plain text may read the database: they must not pass only while the cache
# another test warmed is still fresh.
pytestmark = pytest.mark.django_db


def test_query_terms_are_words_without_operators_or_repeats():
    # "or" is a stop word, as in PostgreSQL's English configuration.
    assert query_terms('Knife "crime" OR knife -drugs*') == ["knife", "crime", "drugs"]
    assert fts5_query('knife "NEAR(') == '"knife" "near"'


def test_highlight_marks_words_starting_with_a_query_term_and_escapes_the_rest():
    html = highlight("Schools <b>and</b> school knives", "school")
    assert html == "<mark>Schools</mark> &lt;b&gt;and&lt;/b&gt; <mark>school</mark> knives"


@pytest.mark.django_db
def test_search_finds_stemmed_words_and_ranks_title_matches_first():
    in_body = PracticeFactory(title="Neighbourhood work",
                              description="We visited schools every week. " * 3)
    in_title = PracticeFactory(title="School liaison officers", description="Officers work locally.")
    PracticeFactory(title="Drug diversion", description="Adults are diverted to education.")
    found = list(search(Practice.objects.live(), "schools"))
    assert found == [in_title, in_body]
    assert found[0].search_rank > found[1].search_rank


@pytest.mark.django_db
def test_search_index_follows_edits_and_deletes():
    practice = PracticeFactory(title="Burglary prevention")
    practice.title = "Cycle theft prevention"
    practice.save()
    assert list(search(Practice.objects.all(), "cycle")) == [practice]
    assert list(search(Practice.objects.all(), "burglary")) == []
    practice.delete()
    assert list(search(Practice.objects.all(), "cycle")) == []


@pytest.mark.django_db
def test_a_query_with_no_words_leaves_the_list_alone():
    PracticeFactory.create_batch(2)
    assert search(Practice.objects.all(), " -- ").count() == 2
