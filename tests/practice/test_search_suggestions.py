"""When a search finds nothing: a spelling from the index's words, and entries with most words."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from exchange.common.search import VOCABULARY_CACHE_KEY
from exchange.practice.enums import Visibility
from exchange.practice.finder import PracticeQuery, find
from tests.factories import PracticeFactory

LIST_URL = reverse("practice:list")


def quoted(q):
    return f"\u2018{q}\u2019"


def text_of(html, css_class):
    """The words inside the first element whose class list includes ``css_class``."""
    match = re.search(rf'class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</(p|div|h2)>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split()) if match else None


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    # The vocabulary is cached for an hour; each test has its own entries.
    key = VOCABULARY_CACHE_KEY.format(table="practice_search")
    cache.delete(key)
    yield
    cache.delete(key)


def found(q, user=None, **filters):
    query, _ = PracticeQuery.from_params({"q": q, **filters})
    return find(user or AnonymousUser(), query, when_nothing_matches=True)


@pytest.fixture
def coursing(db):
    """Two entries with two of the three words of "ransomware hare coursing", one with one."""
    return {
        "hare": PracticeFactory(title="Hare coursing on farmland at night"),
        "rural": PracticeFactory(title="Rural crime team",
                                 description="Stopping hare coursing with landowners."),
        "ransomware": PracticeFactory(title="Ransomware advice for small firms"),
        "other": PracticeFactory(title="Cycle theft marking days"),
    }


@pytest.mark.django_db
def test_a_misspelt_word_suggests_the_word_the_entries_use():
    PracticeFactory(title="Domestic abuse champions in every station")
    PracticeFactory(title="Cycle theft marking days")

    result = found("domestic abuce")

    assert result.suggestion == "domestic abuse"


@pytest.mark.django_db
def test_the_suggestion_is_a_link_that_runs_the_suggested_search(client):
    PracticeFactory(title="Domestic abuse champions in every station")

    page = client.get(LIST_URL, {"q": "domestic abuce"}).content.decode()

    assert text_of(page, "exchange-results__suggestion") == "Did you mean domestic abuse ?"
    link = unescape(re.search(r'exchange-results__suggestion">Did you mean <a class="govuk-link" '
                              r'href="([^"]+)"', page).group(1))
    assert parse_qs(urlsplit(link).query)["q"] == ["domestic abuse"]
    followed = client.get(LIST_URL + link).content.decode()
    assert f"1 entry matching {quoted('domestic abuse')}" in followed
    assert "<mark>Domestic</mark> <mark>abuse</mark> champions in every station" in followed


@pytest.mark.django_db
def test_a_search_that_finds_something_suggests_nothing():
    PracticeFactory(title="Domestic abuse champions in every station")
    assert found("domestic abuse").suggestion is None


@pytest.mark.django_db
def test_no_suggestion_comes_from_an_entry_the_person_may_not_see():
    PracticeFactory(title="Kingfisher nesting sites and wildlife crime",
                    visibility=Visibility.MEMBERS)
    PracticeFactory(title="Cycle theft marking days")
    assert found("kingfishr").suggestion is None


def test_when_no_entry_has_every_word_the_entries_with_most_of_them_are_shown(coursing):
    result = found("ransomware hare coursing")

    assert {p.title for p in result.items} == {coursing["hare"].title, coursing["rural"].title}
    assert result.count == 2
    assert (result.words_matched, result.words) == (2, 3)
    assert result.facets["evidence_label"][0]["count"] == 2


def test_the_list_says_the_entries_have_only_most_of_the_words(client, coursing):
    page = client.get(LIST_URL, {"q": "ransomware hare coursing"}).content.decode()

    assert text_of(page, "exchange-results__most-words") == (
        f"No entries have all the words in {quoted('ransomware hare coursing')}. These have 2 of the 3.")
    assert text_of(page, "exchange-results__count") == (
        f"2 entries with most of the words in {quoted('ransomware hare coursing')}")
    assert "Hare coursing on farmland" in page.replace("<mark>", "").replace("</mark>", "")
    assert "Ransomware advice" not in page


def test_entries_with_every_word_are_shown_without_the_notice(client, coursing):
    page = client.get(LIST_URL, {"q": "hare coursing"}).content.decode()
    assert "exchange-results__most-words" not in page
    assert found("hare coursing").words_matched == 0


def test_the_api_and_the_finder_without_the_option_still_need_every_word(client, coursing):
    query, _ = PracticeQuery.from_params({"q": "ransomware hare coursing"})
    assert find(AnonymousUser(), query).count == 0
    assert client.get("/api/v1/practices", {"q": "ransomware hare coursing"}).json()["count"] == 0
